import * as c from '@switchboard/contracts';
import { ServiceProcess, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  GatewayStack,
  Http,
  LoggedInAgent,
  PASSWORD,
  customerTicket,
  newAgent,
  newWorkspace,
  startGatewayStack,
} from './gateway-stack';
import { ReplyLoad, expectRepliesStoredWhole } from './reply-load';

/**
 * A service killed at once (a crash, an OOM kill) and started again, as an orchestrator does:
 * nothing answered as done is lost, nothing is half-written, and the new process carries on.
 */
describe('a service killed and started again', () => {
  let stack: GatewayStack;
  let agent: LoggedInAgent;
  let ticket: c.TicketSummaryV1;
  const replacements: ServiceProcess[] = [];

  beforeAll(async () => {
    stack = await startGatewayStack('restart');
    const setup = await newWorkspace(stack, 'restart');
    agent = await newAgent(stack, setup, {
      name: 'Grace',
      email: 'grace@restart.test',
      role: 'agent',
    });
    ticket = await customerTicket(stack, setup);
  });

  afterAll(async () => {
    await Promise.all(replacements.map((service) => service.stop()));
    await stack?.stop();
  });

  const unsentEvents = async () =>
    (
      await stack.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ticket_core.outbox WHERE sent_at IS NULL`,
      )
    ).rows[0].n;

  it('ticket-core: the gateway answers 503 or 504 meanwhile, and the new process relays what the old one left', async () => {
    const load = new ReplyLoad(agent.http, ticket.id);
    await waitFor(() => load.answered(201) >= 10, { description: 'replies before the kill' });

    const exit = await stack.processes[0].kill();
    expect(exit.signal).toBe('SIGKILL');
    // With no ticket-core listening, a command is refused at once (NATS has no responder).
    await waitFor(() => load.answered(503) >= 3, { description: 'replies refused meanwhile' });

    const replacement = await ServiceProcess.start('ticket-core', { env: stack.serviceEnv });
    replacements.push(replacement);
    const createdBefore = load.answered(201);
    await waitFor(() => load.answered(201) >= createdBefore + 10, {
      description: 'replies after the restart',
    });
    const replies = await load.stop();
    // 504: a command the killed process had taken and never answered.
    expect(replies.filter(({ status }) => ![201, 503, 504].includes(status))).toEqual([]);

    await expectRepliesStoredWhole(stack.db, ticket.id, replies);
    await waitFor(async () => (await unsentEvents()) === 0, {
      timeoutMs: 15_000,
      description: 'the outbox to be relayed by the new process',
    });
  });

  it('api-gateway: the tokens it issued before still work', async () => {
    const login = await stack.http.post<{ refreshToken: string }>('/api/v1/auth/login', {
      email: 'grace@restart.test',
      password: PASSWORD,
    });
    expect(login.status).toBe(200);

    expect((await stack.gateway.kill()).signal).toBe('SIGKILL');
    const gateway = await ServiceProcess.start('api-gateway', { env: stack.serviceEnv });
    replacements.push(gateway);

    const again = new Http(gateway.url, agent.token);
    expect((await again.get('/api/v1/me')).status).toBe(200);
    expect((await again.get('/api/v1/views/new')).status).toBe(200);
    const refreshed = await new Http(gateway.url).post('/api/v1/auth/refresh', {
      refreshToken: login.body.refreshToken,
    });
    expect(refreshed.status).toBe(200);
  });
});
