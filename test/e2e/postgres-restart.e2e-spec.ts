import * as c from '@switchboard/contracts';
import { outboxRow } from '@switchboard/messaging';
import { PostgresServerProcess, waitFor } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateAll } from '../../tools/migrate';
import {
  GatewayStack,
  LoggedInAgent,
  customerTicket,
  newAgent,
  newWorkspace,
  startGatewayStack,
} from './gateway-stack';
import { ReplyLoad, expectRepliesStoredWhole } from './reply-load';

const DATABASE = 'switchboard';

/**
 * Every service against a PostgreSQL of the test's own, which the test stops and starts again
 * (a clean shutdown, as a restart or failover does): the services stay up, say they are not ready,
 * answer "unavailable" instead of failing, lose no event, and carry on once it is back.
 */
describe('a PostgreSQL restart', () => {
  let postgres: PostgresServerProcess;
  let stack: GatewayStack;
  let agent: LoggedInAgent;
  let ticket: c.TicketSummaryV1;
  let workspaceId: string;

  beforeAll(async () => {
    postgres = await PostgresServerProcess.create();
    const admin = new Client({ connectionString: postgres.url() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await admin.end();
    await migrateAll(postgres.url(DATABASE));
    stack = await startGatewayStack(
      'pgrestart',
      {},
      {
        apps: [...c.SERVICE_NAMES],
        databaseUrl: postgres.url(DATABASE),
      },
    );
    // The stack's own client loses its connection with the restart; it is not used afterwards.
    stack.db.on('error', () => undefined);
    const setup = await newWorkspace(stack, 'pg-restart');
    workspaceId = setup.workspace.id;
    agent = await newAgent(stack, setup, {
      name: 'Ada',
      email: 'ada@pg-restart.test',
      role: 'agent',
    });
    ticket = await customerTicket(stack, setup);
  });

  afterAll(async () => {
    await stack?.stop();
    await postgres?.destroy();
  });

  let lastStatuses = '';
  const readyStatuses = async () => {
    const statuses = await Promise.all(stack.processes.map((service) => service.readyStatus()));
    lastStatuses = stack.processes.map((s, i) => `${s.app}=${statuses[i]}`).join(', ');
    return statuses;
  };
  /** Waits until every service's /health/ready answers `status`; says the last answers if not. */
  const everyReady = (status: number, timeoutMs: number) =>
    waitFor(async () => (await readyStatuses()).every((answer) => answer === status), {
      timeoutMs,
      description: `every /health/ready to answer ${status}`,
    }).catch((error: Error) => {
      throw new Error(`${error.message} (last: ${lastStatuses})`);
    });

  it('answers 503 while it is away, and carries on with the same processes once it is back', async () => {
    expect(await readyStatuses()).toEqual(stack.processes.map(() => 200));
    const pids = stack.processes.map((service) => service.pid);
    // Replies go on through the restart: each is answered 201 or 503, and what was answered 201
    // is there, whole, afterwards.
    const load = new ReplyLoad(agent.http, ticket.id);
    await waitFor(() => load.answered(201) >= 10, { description: 'replies before the restart' });

    await postgres.stop();
    await everyReady(503, 10_000);

    // ticket-core's database behind the gateway, and the gateway's own (credentials).
    const view = await agent.http.get<c.ErrorEnvelope>('/api/v1/views/new');
    expect(view.status).toBe(503);
    expect(view.body.code).toBe(c.ErrorCode.UNAVAILABLE);
    const reply = await agent.http.post<c.ErrorEnvelope>(`/api/v1/tickets/${ticket.id}/replies`, {
      body: 'Written while the database is away',
    });
    expect(reply.status).toBe(503);
    const login = await stack.http.post<c.ErrorEnvelope>('/api/v1/auth/login', {
      email: 'ada@pg-restart.test',
      password: 'wrong, and no way to tell now',
    });
    expect(login.status).toBe(503);
    expect(login.body.code).toBe(c.ErrorCode.UNAVAILABLE);

    // An event that reaches a consumer while its database is away is not lost: notification
    // keeps it unacknowledged and stores it once the database is back.
    const lateWorkspace = randomUUID();
    const event = outboxRow(c.WORKSPACE_CREATED_V1, lateWorkspace, {
      workspaceId: lateWorkspace,
      name: 'Created during the outage',
      slug: 'during-pg-outage',
      createdAt: new Date().toISOString(),
    });
    await stack.nats.nats.js.publish(
      stack.nats.nats.subject(c.WORKSPACE_CREATED_V1),
      JSON.stringify(event.envelope),
      { msgID: event.id },
    );

    await postgres.start();
    await everyReady(200, 30_000);
    expect(stack.processes.map((service) => service.pid)).toEqual(pids);
    expect(stack.processes.every((service) => service.running)).toBe(true);
    const createdBefore = load.answered(201);
    await waitFor(() => load.answered(201) >= createdBefore + 10, {
      description: 'replies after the restart',
    });
    const replies = await load.stop();
    expect(replies.filter(({ status }) => status !== 201 && status !== 503)).toEqual([]);

    // The clients' connections were ended by the shutdown; the pools open new ones.
    const db = new Client({ connectionString: postgres.url(DATABASE) });
    await db.connect();
    try {
      const { rows: written } = await db.query(
        `SELECT count(*)::int AS n FROM ticket_core.messages WHERE ticket_id = $1 AND body_text LIKE 'Written while%'`,
        [ticket.id],
      );
      expect(written[0].n).toBe(0);
      await expectRepliesStoredWhole(db, ticket.id, replies);

      expect((await agent.http.get('/api/v1/views/new')).status).toBe(200);
      const back = await agent.http.post(`/api/v1/tickets/${ticket.id}/replies`, {
        body: 'Back again',
      });
      expect(back.status).toBe(201);
      expect(
        (
          await stack.http.post('/api/v1/auth/login', {
            email: 'ada@pg-restart.test',
            password: 'correct horse battery staple',
          })
        ).status,
      ).toBe(200);

      // The relay goes on: the reply's events leave the outbox.
      await waitFor(
        async () =>
          (
            await db.query(
              `SELECT count(*)::int AS n FROM ticket_core.outbox
                WHERE sent_at IS NULL AND envelope->>'workspaceId' = $1`,
              [workspaceId],
            )
          ).rows[0].n === 0,
        { timeoutMs: 15_000, description: "the reply's events to be relayed" },
      );
      await waitFor(
        async () =>
          (await db.query(`SELECT 1 FROM notification.workspaces WHERE id = $1`, [lateWorkspace]))
            .rowCount === 1,
        { timeoutMs: 30_000, description: 'the event delivered during the outage to be stored' },
      );
    } finally {
      await db.end();
    }
  });
});
