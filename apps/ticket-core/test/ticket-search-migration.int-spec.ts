import { dataSourceOptions, runMigrations } from '@switchboard/database';
import { createTestDatabase } from '@switchboard/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ticketCoreDatabase } from '../src/database';
import { TicketFixture, newTicket, newWorkspace } from './factories';

/**
 * TicketSearchNewest1795700000000 rebuilds ticket_search on an installation that already has
 * tickets: every vector must come across with its ticket's creation time, and the keys and
 * indexes must be back.
 */
describe('ticket_search gains the creation time on an existing installation', () => {
  let url: string;
  let db: Client;
  const tickets: TicketFixture[] = [];

  beforeAll(async () => {
    url = await createTestDatabase();
    db = new Client({ connectionString: url });
    await db.connect();
    const workspace = await newWorkspace(db);
    for (const minutes of [1, 2, 3]) {
      const createdAt = new Date(Date.UTC(2030, 0, 1, 8, minutes));
      tickets.push(await newTicket(db, workspace.id, { createdAt, subject: `printer ${minutes}` }));
    }
    // Back to the schema before the migration (and those after it), then forward again over
    // the same rows.
    const names = (ticketCoreDatabase.migrations as { name: string }[]).map(({ name }) => name);
    const since = names.slice(names.indexOf('TicketSearchNewest1795700000000'));
    const dataSource = new DataSource(dataSourceOptions(ticketCoreDatabase, url));
    await dataSource.initialize();
    try {
      for (let i = 0; i < since.length; i++) {
        await dataSource.undoLastMigration({ transaction: 'each' });
      }
    } finally {
      await dataSource.destroy();
    }
    expect(since[0]).toBe('TicketSearchNewest1795700000000');
    expect(await runMigrations(ticketCoreDatabase, url)).toEqual(since);
  });

  afterAll(async () => {
    await db?.end();
  });

  it('keeps every vector, beside its ticket creation time', async () => {
    const { rows } = await db.query<{ ticket_id: string; created_at: Date; matches: boolean }>(
      `SELECT ticket_id, created_at, search_vector @@ to_tsquery('simple', 'printer') AS matches
         FROM ticket_core.ticket_search ORDER BY created_at`,
    );
    expect(rows).toEqual(
      tickets.map((ticket) => ({
        ticket_id: ticket.id,
        created_at: ticket.createdAt,
        matches: true,
      })),
    );
  });

  it('has its primary key, its foreign key (with cascade) and both indexes again', async () => {
    const { rows: indexes } = await db.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes
        WHERE schemaname = 'ticket_core' AND tablename = 'ticket_search' ORDER BY indexname`,
    );
    expect(indexes.map((row) => row.indexname)).toEqual([
      'ticket_search_newest',
      'ticket_search_pkey',
      'ticket_search_vector',
    ]);
    await expect(
      db.query(
        `INSERT INTO ticket_core.ticket_search (ticket_id, workspace_id, created_at)
         SELECT ticket_id, workspace_id, created_at FROM ticket_core.ticket_search LIMIT 1`,
      ),
    ).rejects.toThrow(/ticket_search_pkey/);
    await db.query(`DELETE FROM ticket_core.tickets WHERE id = $1`, [tickets[0].id]);
    const { rows } = await db.query(
      `SELECT 1 FROM ticket_core.ticket_search WHERE ticket_id = $1`,
      [tickets[0].id],
    );
    expect(rows).toEqual([]);
  });
});
