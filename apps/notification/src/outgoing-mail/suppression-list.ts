import { Injectable } from '@nestjs/common';
import { SuppressedAddressV1 } from '@switchboard/contracts';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Addresses that bounced hard (a 5.1.x answer: no such mailbox): nothing more is sent to them,
 * so a dead address does not hurt the relay's reputation, until an admin clears it.
 */
@Injectable()
export class SuppressionList {
  constructor(private readonly dataSource: DataSource) {}

  async add(workspaceId: string, address: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO suppressed_addresses (workspace_id, address, reason) VALUES ($1, lower($2), $3)
       ON CONFLICT (workspace_id, address) DO UPDATE SET reason = excluded.reason`,
      [workspaceId, address, reason],
    );
  }

  /** Of these (workspace, address) pairs, the ones suppressed, as `workspace:address`, lowercase. */
  async suppressed(
    pairs: { workspaceId: string; address: string }[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Set<string>> {
    if (pairs.length === 0) return new Set();
    const rows: { key: string }[] = await manager.query(
      `SELECT workspace_id || ':' || address AS key FROM suppressed_addresses
        WHERE (workspace_id, address) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))`,
      [pairs.map((pair) => pair.workspaceId), pairs.map((pair) => pair.address.toLowerCase())],
    );
    return new Set(rows.map((row) => row.key));
  }

  async list(workspaceId: string): Promise<SuppressedAddressV1[]> {
    const rows: { address: string; reason: string; created_at: Date }[] =
      await this.dataSource.query(
        `SELECT address, reason, created_at FROM suppressed_addresses
          WHERE workspace_id = $1 ORDER BY created_at DESC, address LIMIT 1000`,
        [workspaceId],
      );
    return rows.map((row) => ({
      address: row.address,
      reason: row.reason,
      createdAt: row.created_at.toISOString(),
    }));
  }

  async clear(workspaceId: string, address: string): Promise<boolean> {
    const [, count] = (await this.dataSource.query(
      `DELETE FROM suppressed_addresses WHERE workspace_id = $1 AND address = lower($2)`,
      [workspaceId, address],
    )) as [unknown, number];
    return count > 0;
  }
}
