import { CREATE_WORKSPACE_V1 } from '@switchboard/contracts';
import { STREAMS } from '@switchboard/messaging';
import {
  ProcessStack,
  ServiceProcess,
  TestNatsClient,
  scrapeMetric,
  startProcessStack,
  waitFor,
} from '@switchboard/testing';
import { TicketCoreWriter } from '../../apps/ticket-core/test/ticket-core-writer';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const BULK = 1000;
const COMMANDS = 200;

describe('two ticket-core replicas relaying one outbox', () => {
  let stack: ProcessStack;
  let processes: ServiceProcess[];
  let client: TestNatsClient;
  let writer: TicketCoreWriter;
  let db: Client;

  beforeAll(async () => {
    stack = await startProcessStack('relays', [
      'ticket-core',
      'ticket-core',
      'notification',
      'notification',
    ]);
    ({ processes, client, db } = stack);
    writer = await TicketCoreWriter.connect(stack.databaseUrl);
  });

  afterAll(async () => {
    await writer?.close();
    await stack?.stop();
  });

  it('delivers every event to the consumer exactly once', async () => {
    // A burst both relays compete for, plus commands spread over both replicas by the queue group.
    const bulk = writer.createWorkspaces(BULK, 'bulk');
    // Exactly-once is the point, not latency: a loaded machine may take longer than the default.
    const commands = Array.from({ length: COMMANDS }, (_, index) =>
      client.rpc.request(
        CREATE_WORKSPACE_V1,
        { name: `Command ${index}`, slug: `cmd-${index}` },
        { timeoutMs: 30_000 },
      ),
    );
    await Promise.all([bulk, ...commands]);
    const total = BULK + COMMANDS;

    await waitFor(
      async () =>
        Number((await db.query(`SELECT count(*) FROM notification.workspaces`)).rows[0].count) ===
        total,
      { timeoutMs: 60_000, description: `${total} workspaces to reach notification` },
    );

    const stream = await client.nats.jsm.streams.info(client.nats.name(STREAMS.events.name));
    expect(stream.state.messages).toBe(total);
    const processed = await db.query(`SELECT count(*) FROM notification.processed_events`);
    expect(Number(processed.rows[0].count)).toBe(total);
    const unsent = await db.query(`SELECT count(*) FROM ticket_core.outbox WHERE sent_at IS NULL`);
    expect(Number(unsent.rows[0].count)).toBe(0);

    const relays = processes.filter((process) => process.app === 'ticket-core');
    const published = await Promise.all(
      relays.map((relay) => scrapeMetric(relay.url, 'outbox_events_published_total')),
    );
    const duplicates = await Promise.all(
      relays.map((relay) => scrapeMetric(relay.url, 'outbox_events_duplicate_total')),
    );
    expect(published.reduce((sum, count) => sum + count, 0)).toBe(total);
    expect(published.every((count) => count > 0)).toBe(true); // both replicas relayed
    expect(duplicates).toEqual([0, 0]);
  });
});
