import * as c from '@switchboard/contracts';
import {
  ServiceProcess,
  TestNatsClient,
  connectTestClient,
  createTestDatabase,
  testEnv,
  uniqueNamespace,
} from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const PASSWORD = 'correct horse battery staple';

describe('api-gateway authentication', () => {
  const namespace = uniqueNamespace('auth');
  const services: ServiceProcess[] = [];
  let gateway: ServiceProcess;
  let client: TestNatsClient;
  let admin: c.AgentV1;
  let env: Record<string, string>;

  beforeAll(async () => {
    env = {
      DATABASE_URL: await createTestDatabase(),
      NATS_URL: testEnv().natsUrl,
      NATS_NAMESPACE: namespace,
      AUTH_RATE_LIMIT_PER_MINUTE: '5',
      // As behind a proxy on this host: its X-Forwarded-For names the client.
      TRUST_PROXY: 'loopback',
    };
    services.push(
      ...(await Promise.all([
        ServiceProcess.start('ticket-core', { env }),
        ServiceProcess.start('api-gateway', { env }),
      ])),
    );
    gateway = services[1];
    client = await connectTestClient(testEnv().natsUrl, namespace);
    const workspace = await client.rpc.request(c.CREATE_WORKSPACE_V1, { name: 'A', slug: 'a' });
    admin = await agentWithPassword(workspace.id, 'ada@a.test', 'admin');
  });

  /** An agent created over NATS, as provisioning does, with a password to log in with. */
  async function agentWithPassword(
    workspaceId: string,
    email: string,
    role: c.Role = 'agent',
    password = PASSWORD,
  ): Promise<c.AgentV1> {
    const system: c.Actor = { kind: 'system', workspaceId, teamIds: [] };
    const name = email.split('@')[0];
    const agent = await client.rpc.request(c.UPSERT_AGENT_V1, {
      actor: system,
      name,
      email,
      role,
      teamIds: [],
    });
    await client.rpc.request(c.SET_CREDENTIALS_V1, {
      actor: system,
      agentId: agent.id,
      email,
      password,
    });
    return agent;
  }

  afterAll(async () => {
    await client?.close();
    await Promise.all(services.map((service) => service.stop()));
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  const login = async (headers: Record<string, string> = {}) => {
    const response = await post(
      '/api/v1/auth/login',
      { email: 'ada@a.test', password: PASSWORD },
      headers,
    );
    expect(response.status).toBe(200);
    return (await response.json()) as {
      accessToken: string;
      refreshToken: string;
      expiresIn: number;
    };
  };

  it('logs in and answers /me with the agent', async () => {
    const tokens = await login({ 'x-forwarded-for': '10.0.0.1' });
    expect(tokens.expiresIn).toBe(900);
    const me = await fetch(`${gateway.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      via: 'access-token',
      role: 'admin',
      agent: { id: admin.id, email: 'ada@a.test' },
    });
  });

  it('refuses a wrong password, a missing token and a forged token with 401 envelopes', async () => {
    const wrong = await post(
      '/api/v1/auth/login',
      { email: 'ada@a.test', password: 'nope-nope' },
      { 'x-forwarded-for': '10.0.0.2' },
    );
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await fetch(`${gateway.url}/api/v1/me`)).status).toBe(401);
    const forged = await fetch(`${gateway.url}/api/v1/me`, {
      headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad' },
    });
    expect(forged.status).toBe(401);
  });

  it('rotates refresh tokens and revokes the family when an old one is reused', async () => {
    const first = await login({ 'x-forwarded-for': '10.0.0.3' });
    const rotated = await post(
      '/api/v1/auth/refresh',
      { refreshToken: first.refreshToken },
      { 'x-forwarded-for': '10.0.0.3' },
    );
    expect(rotated.status).toBe(200);
    const second = (await rotated.json()) as { refreshToken: string };
    expect(second.refreshToken).not.toBe(first.refreshToken);

    const reuse = await post(
      '/api/v1/auth/refresh',
      { refreshToken: first.refreshToken },
      { 'x-forwarded-for': '10.0.0.3' },
    );
    expect(reuse.status).toBe(401);
    // The reuse revoked the family: the newest token of it no longer works either.
    const afterReuse = await post(
      '/api/v1/auth/refresh',
      { refreshToken: second.refreshToken },
      { 'x-forwarded-for': '10.0.0.3' },
    );
    expect(afterReuse.status).toBe(401);
  });

  it('ends a session on logout', async () => {
    const tokens = await login({ 'x-forwarded-for': '10.0.0.4' });
    expect((await post('/api/v1/auth/logout', { refreshToken: tokens.refreshToken })).status).toBe(
      204,
    );
    const refreshed = await post(
      '/api/v1/auth/refresh',
      { refreshToken: tokens.refreshToken },
      { 'x-forwarded-for': '10.0.0.4' },
    );
    expect(refreshed.status).toBe(401);
  });

  it('refuses the access token of an ended session at once, not at its expiry', async () => {
    // An agent of its own: the per-account login limit is Ada's other tests' to use.
    const eve = await agentWithPassword(admin.workspaceId, 'eve@a.test');
    const signIn = async (address: string) => {
      const response = await post(
        '/api/v1/auth/login',
        { email: 'eve@a.test', password: PASSWORD },
        { 'x-forwarded-for': address },
      );
      expect(response.status).toBe(200);
      return (await response.json()) as { accessToken: string; refreshToken: string };
    };
    const me = (token: string) =>
      fetch(`${gateway.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    // Signed out.
    const signedOut = await signIn('10.5.0.1');
    expect((await me(signedOut.accessToken)).status).toBe(200);
    await post('/api/v1/auth/logout', { refreshToken: signedOut.refreshToken });
    const refused = await me(signedOut.accessToken);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as c.ErrorEnvelope).message).toMatch(/session has ended/);
    // A refresh token replayed: the whole family ends, the access token of its first use too.
    const stolen = await signIn('10.5.0.2');
    const rotated = await post(
      '/api/v1/auth/refresh',
      { refreshToken: stolen.refreshToken },
      { 'x-forwarded-for': '10.5.0.2' },
    );
    const { accessToken } = (await rotated.json()) as { accessToken: string };
    expect((await me(accessToken)).status).toBe(200);
    await post(
      '/api/v1/auth/refresh',
      { refreshToken: stolen.refreshToken },
      { 'x-forwarded-for': '10.5.0.2' },
    );
    expect((await me(accessToken)).status).toBe(401);
    // A new password ends every session of the agent, and no one else's.
    const other = await signIn('10.5.0.3');
    await agentWithPassword(admin.workspaceId, 'fay@a.test');
    const fay = await post(
      '/api/v1/auth/login',
      { email: 'fay@a.test', password: PASSWORD },
      { 'x-forwarded-for': '10.5.0.4' },
    );
    const bystander = (await fay.json()) as { accessToken: string };
    await client.rpc.request(c.SET_CREDENTIALS_V1, {
      actor: { kind: 'system', workspaceId: admin.workspaceId, teamIds: [] },
      agentId: eve.id,
      email: 'eve@a.test',
      password: PASSWORD,
    });
    expect((await me(other.accessToken)).status).toBe(401);
    expect((await me(bystander.accessToken)).status).toBe(200);
  });

  it('logs an email of several workspaces in where its password opens, and tells strangers nothing', async () => {
    const member = async (slug: string, password: string) => {
      const workspace = await client.rpc.request(c.CREATE_WORKSPACE_V1, { name: slug, slug });
      await agentWithPassword(workspace.id, 'sam@multi.test', 'agent', password);
      return workspace.id;
    };
    const first = await member('multi-one', 'first password');
    const second = await member('multi-two', 'second password');
    const attempt = (password: string, workspaceId?: string) =>
      post(
        '/api/v1/auth/login',
        { email: 'sam@multi.test', password, workspaceId },
        { 'x-forwarded-for': '10.3.0.1' },
      );
    // A wrong password is a wrong password, however many workspaces know the email.
    const wrong = await attempt('not the password');
    expect(wrong.status).toBe(401);
    const intoSecond = await attempt('second password');
    expect(intoSecond.status).toBe(200);
    const { accessToken } = (await intoSecond.json()) as { accessToken: string };
    const me = await fetch(`${gateway.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(((await me.json()) as { workspaceId: string }).workspaceId).toBe(second);
    // The same password in two workspaces: the caller, who knows it, says which.
    await member('multi-three', 'first password');
    const ambiguous = await attempt('first password');
    expect(ambiguous.status).toBe(400);
    expect(
      ((await ambiguous.json()) as c.ErrorEnvelope).details?.fields?.map((f) => f.field),
    ).toEqual(['workspaceId']);
    expect((await attempt('first password', first)).status).toBe(200);
  });

  it('rate-limits logins per address with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < 7; attempt++) {
      const response = await post(
        '/api/v1/auth/login',
        { email: `nobody${attempt}@a.test`, password: 'whatever1' },
        { 'x-forwarded-for': '10.0.0.99' },
      );
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('believes X-Forwarded-For only from a proxy TRUST_PROXY names', async () => {
    // The same gateway without TRUST_PROXY: the test's connection is the client, whatever it says.
    const direct = await ServiceProcess.start('api-gateway', {
      env: { ...env, TRUST_PROXY: '' },
    });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 6; attempt++) {
        const response = await fetch(`${direct.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.0.${attempt}` },
          body: JSON.stringify({ email: `spoof${attempt}@a.test`, password: 'whatever1' }),
        });
        statuses.push(response.status);
      }
      // Six "addresses", one real one: the per-address limit (5) holds.
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    } finally {
      await direct.stop();
    }
  });

  it('holds the login limit across two gateway replicas', async () => {
    const second = await ServiceProcess.start('api-gateway', { env });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 6; attempt++) {
        // Alternating replicas, one address: the budget of 5 is one budget.
        const replica = attempt % 2 === 0 ? gateway : second;
        const response = await fetch(`${replica.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.8.0.1' },
          body: JSON.stringify({ email: `replica${attempt}@a.test`, password: 'whatever1' }),
        });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    } finally {
      await second.stop();
    }
  });

  it('rate-limits logins per account, from any address', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const response = await post(
        '/api/v1/auth/login',
        { email: 'target@a.test', password: 'guess-guess' },
        { 'x-forwarded-for': `10.1.0.${attempt}` },
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('rate-limits refreshes per account, though every refresh brings a new token', async () => {
    await agentWithPassword(admin.workspaceId, 'bo@a.test');
    const loggedIn = await post(
      '/api/v1/auth/login',
      { email: 'bo@a.test', password: PASSWORD },
      { 'x-forwarded-for': '10.2.0.1' },
    );
    const tokens = (await loggedIn.json()) as { refreshToken: string };
    let { refreshToken } = tokens;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const response = await post(
        '/api/v1/auth/refresh',
        { refreshToken },
        { 'x-forwarded-for': `10.2.1.${attempt}` },
      );
      statuses.push(response.status);
      if (response.status === 200) ({ refreshToken } = (await response.json()) as typeof tokens);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("does not count a revoked refresh token's retries against its agent", async () => {
    await agentWithPassword(admin.workspaceId, 'cy@a.test');
    const session = async (address: string) => {
      const response = await post(
        '/api/v1/auth/login',
        { email: 'cy@a.test', password: PASSWORD },
        { 'x-forwarded-for': address },
      );
      return ((await response.json()) as { refreshToken: string }).refreshToken;
    };
    const old = await session('10.4.0.1');
    expect((await post('/api/v1/auth/logout', { refreshToken: old })).status).toBe(204);
    const live = await session('10.4.0.2');
    const retries: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const response = await post(
        '/api/v1/auth/refresh',
        { refreshToken: old },
        { 'x-forwarded-for': `10.4.1.${attempt}` },
      );
      retries.push(response.status);
    }
    expect(retries).toEqual([401, 401, 401, 401, 401, 401]);
    const refreshed = await post(
      '/api/v1/auth/refresh',
      { refreshToken: live },
      { 'x-forwarded-for': '10.4.2.1' },
    );
    expect(refreshed.status).toBe(200);
  });

  it('issues API tokens to admins, accepts them, and stops accepting them once revoked', async () => {
    const { accessToken } = await login({ 'x-forwarded-for': '10.0.0.5' });
    const created = await post(
      '/api/v1/api-tokens',
      { name: 'CRM', role: 'agent' },
      { authorization: `Bearer ${accessToken}` },
    );
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    expect(token).toMatch(/^sbt_/);
    const me = await fetch(`${gateway.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await me.json()).toMatchObject({ via: 'api-token', role: 'agent', agent: null });
    // An agent-role token may not manage tokens, nor integrations' credentials.
    const forbidden = await fetch(`${gateway.url}/api/v1/api-tokens`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(forbidden.status).toBe(403);
    const integrations = await post(
      '/api/v1/integrations',
      { name: 'CRM', role: 'agent' },
      { authorization: `Bearer ${token}` },
    );
    expect(integrations.status).toBe(403);
    // The admin may, on a gateway that holds the bus's signing keys: this one has none, and says so.
    const noKeys = await post(
      '/api/v1/integrations',
      { name: 'CRM', role: 'agent' },
      { authorization: `Bearer ${accessToken}` },
    );
    expect(noKeys.status).toBe(409);
    expect(await noKeys.json()).toMatchObject({
      message: expect.stringContaining('NATS_INTEGRATION_KEYS_FILE'),
    });
    const revoked = await fetch(`${gateway.url}/api/v1/api-tokens/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(revoked.status).toBe(204);
    const after = await fetch(`${gateway.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(401);
  });
});
