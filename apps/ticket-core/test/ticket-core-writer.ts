import { WORKSPACE_CREATED_V1 } from '@switchboard/contracts';
import { dataSourceOptions, inTransaction } from '@switchboard/database';
import { Outbox } from '@switchboard/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ticketCoreDatabase } from '../src/database';

/**
 * Writes workspaces and their events straight into ticket-core's schema through the real outbox
 * code, the way a command does, for tests that need events written while NATS is away or in
 * bulk faster than requests would.
 */
export class TicketCoreWriter {
  private constructor(private readonly dataSource: DataSource) {}

  static async connect(databaseUrl: string): Promise<TicketCoreWriter> {
    const dataSource = new DataSource(dataSourceOptions(ticketCoreDatabase, databaseUrl));
    await dataSource.initialize();
    return new TicketCoreWriter(dataSource);
  }

  /** Creates `count` workspaces with their `workspace.created` events in one transaction. */
  async createWorkspaces(count: number, prefix: string): Promise<string[]> {
    const outbox = new Outbox();
    return inTransaction(this.dataSource, async (manager) => {
      const ids: string[] = [];
      for (let index = 0; index < count; index++) {
        const id = randomUUID();
        const slug = `${prefix}-${index}`;
        const [row] = await manager.query(
          `INSERT INTO workspaces (id, name, slug) VALUES ($1, $2, $3) RETURNING created_at`,
          [id, `Workspace ${slug}`, slug],
        );
        await outbox.add(manager, WORKSPACE_CREATED_V1, id, {
          workspaceId: id,
          name: `Workspace ${slug}`,
          slug,
          createdAt: new Date(row.created_at).toISOString(),
        });
        ids.push(id);
      }
      return ids;
    });
  }

  close(): Promise<void> {
    return this.dataSource.destroy();
  }
}
