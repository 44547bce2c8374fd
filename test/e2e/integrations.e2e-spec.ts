import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, credsAuthenticator, errors as natsErrors } from '@nats-io/transport-node';
import * as c from '@switchboard/contracts';
import { NatsConnection, NatsRpcClient } from '@switchboard/messaging';
import { IntegrationClient, connectIntegration } from '@switchboard/nats-client';
import {
  BusUsers,
  NatsServerProcess,
  ServiceProcess,
  createTestDatabase,
  freePort,
  startAll,
  waitFor,
} from '@switchboard/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTransport } from 'nodemailer';
import { createWorkspace } from '../../tools/workspace-create';
import { Http } from './gateway-stack';

/*
 * Integrations on the bus as deployed (JWT credentials, per-service permissions): an admin issues
 * credentials through the API; a read-only one asks queries and nothing else, an agent one also
 * sends commands, both as their workspace's integration whatever the payload says, and both hear
 * their own workspace's events only; the NATS server refuses anything outside the role. The
 * example integration (examples/label-mail-tickets) labels each new mail ticket; a revoked
 * credential reaches nothing.
 */

const MAILBOX = 'help@integrations.test';

interface Issued {
  id: string;
  name: string;
  role: c.IntegrationRole;
  credentials: string;
}

describe('integrations over NATS', () => {
  let users: BusUsers;
  let server: NatsServerProcess;
  let operator: NatsConnection;
  const services: ServiceProcess[] = [];
  const clients: IntegrationClient[] = [];
  let example: ChildProcess | undefined;
  let smtpPort: number;
  let admin: Http;
  let workspaceId: string;
  let otherTicketId: string;
  /** The actor of the other workspace, which a payload may claim to no effect. */
  let otherActor: c.Actor;

  beforeAll(async () => {
    users = await BusUsers.create();
    server = await NatsServerProcess.create({ configFile: users.serverConfigFile });
    smtpPort = await freePort();
    const shared = {
      DATABASE_URL: await createTestDatabase(),
      NATS_URL: server.url,
      NATS_NAMESPACE: '',
      SMTP_PORT: String(smtpPort),
      MAIL_AUTH_DNS: 'offline',
      MAIL_POLL_MS: '50',
      STORAGE_DIR: mkdtempSync(join(tmpdir(), 'integrations-')),
    };
    const apps = ['ticket-core', 'api-gateway', 'mail-ingest'] as const;
    services.push(
      ...(await startAll(
        apps.map((app) =>
          ServiceProcess.start(app, { env: { ...shared, ...users.serviceEnv(app) } }),
        ),
      )),
    );
    operator = await users.connect(server.url, c.OPERATOR);
    const rpc = new NatsRpcClient(operator);
    const created = await createWorkspace(rpc, {
      name: 'Integrations',
      slug: 'integrations',
      adminEmail: 'ada@integrations.test',
      adminName: 'Ada',
    });
    workspaceId = created.workspaceId;
    const system: c.Actor = { kind: 'system', workspaceId, teamIds: [] };
    await rpc.request(c.UPSERT_MAILBOX_V1, { actor: system, address: MAILBOX, name: 'Help' });
    const http = new Http(services[1].url);
    const login = await http.post<{ accessToken: string }>('/api/v1/auth/login', {
      email: 'ada@integrations.test',
      password: created.password,
      newPassword: 'ada integrates things',
    });
    admin = http.as(login.body.accessToken);
    // Another workspace's ticket, which no credential of this one may see or touch.
    const other = await createWorkspace(rpc, {
      name: 'Elsewhere',
      slug: 'elsewhere',
      adminEmail: 'bo@elsewhere.test',
      adminName: 'Bo',
    });
    otherActor = { kind: 'system', workspaceId: other.workspaceId, teamIds: [] };
    const otherTicket = await rpc.request(c.CREATE_TICKET_V1, {
      actor: otherActor,
      channel: 'web',
      subject: 'Secret elsewhere',
      body: 'Not for the integration',
      customer: { email: 'zed@elsewhere.test', name: 'Zed' },
    } as c.CreateTicketV1);
    otherTicketId = otherTicket.id;
  }, 120_000);

  afterAll(async () => {
    example?.kill('SIGTERM');
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await operator?.onApplicationShutdown();
    await Promise.all(services.map((service) => service.stop()));
    await server?.destroy();
    users?.destroy();
  });

  const issue = async (role: c.IntegrationRole, name = `${role} integration`) => {
    const created = await admin.post<Issued>('/api/v1/integrations', { name, role });
    expect(created.status).toBe(201);
    return created.body;
  };

  const connectWith = async (issued: Issued) => {
    const client = await connectIntegration({
      servers: server.url,
      credentials: issued.credentials,
    });
    clients.push(client);
    return client;
  };

  /** A raw connection with the credential, to try what the client library would never send. */
  const rawConnection = (issued: Issued) =>
    connect({
      servers: server.url,
      authenticator: credsAuthenticator(new TextEncoder().encode(issued.credentials)),
      inboxPrefix: c.integrationInboxPrefix(issued.id),
    });

  const sendMail = (subject: string) =>
    createTransport({ host: '127.0.0.1', port: smtpPort, secure: false }).sendMail({
      from: 'erin@customer.test',
      to: MAILBOX,
      subject,
      text: 'Please help.',
      messageId: `<${randomUUID()}@customer.test>`,
    });

  it('lets an admin issue, list and revoke credentials, shown once', async () => {
    const issued = await issue('read-only', 'dashboard');
    expect(issued.credentials).toContain('-----BEGIN NATS USER JWT-----');
    const listed = await admin.get<{ items: Record<string, unknown>[] }>('/api/v1/integrations');
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({
        id: issued.id,
        name: 'dashboard',
        role: 'read-only',
        revokedAt: null,
      }),
    );
    expect(JSON.stringify(listed.body)).not.toContain('NATS USER JWT');
    const invalid = await admin.post('/api/v1/integrations', { name: 'x', role: 'root' });
    expect(invalid.status).toBe(400);
    expect(await admin.delete(`/api/v1/integrations/${issued.id}`)).toMatchObject({ status: 204 });
    expect(await admin.delete(`/api/v1/integrations/${randomUUID()}`)).toMatchObject({
      status: 404,
    });
  });

  it('answers a read-only credential its own workspace only, and the server refuses its commands', async () => {
    const issued = await issue('read-only');
    const client = await connectWith(issued);
    await sendMail('Read-only sees this');
    const found = await waitFor(async () => {
      const page = await client.request('helpdesk.qry.ticket.search.v1', { text: 'sees' });
      return page.items.length === 1 && page;
    });
    expect(found.items[0].subject).toBe('Read-only sees this');
    // A payload claiming the other workspace's actor changes nothing: the credential's is used.
    await expect(
      client.request('helpdesk.qry.ticket.get.v1', {
        ticketId: otherTicketId,
        actor: otherActor,
      } as never),
    ).rejects.toMatchObject({ code: c.ErrorCode.NOT_FOUND });

    const raw = await rawConnection(issued);
    try {
      // A command: the server does not carry it (the bridge never sees it).
      await expect(
        raw.request(c.integrationSubject(issued.id, 'helpdesk.cmd.ticket.solve.v1'), '{}', {
          timeout: 5000,
        }),
      ).rejects.toMatchObject({ cause: expect.any(natsErrors.PermissionViolationError) });
      // Another credential's subjects, the services' own subjects, the raw event stream.
      await expect(
        raw.request(`helpdesk.int.${randomUUID()}.qry.ticket.get.v1`, '{}', { timeout: 5000 }),
      ).rejects.toMatchObject({ cause: expect.any(natsErrors.PermissionViolationError) });
      await expect(
        raw.request('helpdesk.qry.ticket.get.v1', '{}', { timeout: 5000 }),
      ).rejects.toMatchObject({ cause: expect.any(natsErrors.PermissionViolationError) });
      const events = raw.subscribe('helpdesk.evt.>');
      await expect(events.closed).resolves.toBeInstanceOf(natsErrors.PermissionViolationError);
    } finally {
      await raw.close();
    }
  });

  it("lets an agent credential send commands as its integration and hear its own workspace's events", async () => {
    const issued = await issue('agent');
    const client = await connectWith(issued);
    const heard: c.EventEnvelope<c.TicketCreatedV1>[] = [];
    const subscription = client.events(
      async (event) => {
        heard.push(event as c.EventEnvelope<c.TicketCreatedV1>);
      },
      { subjects: [c.TICKET_CREATED_V1] },
    );
    try {
      await sendMail('Agent integration hears this');
      const created = await waitFor(
        () => heard.find((e) => e.data.ticket.subject.includes('hears')),
        {
          timeoutMs: 20_000,
          description: 'the ticket.created event at the integration',
        },
      );
      expect(created.workspaceId).toBe(workspaceId);
      await client.request('helpdesk.cmd.ticket.change-labels.v1', {
        ticketId: created.data.ticketId,
        add: ['vip'],
        remove: [],
      });
      const ticket = await admin.get<{ labels: string[] }>(
        `/api/v1/tickets/${created.data.ticketId}`,
      );
      expect(ticket.body.labels).toContain('vip');
      // Another workspace's ticket: not found for this integration, whatever it claims.
      await expect(
        client.request('helpdesk.cmd.ticket.change-labels.v1', {
          ticketId: otherTicketId,
          add: ['stolen'],
          remove: [],
          actor: otherActor,
        } as never),
      ).rejects.toMatchObject({ code: c.ErrorCode.NOT_FOUND });
      expect(
        (
          await new NatsRpcClient(operator).request(c.GET_TICKET_V1, {
            actor: otherActor,
            ticketId: otherTicketId,
          })
        ).labels,
      ).not.toContain('stolen');
      // The other workspace's ticket never reached this credential's events.
      expect(heard.every((event) => event.workspaceId === workspaceId)).toBe(true);
    } finally {
      await subscription.stop();
    }
  });

  it('runs the example integration, which labels each new mail ticket', async () => {
    const issued = await issue('agent', 'mail labeller');
    const credsFile = join(mkdtempSync(join(tmpdir(), 'example-')), 'labeller.creds');
    writeFileSync(credsFile, issued.credentials, { mode: 0o600 });
    let output = '';
    example = spawn(
      process.execPath,
      [resolve(__dirname, '../../dist/examples/label-mail-tickets/main.js')],
      {
        env: {
          ...process.env,
          SWITCHBOARD_NATS_URL: server.url,
          SWITCHBOARD_CREDS_FILE: credsFile,
          LABEL: 'from-mail',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    example.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    example.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => output.includes('ready'), { description: 'the example to start' });

    // A ticket typed at the desk first: its event comes before the mail's, in order.
    const web = await admin.post<{ id: string }>('/api/v1/tickets', {
      subject: 'Typed by an agent',
      body: 'Not from mail',
      customer: { email: 'walk@in.test', name: 'Walk In' },
    });
    expect(web.status).toBe(201);
    await sendMail('Label me please');
    const labelled = await waitFor(
      async () => {
        const page = await admin.get<{ items: { id: string; labels: string[] }[] }>(
          '/api/v1/tickets/search?text=Label',
        );
        const ticket = page.body.items[0];
        return ticket?.labels.includes('from-mail') && ticket;
      },
      { timeoutMs: 20_000, description: 'the example to label the mail ticket' },
    );
    expect(output).toContain(`labelled ticket ${labelled.id}`);
    // Its ticket.created came before the mail's, which is labelled: the example skipped it.
    const typed = await admin.get<{ labels: string[] }>(`/api/v1/tickets/${web.body.id}`);
    expect(typed.body.labels).not.toContain('from-mail');
    example.kill('SIGTERM');
    const code = await new Promise((done) => example!.once('exit', done));
    expect(code).toBe(0);
    example = undefined;
  });

  it('refuses a revoked credential everything', async () => {
    const issued = await issue('agent', 'to be revoked');
    const client = await connectWith(issued);
    await client.request('helpdesk.qry.label.list.v1', {});
    expect(await admin.delete(`/api/v1/integrations/${issued.id}`)).toMatchObject({ status: 204 });
    await expect(client.request('helpdesk.qry.label.list.v1', {})).rejects.toMatchObject({
      code: c.ErrorCode.FORBIDDEN,
    });
    // Its consumer is gone and it may not make one.
    const raw = await rawConnection(issued);
    try {
      const stream = c.INTEGRATION_EVENTS_STREAM.name;
      const info = (
        await raw.request(`$JS.API.CONSUMER.INFO.${stream}.${issued.id}`, '', { timeout: 5000 })
      ).json<{ error?: { code: number } }>();
      expect(info.error?.code).toBe(404);
      await expect(
        raw.request(`$JS.API.CONSUMER.DURABLE.CREATE.${stream}.${issued.id}`, '{}', {
          timeout: 5000,
        }),
      ).rejects.toMatchObject({ cause: expect.any(natsErrors.PermissionViolationError) });
    } finally {
      await raw.close();
    }
  });
});
