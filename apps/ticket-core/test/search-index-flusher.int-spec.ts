import { dataSourceOptions } from '@switchboard/database';
import { createTestDatabase, waitFor } from '@switchboard/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ticketCoreDatabase } from '../src/database';
import { SearchIndexFlusher } from '../src/search/search-index-flusher';
import { TicketFixture, newTicket, newWorkspace } from './factories';

/** The search index's pending list, read without merging it (pgstattuple). */
async function pendingEntries(db: Client): Promise<number> {
  const { rows } = await db.query<{ pending_tuples: string }>(
    `SELECT pending_tuples FROM pgstatginindex('ticket_core.ticket_search_vector')`,
  );
  return Number(rows[0].pending_tuples);
}

describe('the search index pending list is merged in the background', () => {
  let db: Client;
  let dataSource: DataSource;
  let ticket: TicketFixture;

  /** What a message adds to its ticket's vector (see insertMessage). */
  const addWords = (words: string) =>
    db.query(
      `UPDATE ticket_core.ticket_search
          SET search_vector = search_vector || to_tsvector('simple', $2)
        WHERE ticket_id = $1`,
      [ticket.id, words],
    );

  beforeAll(async () => {
    const url = await createTestDatabase();
    db = new Client({ connectionString: url });
    await db.connect();
    await db.query('CREATE EXTENSION IF NOT EXISTS pgstattuple');
    const workspace = await newWorkspace(db);
    ticket = await newTicket(db, workspace.id, { subject: 'printer on fire' });
    dataSource = new DataSource(dataSourceOptions(ticketCoreDatabase, url));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.end();
  });

  it('gives the index a 1 MB pending list, room for a second of messages', async () => {
    const { rows } = await db.query<{ reloptions: string[] }>(
      `SELECT c.reloptions FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'ticket_core' AND c.relname = 'ticket_search_vector'`,
    );
    expect(rows[0].reloptions).toContain('gin_pending_list_limit=1024');
  });

  it('flush merges what messages added and answers the pages it emptied', async () => {
    const flusher = new SearchIndexFlusher(dataSource, { intervalMs: 60_000 });
    await addWords('toner cartridge jammed');
    expect(await pendingEntries(db)).toBeGreaterThan(0);
    expect(await flusher.flush()).toBeGreaterThan(0);
    expect(await pendingEntries(db)).toBe(0);
    expect(await flusher.flush()).toBe(0);
  });

  it('flushes by itself while the service runs', async () => {
    const flusher = new SearchIndexFlusher(dataSource, { intervalMs: 100 });
    flusher.onApplicationBootstrap();
    try {
      await addWords('paper tray empty');
      // Entries arrive; the loop takes them away within a few rounds.
      await waitFor(async () => (await pendingEntries(db)) === 0, { timeoutMs: 5_000 });
    } finally {
      await flusher.onModuleDestroy();
    }
  });
});
