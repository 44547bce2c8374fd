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

  it('creates a workspace with its admin, whose printed first password signs in', async () => {
    const { stdout } = await create('--name', 'Acme Support', '--admin-email', 'Ada@Acme.test');
    expect(stdout).toMatch(/^workspace "Acme Support" \(acme-support\): [0-9a-f-]{36}$/m);
    const password = /^first password: (\S+)$/m.exec(stdout)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(24);
    const login = await stack.http.post<{ accessToken: string }>('/api/v1/auth/login', {
      email: 'ada@acme.test',
      password,
    });
    expect(login.status).toBe(200);
    const me = await stack.http.as(login.body.accessToken).get<{ role: string }>('/api/v1/me');
    expect(me.body.role).toBe('admin');
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
