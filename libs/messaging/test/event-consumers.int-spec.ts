import { DynamicModule, INestApplication, Injectable, Module } from '@nestjs/common';
import { jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { ServiceConfig } from '@switchboard/config';
import {
  EventEnvelope,
  KB_ARTICLE_PUBLISHED_V1,
  KbArticlePublishedV1,
  WORKSPACE_CREATED_V1,
  WorkspaceCreatedV1,
} from '@switchboard/contracts';
import {
  NatsConnection,
  OnEvent,
  OnEvents,
  ProcessedEvent,
  STREAMS,
  ServiceDefinition,
  infrastructureModules,
} from '@switchboard/messaging';
import {
  createTestDatabase,
  startInProcess,
  testEnv,
  uniqueNamespace,
  waitFor,
} from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EntityManager } from 'typeorm';

/** Behaves according to the workspace name in the event, and counts every call. */
@Injectable()
class ProbeHandler {
  readonly calls = new Map<string, number>();

  @OnEvent(WORKSPACE_CREATED_V1, { maxAttempts: 3 })
  async handle(event: EventEnvelope<WorkspaceCreatedV1>, manager: EntityManager): Promise<void> {
    const attempt = (this.calls.get(event.id) ?? 0) + 1;
    this.calls.set(event.id, attempt);
    // Written first, so a failure after it shows whether the work was rolled back.
    await manager.query(
      `INSERT INTO workspaces (id, name, slug, created_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (id) DO UPDATE SET name = excluded.name`,
      [event.data.workspaceId, event.data.name, `attempt-${attempt}`],
    );
    const [behaviour, times] = event.data.name.split(':');
    if (behaviour === 'poison') throw new Error('always fails');
    if (behaviour === 'flaky' && attempt <= Number(times)) throw new Error(`fails ${times}x`);
  }
}

/** The same in batches: the title says how to behave; notes the transaction of each call. */
@Injectable()
class BatchedProbeHandler {
  readonly calls = new Map<string, number>();
  readonly transactions = new Map<string, string>();

  @OnEvents(KB_ARTICLE_PUBLISHED_V1, { batch: 10, maxAttempts: 3 })
  async handle(
    events: EventEnvelope<KbArticlePublishedV1>[],
    manager: EntityManager,
  ): Promise<void> {
    const [{ txid }] = await manager.query(`SELECT txid_current()::text AS txid`);
    for (const event of events) {
      const attempt = (this.calls.get(event.id) ?? 0) + 1;
      this.calls.set(event.id, attempt);
      this.transactions.set(event.id, txid);
      await manager.query(
        `INSERT INTO workspaces (id, name, slug, created_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, slug = excluded.slug`,
        [event.data.articleId, event.data.title, `attempt-${attempt}`],
      );
    }
    if (events.some((event) => event.data.title === 'poison')) throw new Error('always fails');
  }
}

@Module({})
class ConsumerTestModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: ConsumerTestModule,
      imports: infrastructureModules({
        service: 'notification',
        config,
        // The notification schema has processed_events and a workspaces table to write into.
        database: { schema: 'notification', entities: [ProcessedEvent], migrations: [] },
      }),
      providers: [ProbeHandler, BatchedProbeHandler],
    };
  }
}

const definition: ServiceDefinition<ServiceConfig> = {
  service: 'notification',
  config: ServiceConfig,
  module: (config) => ConsumerTestModule.forRoot(config),
  port: () => 0,
};

describe('idempotent JetStream consumers', () => {
  const namespace = uniqueNamespace('consumer');
  let app: INestApplication;
  let nats: NatsConnection;
  let probe: ProbeHandler;
  let batched: BatchedProbeHandler;
  let db: Client;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    app = await startInProcess(definition, {
      DATABASE_URL: databaseUrl,
      NATS_URL: testEnv().natsUrl,
      NATS_NAMESPACE: namespace,
    });
    nats = app.get(NatsConnection);
    probe = app.get(ProbeHandler);
    batched = app.get(BatchedProbeHandler);
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  function envelope(name: string, data?: unknown): EventEnvelope {
    const workspaceId = randomUUID();
    return {
      id: randomUUID(),
      type: WORKSPACE_CREATED_V1,
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      workspaceId,
      data: data ?? { workspaceId, name, slug: 'probe', createdAt: new Date().toISOString() },
    };
  }

  /** Publishes as the relay does; a fresh msgID lets the same event through JetStream's dedup. */
  async function publish(event: EventEnvelope, msgID = randomUUID()): Promise<void> {
    await jetstream(nats.client).publish(
      nats.subject(WORKSPACE_CREATED_V1),
      JSON.stringify(event),
      {
        msgID,
      },
    );
  }

  const processed = async (eventId: string) =>
    (await db.query(`SELECT 1 FROM notification.processed_events WHERE event_id = $1`, [eventId]))
      .rowCount === 1;

  const slugOf = async (workspaceId: string) =>
    (await db.query(`SELECT slug FROM notification.workspaces WHERE id = $1`, [workspaceId]))
      .rows[0]?.slug as string | undefined;

  async function deadLetterFor(eventId: string) {
    const stream = nats.name(STREAMS.deadLetters.name);
    return waitFor(
      async () => {
        const info = await nats.jsm.streams.info(stream);
        for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
          const message = await nats.jsm.streams.getMessage(stream, { seq }).catch(() => null);
          if (message && message.string().includes(eventId)) return message;
        }
        return undefined;
      },
      { timeoutMs: 15_000, description: `a dead letter for ${eventId}` },
    );
  }

  it('handles an event once, records it, and acks after the commit', async () => {
    const event = envelope('ok');
    await publish(event);
    await waitFor(() => processed(event.id), { description: 'the event to be processed' });
    expect(probe.calls.get(event.id)).toBe(1);
    expect(await slugOf(event.workspaceId)).toBe('attempt-1');
  });

  it('ignores the same event delivered again', async () => {
    const event = envelope('ok');
    await publish(event);
    await waitFor(() => processed(event.id));
    const marker = envelope('ok');
    await publish(event); // a second copy, past JetStream's duplicate check
    await publish(marker); // published after it: once it is done, the copy was seen too
    await waitFor(() => processed(marker.id));
    expect(probe.calls.get(event.id)).toBe(1);
  });

  it('retries a failing event with backoff and rolls back each failed attempt', async () => {
    const event = envelope('flaky:2');
    await publish(event);
    await waitFor(() => processed(event.id), { timeoutMs: 15_000 });
    expect(probe.calls.get(event.id)).toBe(3);
    // Attempts 1 and 2 wrote and then failed: only the third attempt's write is committed.
    expect(await slugOf(event.workspaceId)).toBe('attempt-3');
  });

  it('dead-letters an event that keeps failing, after the allowed attempts', async () => {
    const event = envelope('poison');
    await publish(event);
    const letter = await deadLetterFor(event.id);
    expect(letter.subject).toBe(nats.subject('helpdesk.dlq.notification'));
    expect(letter.header.get('x-dead-letter-attempts')).toBe('3');
    expect(letter.header.get('x-dead-letter-reason')).toContain('always fails');
    expect(letter.json()).toEqual(event);
    expect(probe.calls.get(event.id)).toBe(3);
    expect(await processed(event.id)).toBe(false);
    expect(await slugOf(event.workspaceId)).toBeUndefined();
  });

  it('dead-letters an invalid payload at once, without calling the handler', async () => {
    const event = envelope('invalid', { workspaceId: 'not-a-uuid' });
    await publish(event);
    const letter = await deadLetterFor(event.id);
    expect(letter.header.get('x-dead-letter-attempts')).toBe('1');
    expect(letter.header.get('x-dead-letter-reason')).toContain('invalid');
    expect(probe.calls.has(event.id)).toBe(false);
  });

  it('dead-letters a message that is not JSON', async () => {
    const marker = `not json ${randomUUID()}`;
    const headers = natsHeaders();
    await jetstream(nats.client).publish(nats.subject(WORKSPACE_CREATED_V1), marker, { headers });
    const letter = await deadLetterFor(marker);
    expect(letter.header.get('x-dead-letter-reason')).toContain('not JSON');
  });

  it('handles a burst in shared transactions, and a bad event of a batch fails alone', async () => {
    const article = (title: string): EventEnvelope => {
      const event = envelope(title);
      event.type = KB_ARTICLE_PUBLISHED_V1;
      event.data = {
        articleId: randomUUID(),
        slug: 'probe',
        title,
        status: 'published',
        visibility: 'public',
        version: 1,
        at: new Date().toISOString(),
      } satisfies KbArticlePublishedV1;
      return event;
    };
    const events = Array.from({ length: 20 }, (_, i) => article(i === 5 ? 'poison' : 'ok'));
    await Promise.all(
      events.map((event) =>
        jetstream(nats.client).publish(
          nats.subject(KB_ARTICLE_PUBLISHED_V1),
          JSON.stringify(event),
          {
            msgID: randomUUID(),
          },
        ),
      ),
    );
    const [good, bad] = [events.filter((_, i) => i !== 5), events[5]];
    const id = (event: EventEnvelope) => (event.data as KbArticlePublishedV1).articleId;
    await waitFor(
      async () => (await Promise.all(good.map((e) => processed(e.id)))).every(Boolean),
      {
        timeoutMs: 15_000,
        description: 'every good event processed',
      },
    );
    // Each good event's work is committed once: the attempt that committed is its last call.
    for (const event of good) {
      expect(await slugOf(id(event))).toBe(`attempt-${batched.calls.get(event.id)}`);
    }
    // Several good events shared a transaction: the burst was handled in batches.
    const shared = new Set(good.map((event) => batched.transactions.get(event.id)));
    expect(shared.size).toBeLessThan(good.length);
    // Three deliveries, as allowed; in the first, its handler also ran once in the failed batch.
    const letter = await deadLetterFor(bad.id);
    expect(letter.header.get('x-dead-letter-attempts')).toBe('3');
    expect(batched.calls.get(bad.id)).toBeGreaterThanOrEqual(3);
    expect(await processed(bad.id)).toBe(false);
    expect(await slugOf(id(bad))).toBeUndefined();
  });
});
