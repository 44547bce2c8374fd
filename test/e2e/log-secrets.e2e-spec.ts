import * as c from '@switchboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  GatewayStack,
  PASSWORD,
  customerTicket,
  newAgent,
  newWorkspace,
  startGatewayStack,
} from './gateway-stack';

/*
 * The logs of a run hold no credential: the stack (at debug level, the most it ever says) is
 * used the way agents, integrations and customers use it, then every line its services wrote
 * is searched for each password and token that went by.
 */
describe('logs hold no secrets', () => {
  let stack: GatewayStack;

  beforeAll(async () => {
    stack = await startGatewayStack('logs', { LOG_LEVEL: 'debug' });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('never writes a password, an access, refresh or API token, or a public link token', async () => {
    const setup = await newWorkspace(stack, 'logs');
    const ada = await newAgent(stack, setup, {
      name: 'Ada',
      email: 'ada@logs.test',
      role: 'admin',
    });
    const secrets: string[] = [PASSWORD, ada.token];

    const login = await stack.http.post<{ refreshToken: string; accessToken: string }>(
      '/api/v1/auth/login',
      { email: 'ada@logs.test', password: PASSWORD },
    );
    expect(login.status).toBe(200);
    const refreshed = await stack.http.post<{ refreshToken: string; accessToken: string }>(
      '/api/v1/auth/refresh',
      { refreshToken: login.body.refreshToken },
    );
    expect(refreshed.status).toBe(200);
    secrets.push(login.body.refreshToken, refreshed.body.refreshToken, refreshed.body.accessToken);
    // A wrong password and a spent refresh token: refusals are logged too.
    await stack.http.post('/api/v1/auth/login', {
      email: 'ada@logs.test',
      password: 'wrong-guess-1',
    });
    secrets.push('wrong-guess-1');
    expect(
      (await stack.http.post('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken }))
        .status,
    ).toBe(401);

    const created = await ada.http.post<{ token: string }>('/api/v1/api-tokens', {
      name: 'CRM',
      role: 'agent',
    });
    expect(created.status).toBe(201);
    secrets.push(created.body.token);
    expect((await stack.http.as(created.body.token).get('/api/v1/me')).status).toBe(200);

    const ticket = await customerTicket(stack, setup, { subject: 'Where is my order' });
    const detail = await ada.http.get<c.TicketDetailV1>(`/api/v1/tickets/${ticket.id}`);
    const publicToken = detail.body.publicToken;
    secrets.push(publicToken);
    expect((await stack.http.get(`/api/v1/public/tickets/${publicToken}`)).status).toBe(200);
    expect(
      (await stack.http.post(`/api/v1/public/tickets/${publicToken}/messages`, { body: 'Hi' }))
        .status,
    ).toBe(201);
    await stack.http.get(`/api/v1/public/tickets/${publicToken}/attachments/nothing-here`);
    await stack.http.get(`/t/${publicToken}`);

    // Each service's log, as written so far (the lines of the requests above are flushed).
    await stack.http.get('/health/ready');
    const logs = stack.processes.map((process) => readFileSync(process.logFile, 'utf8'));
    expect(logs.join('').length).toBeGreaterThan(0);
    // The access log did record the public requests, with the token replaced.
    expect(logs.join('\n')).toContain('/api/v1/public/tickets/[redacted]');
    for (const secret of secrets) {
      const holders = stack.processes.filter((_, index) => logs[index].includes(secret));
      expect({ secret: secret.slice(0, 6), in: holders.map((process) => process.app) }).toEqual({
        secret: secret.slice(0, 6),
        in: [],
      });
    }
  });
});
