import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { GatewayStack, startGatewayStack } from './gateway-stack';

const run = promisify(execFile);
const TOOL = resolve(__dirname, '../../dist/tools/workspace-create.js');

/** `npm run workspace:create`, the operator's way to a new workspace and its first admin. */
describe('workspace:create', () => {
  let stack: GatewayStack;

  beforeAll(async () => {
    stack = await startGatewayStack('wscreate');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const create = (...args: string[]) =>
    run(process.execPath, [TOOL, ...args], {
      env: {
        ...process.env,
        NATS_URL: stack.serviceEnv.NATS_URL,
        NATS_NAMESPACE: stack.serviceEnv.NATS_NAMESPACE,
      },
    });

  it("creates a workspace with its admin, whose printed first password only opens the way to the admin's own", async () => {
    const { stdout } = await create('--name', 'Acme Support', '--admin-email', 'Ada@Acme.test');
    expect(stdout).toMatch(/^workspace "Acme Support" \(acme-support\): [0-9a-f-]{36}$/m);
    const password = /^first password: (\S+)$/m.exec(stdout)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(24);
    const login = (body: Record<string, unknown>) =>
      stack.http.post<{ accessToken: string; code?: string }>('/api/v1/auth/login', {
        email: 'ada@acme.test',
        ...body,
      });
    // Right, but a first password: no session until the admin chose their own.
    const first = await login({ password });
    expect(first.status).toBe(403);
    expect(first.body).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    expect((await login({ password, newPassword: password })).status).toBe(400);
    const chosen = await login({ password, newPassword: 'ada chose this one' });
    expect(chosen.status).toBe(200);
    const me = await stack.http.as(chosen.body.accessToken).get<{ role: string }>('/api/v1/me');
    expect(me.body.role).toBe('admin');
    // The printed password is spent; the chosen one signs in as any password does.
    expect((await login({ password })).status).toBe(401);
    expect((await login({ password: 'ada chose this one' })).status).toBe(200);
  });

  it('refuses a slug that is taken, adding no admin to that workspace', async () => {
    await create('--name', 'Globex', '--admin-email', 'gil@globex.test');
    const attempt = create('--name', 'Globex', '--admin-email', 'mallory@evil.test');
    await expect(attempt).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('a workspace with slug "globex" exists'),
    });
    const agents = await stack.db.query(`SELECT email FROM ticket_core.agents WHERE email = $1`, [
      'mallory@evil.test',
    ]);
    expect(agents.rows).toEqual([]);
  });

  it('says what is missing', async () => {
    await expect(create('--name', 'No Admin')).rejects.toMatchObject({
      code: 64,
      stderr: expect.stringContaining('--admin-email is required'),
    });
  });
});
