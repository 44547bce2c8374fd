import { INestApplication } from '@nestjs/common';
import { CREATE_WORKSPACE_V1, ErrorCode, WORKSPACE_CREATED_V1 } from '@switchboard/contracts';
import { NatsConnection, RemoteError, STREAMS } from '@switchboard/messaging';
import { runWithCorrelation } from '@switchboard/observability';
import {
  connectTestClient,
  InProcessHarness,
  rejection,
  startInProcessHarness,
  testEnv,
  TestNatsClient,
  uniqueNamespace,
  waitFor,
} from '@switchboard/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ticketCoreService } from '../src/service';

describe('ticket-core: create workspace over NATS', () => {
  let harness: InProcessHarness;
  let app: INestApplication;
  let client: TestNatsClient;
  let db: Client;

  beforeAll(async () => {
    harness = await startInProcessHarness(ticketCoreService, 'ws');
    ({ app, client, db } = harness);
  });

  afterAll(() => harness?.close());

  const count = async (table: string) =>
    Number((await db.query(`SELECT count(*) FROM ticket_core.${table}`)).rows[0].count);

  it('writes the workspace and its event in one transaction, and relays the event', async () => {
    const workspace = await runWithCorrelation('corr-acme-1', () =>
      client.rpc.request(CREATE_WORKSPACE_V1, { name: 'Acme Support', slug: 'acme' }),
    );
    expect(workspace).toMatchObject({ name: 'Acme Support', slug: 'acme' });

    const outbox = await db.query(`SELECT id, subject, envelope FROM ticket_core.outbox`);
    expect(outbox.rows).toHaveLength(1);
    const [row] = outbox.rows;
    expect(row.subject).toBe(WORKSPACE_CREATED_V1);
    expect(row.envelope).toMatchObject({
      id: row.id,
      type: WORKSPACE_CREATED_V1,
      workspaceId: workspace.id,
      data: { workspaceId: workspace.id, name: 'Acme Support', slug: 'acme' },
    });
    // The caller's correlation id crossed NATS in a header and reached the event.
    expect(row.envelope.correlationId).toBe('corr-acme-1');

    const nats = app.get(NatsConnection);
    const message = await waitFor(() =>
      nats.jsm.streams.getMessage(nats.name(STREAMS.events.name), {
        last_by_subj: nats.subject(WORKSPACE_CREATED_V1),
      }),
    );
    expect(message.header.get('Nats-Msg-Id')).toBe(row.id);
    expect(message.json()).toEqual(row.envelope);
    await waitFor(
      async () =>
        (await db.query(`SELECT 1 FROM ticket_core.outbox WHERE sent_at IS NOT NULL`)).rowCount ===
        1,
      { description: 'the outbox row to be marked sent' },
    );
  });

  it('answers an existing slug with the same workspace and no second event', async () => {
    const first = await client.rpc.request(CREATE_WORKSPACE_V1, { name: 'Beta', slug: 'beta' });
    const again = await client.rpc.request(CREATE_WORKSPACE_V1, { name: 'Other', slug: 'beta' });
    expect(again).toEqual(first);
    const events = await db.query(
      `SELECT 1 FROM ticket_core.outbox WHERE envelope->'data'->>'slug' = 'beta'`,
    );
    expect(events.rowCount).toBe(1);
  });

  it.each([
    [{ name: 'Bad', slug: 'Not A Slug' }, ['slug']],
    [{ name: '', slug: 'empty-name' }, ['name']],
    [{ slug: 'no-name' }, ['name']],
    [{ name: 'Extra', slug: 'extra', admin: true }, ['admin']],
    [{ name: 42, slug: ['x'] }, ['name', 'slug']],
  ])('refuses %j with VALIDATION_FAILED naming %j and writes nothing', async (payload, fields) => {
    const before = [await count('workspaces'), await count('outbox')];
    const error = await rejection(
      client.rpc.request(CREATE_WORKSPACE_V1, payload as unknown as { name: string; slug: string }),
    );
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(error.details?.fields?.map((field) => field.field).sort()).toEqual(fields);
    expect([await count('workspaces'), await count('outbox')]).toEqual(before);
  });

  it('refuses a payload that is not an object', async () => {
    const error = await rejection(
      client.rpc.request(CREATE_WORKSPACE_V1, 'acme' as unknown as { name: string; slug: string }),
    );
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
  });

  it('answers UNAVAILABLE when no service listens on the subject', async () => {
    const elsewhere = await connectTestClient(testEnv().natsUrl, uniqueNamespace('nobody'));
    try {
      const error = await rejection(
        elsewhere.rpc.request(CREATE_WORKSPACE_V1, { name: 'X', slug: 'x' }),
      );
      expect(error.code).toBe(ErrorCode.UNAVAILABLE);
    } finally {
      await elsewhere.close();
    }
  });
});
