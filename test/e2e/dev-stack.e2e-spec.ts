import { AppName, SERVICE_PORTS, SMTP_LISTENER } from '@switchboard/config';
import { freePort, testEnv, uniqueNamespace, waitFor, expectWith } from '@switchboard/testing';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTransport } from 'nodemailer';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_LOGIN, DEMO_MAILBOX, DEMO_WORKSPACE } from '../../tools/seed/demo-data';
import { runDemoSeed } from '../../tools/seed/demo-seed';
import { SECRETS_FILE } from '../../tools/dev-stack/secrets';

const ROOT = resolve(__dirname, '../..');
const APPS = Object.keys(SERVICE_PORTS) as AppName[];

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function readyStatus(port: number): Promise<number> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`, {
      signal: AbortSignal.timeout(3000),
    });
    return response.status;
  } catch {
    return 0;
  }
}

/** `npm start` as a developer runs it, against the run's database and NATS, on free ports. */
describe('the dev stack (npm start)', () => {
  const namespace = uniqueNamespace('dev');
  const ports = {} as Record<AppName, number>;
  let stack: ChildProcess;
  let output = '';
  let exit: Exit | undefined;
  let childPids: number[] = [];
  let smtpPort: number;

  beforeAll(async () => {
    for (const app of APPS) ports[app] = await freePort();
    smtpPort = await freePort();
    const { databaseUrl, natsUrl } = testEnv();
    stack = spawn(process.execPath, [resolve(ROOT, 'dist/tools/dev-stack/main.js')], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        NATS_URL: natsUrl,
        NATS_NAMESPACE: namespace,
        LOG_LEVEL: 'info',
        NO_COLOR: '1',
        // Not among SERVICE_PORTS, but the stack checks it is free: 2525 may be someone's.
        [SMTP_LISTENER.variable]: String(smtpPort),
        ...Object.fromEntries(APPS.map((app) => [SERVICE_PORTS[app].variable, String(ports[app])])),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    stack.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    stack.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    stack.once('exit', (code, signal) => (exit = { code, signal }));
    const running = () => {
      if (exit) throw new Error(`the stack exited (${JSON.stringify(exit)}):\n${output}`);
    };
    try {
      await waitFor(
        async () => {
          running();
          const statuses = await Promise.all(APPS.map((app) => readyStatus(ports[app])));
          return statuses.every((status) => status === 200);
        },
        {
          timeoutMs: 60_000,
          intervalMs: 250,
          description: 'all seven /health/ready to answer 200',
        },
      );
      await waitFor(
        () => {
          running();
          // The summary's login line comes last, after the seed and every URL.
          return output.includes(`${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`);
        },
        { timeoutMs: 30_000, description: 'the demo login in the output' },
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}\nThe stack's output:\n${output}`);
    }
  });

  afterAll(async () => {
    // Only when a test failed before the SIGINT test: leave nothing running behind.
    if (stack && !exit) {
      stack.kill('SIGKILL');
      for (const pid of childPids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  it('renders every process log prefixed, aligned and with its level', () => {
    expect(output).toMatch(/^\[ticket-core\] {4}INFO {2}\S/m);
    expect(output).toMatch(/^\[knowledge-base\] INFO {2}\S/m);
    expect(output).toMatch(/^\[web\] {12}INFO {2}web listening on :\d+/m);
    // No raw pino JSON reaches the terminal.
    expect(output).not.toMatch(/^\[[a-z-]+\]\s+\{"level"/m);
  });

  it('prints the URLs and the demo login, every URL answering, and no build-stage notes', async () => {
    expect(output).toContain(`http://localhost:${ports['api-gateway']}`);
    for (const app of APPS) expect(output).toContain(`http://localhost:${ports[app]}/health/ready`);
    expect(output).toContain(`${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`);
    const banner = output.slice(output.lastIndexOf('Switchboard is running.'));
    const urls = [...new Set(banner.match(/http:\/\/localhost:\d+[^\s)]*/g) ?? [])];
    expect(urls.length).toBeGreaterThan(APPS.length);
    for (const url of urls) {
      // socket.io answers its own path; its root is no page.
      const target =
        url === `http://localhost:${ports['chat-gateway']}` ? `${url}/health/live` : url;
      const response = await fetch(target, { signal: AbortSignal.timeout(5000) });
      expectWith(url, response.status).toBe(200);
    }
    expect(banner).not.toMatch(/arrive|comes with|none yet|issue/i);
    // The run's NATS asks no credentials, and the banner says what that means.
    expect(banner).toMatch(/NATS .*\n\s+open: it asks no credentials/);
  });

  it('runs a mail catcher that lists what was sent, and names it in the banner', async () => {
    const [, page, smtpPort] =
      /Mail catcher\s+(http:\/\/localhost:\d+)\s+\(sent mail, from SMTP smtp:\/\/127\.0\.0\.1:(\d+)/.exec(
        output,
      ) ?? [];
    expect(page).toBeDefined();
    const subject = `catcher check ${randomUUID()}`;
    await createTransport({ host: '127.0.0.1', port: Number(smtpPort), secure: false }).sendMail({
      from: 'help@acme.test',
      to: 'erin@customer.test',
      subject,
      text: 'hello',
    });
    const listing = await (await fetch(page)).text();
    expect(listing).toContain(subject);
    const link = /href="(\/mail\/[^"]+)">catcher check/.exec(listing)?.[1];
    expect(await (await fetch(`${page}${link}`)).text()).toContain(`Subject: ${subject}`);
  });

  it('serves the desk from web and from api-gateway at /, and its demo login', async () => {
    for (const port of [ports.web, ports['api-gateway']]) {
      const response = await fetch(`http://127.0.0.1:${port}/`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toContain('<div id="root"></div>');
    }
    const demo = await fetch(`http://127.0.0.1:${ports['api-gateway']}/api/v1/auth/demo`);
    expect(await demo.json()).toEqual({ login: DEMO_LOGIN });
    const health = await fetch(`http://127.0.0.1:${ports['api-gateway']}/health/ready`);
    expect(await health.json()).toMatchObject({ status: 'ok' });
  });

  it('seeded the demo workspace, and the seed is idempotent', async () => {
    const db = new Client({ connectionString: testEnv().databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ id: string; name: string }>(
        'SELECT id, name FROM ticket_core.workspaces WHERE slug = $1',
        [DEMO_WORKSPACE.slug],
      );
      expect(rows).toEqual([{ id: expect.any(String), name: DEMO_WORKSPACE.name }]);
      expect(output).toContain(`(${DEMO_WORKSPACE.slug}): ${rows[0]!.id}`);
      const contents = async () =>
        (
          await db.query(
            `SELECT
               (SELECT count(*)::int FROM ticket_core.agents WHERE workspace_id = $1) AS agents,
               (SELECT count(*)::int FROM ticket_core.teams WHERE workspace_id = $1) AS teams,
               (SELECT count(*)::int FROM mail_ingest.mailboxes WHERE workspace_id = $1) AS mailboxes,
               (SELECT string_agg(status, ',' ORDER BY status) FROM ticket_core.tickets
                 WHERE workspace_id = $1) AS tickets,
               (SELECT count(*)::int FROM ticket_core.agents
                 WHERE workspace_id = $1 AND email = $2 AND role = 'admin') AS admins`,
            [rows[0]!.id, DEMO_LOGIN.email],
          )
        ).rows[0];
      const seeded = {
        agents: 4,
        teams: 2,
        mailboxes: 1,
        tickets: 'new,new,open,pending,solved',
        admins: 1,
      };
      expect(await contents()).toEqual(seeded);

      // The printed demo login works against the gateway.
      const login = await fetch(`http://127.0.0.1:${ports['api-gateway']}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: DEMO_LOGIN.email, password: DEMO_LOGIN.password }),
      });
      expect(login.status).toBe(200);
      // Signed with the random secret the stack made and keeps (owner-only) in .data.
      const { accessToken } = (await login.json()) as { accessToken: string };
      const secrets = JSON.parse(readFileSync(SECRETS_FILE, 'utf8')) as { JWT_SECRET: string };
      expect(statSync(SECRETS_FILE).mode & 0o077).toBe(0);
      expect(Buffer.byteLength(secrets.JWT_SECRET)).toBeGreaterThanOrEqual(32);
      const [head, body, signature] = accessToken.split('.');
      expect(
        createHmac('sha256', secrets.JWT_SECRET).update(`${head}.${body}`).digest('base64url'),
      ).toBe(signature);

      // Running the seed again changes nothing, and puts back no edit made since: a renamed
      // agent, the admin's new password.
      await db.query(
        `UPDATE ticket_core.agents SET name = 'Alexandra' WHERE workspace_id = $1 AND email = $2`,
        [rows[0]!.id, 'alex@demo.switchboard.test'],
      );
      const passwordHash = async () =>
        (
          await db.query<{ password_hash: string }>(
            `SELECT password_hash FROM gateway.credentials WHERE email = $1`,
            [DEMO_LOGIN.email],
          )
        ).rows[0]?.password_hash;
      await db.query(
        `UPDATE gateway.credentials SET password_hash = 'edited' || password_hash WHERE email = $1`,
        [DEMO_LOGIN.email],
      );
      const edited = await passwordHash();
      await runDemoSeed({ natsUrl: testEnv().natsUrl, namespace });
      expect(await contents()).toEqual(seeded);
      expect(await passwordHash()).toBe(edited);
      const names = await db.query<{ name: string }>(
        `SELECT name FROM ticket_core.agents WHERE workspace_id = $1 AND email = $2`,
        [rows[0]!.id, 'alex@demo.switchboard.test'],
      );
      expect(names.rows).toEqual([{ name: 'Alexandra' }]);
      await db.query(
        `UPDATE gateway.credentials SET password_hash = substr(password_hash, 7) WHERE email = $1`,
        [DEMO_LOGIN.email],
      );
    } finally {
      await db.end();
    }
  });

  // After the seed's own test, which counts what the seed wrote.
  it('takes mail for the demo mailbox, which the summary names, on the SMTP port', async () => {
    expect(output).toMatch(new RegExp(`SMTP \\(inbound\\)\\s+localhost:${smtpPort}`));
    expect(output).toContain(DEMO_MAILBOX);
    const transport = createTransport({ host: '127.0.0.1', port: smtpPort, secure: false });
    const subject = `Dev stack mail ${namespace}`;
    try {
      const info = await transport.sendMail({
        from: 'visitor@example.test',
        to: DEMO_MAILBOX,
        subject,
        text: 'Hello from the dev stack test',
      });
      expect(info.response).toMatch(/^250/);
    } finally {
      transport.close();
    }
    const db = new Client({ connectionString: testEnv().databaseUrl });
    await db.connect();
    try {
      await waitFor(
        async () =>
          (
            await db.query(
              'SELECT 1 FROM ticket_core.tickets WHERE subject = $1 AND channel = $2',
              [subject, 'mail'],
            )
          ).rowCount === 1,
        { timeoutMs: 15_000, description: 'the mail to become a ticket' },
      );
    } finally {
      await db.end();
    }
  });

  it('stops every child on SIGINT and exits 0', async () => {
    childPids = execFileSync('ps', ['--ppid', String(stack.pid), '-o', 'pid='], {
      encoding: 'utf8',
    })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => pid > 0);
    expect(childPids).toHaveLength(APPS.length);

    stack.kill('SIGINT');
    const exited = await waitFor(() => exit, {
      timeoutMs: 20_000,
      description: 'the stack to exit',
    });
    expect(exited).toEqual({ code: 0, signal: null });
    for (const pid of childPids) expectWith(`child ${pid} is still alive`, alive(pid)).toBe(false);
  });
});
