import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as c from '@switchboard/contracts';
import { NatsAuthenticationError, NatsConnection, NatsRpcClient } from '@switchboard/messaging';
import {
  BusUsers,
  NatsServerProcess,
  ServiceProcess,
  SmtpSink,
  createTestDatabase,
  freePort,
  startAll,
  waitFor,
} from '@switchboard/testing';
import { errors as natsErrors } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { Socket, io } from 'socket.io-client';
import { createWorkspace } from '../../tools/workspace-create';
import { Http } from './gateway-stack';

/*
 * The bus as deployed: nats-server trusting the deployment's keys (`npm run nats:credentials`),
 * every service signed in with its own credentials. A connection without credentials is refused; each service does its whole job
 * with its own (mail in over SMTP, a reply out, the desk's live socket, a chat, an article),
 * with not one permission violation in any log; and a service's user cannot send another's
 * commands, answer them or publish its events.
 */

const SITE = 'https://shop.auth.test';
const MAILBOX = 'help@auth.test';

describe('NATS with a user per service', () => {
  let users: BusUsers;
  /** The same bus users signed by keys this server does not trust. */
  let strangers: BusUsers;
  const sink = new SmtpSink();
  const services: ServiceProcess[] = [];
  const sockets: Socket[] = [];
  let server: NatsServerProcess;
  let operator: NatsConnection;
  let smtpPort: number;
  let http: Http;
  let databaseUrl: string;

  const connectAs = (user?: c.BusUser, credentials?: string) =>
    users.connect(server.url, user, credentials);

  beforeAll(async () => {
    users = await BusUsers.create();
    strangers = await BusUsers.create();
    server = await NatsServerProcess.create({ configFile: users.serverConfigFile });
    await sink.start();
    smtpPort = await freePort();
    databaseUrl = await createTestDatabase();
    const shared = {
      DATABASE_URL: databaseUrl,
      NATS_URL: server.url,
      NATS_NAMESPACE: '',
      SMTP_URL: sink.url(),
      SMTP_PORT: String(smtpPort),
      MAIL_AUTH_DNS: 'offline',
      MAIL_POLL_MS: '50',
      STORAGE_DIR: mkdtempSync(join(tmpdir(), 'nats-auth-')),
    };
    services.push(
      ...(await startAll(
        c.SERVICE_NAMES.map((app) =>
          ServiceProcess.start(app, {
            env: { ...shared, ...users.serviceEnv(app) },
          }),
        ),
      )),
    );
    http = new Http(services[c.SERVICE_NAMES.indexOf('api-gateway')].url);
    operator = await connectAs(c.OPERATOR);
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await operator?.onApplicationShutdown();
    await Promise.all(services.map((service) => service.stop()));
    await sink.stop();
    await server?.destroy();
    users?.destroy();
    strangers?.destroy();
  });

  const urlOf = (app: c.ServiceName) => services[c.SERVICE_NAMES.indexOf(app)].url;

  it('refuses a connection without credentials, or with credentials of other keys', async () => {
    await expect(connectAs()).rejects.toBeInstanceOf(NatsAuthenticationError);
    const foreign = readFileSync(strangers.credentialsFile('ticket-core'), 'utf8');
    await expect(connectAs('ticket-core', foreign)).rejects.toThrow(
      'NATS refused the credentials of user "ticket-core"',
    );
  });

  it('stops a service whose credentials are refused, naming its user and not its seed', async () => {
    const foreign = strangers.credentialsFile('knowledge-base');
    const seed = /^SU[A-Z0-9]+$/m.exec(readFileSync(foreign, 'utf8'))![0];
    const refused = await ServiceProcess.start('knowledge-base', {
      env: { DATABASE_URL: databaseUrl, NATS_URL: server.url, NATS_CREDS_FILE: foreign },
      waitReady: false,
    });
    const exit = await waitFor(() => (refused.running ? undefined : refused.stop()), {
      timeoutMs: 30_000,
      description: 'the refused service to exit',
    });
    expect(exit.code).toBe(78);
    const log = readFileSync(refused.logFile, 'utf8');
    expect(log).toContain('NATS refused the credentials of user "knowledge-base"');
    expect(log).not.toContain(seed);
  });

  it('lets every service do its job with its own user', async () => {
    // The operator's tool creates the workspace and its admin.
    const rpc = new NatsRpcClient(operator);
    const created = await createWorkspace(rpc, {
      name: 'Auth Test',
      slug: 'auth-test',
      adminEmail: 'ada@auth.test',
      adminName: 'Ada',
    });
    const system: c.Actor = { kind: 'system', workspaceId: created.workspaceId, teamIds: [] };
    await rpc.request(c.UPSERT_MAILBOX_V1, { actor: system, address: MAILBOX, name: 'Help' });
    const login = await http.post<{ accessToken: string }>('/api/v1/auth/login', {
      email: 'ada@auth.test',
      password: created.password,
      newPassword: 'ada chose her own',
    });
    expect(login.status).toBe(200);
    const ada = http.as(login.body.accessToken);

    // The desk's live socket: chat-gateway checks the token with api-gateway.
    const desk = io(`${urlOf('chat-gateway')}/agent`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { token: login.body.accessToken },
    });
    sockets.push(desk);
    const deskEvents: { name: string; body: { ticketId?: string } }[] = [];
    desk.onAny((name: string, body: { ticketId?: string }) => deskEvents.push({ name, body }));
    await waitFor(() => desk.connected, { description: 'the desk socket to connect' });

    // Mail in: mail-ingest makes a ticket through ticket-core.
    await createTransport({ host: '127.0.0.1', port: smtpPort, secure: false }).sendMail({
      from: 'erin@customer.test',
      to: MAILBOX,
      subject: 'Where is my parcel?',
      text: 'It should have come on Monday.',
      messageId: `<${randomUUID()}@customer.test>`,
    });
    const page = await waitFor(async () => {
      const found = await ada.get<{ items: { id: string }[] }>(
        '/api/v1/tickets/search?text=parcel',
      );
      return found.status === 200 && found.body.items.length === 1 && found.body;
    });
    const ticketId = page.items[0].id;
    // ticket-core's event reached the desk through chat-gateway's subscription.
    await waitFor(() => deskEvents.some((event) => event.name === 'ticket:events'), {
      description: 'a ticket event on the desk socket',
    });

    // A reply out: ticket-core's event, notification's consumer, the mail at the sink.
    const replied = await ada.post(`/api/v1/tickets/${ticketId}/replies`, {
      body: 'It left our warehouse today.',
    });
    expect(replied.status).toBe(201);
    await waitFor(() => sink.accepted.find((mail) => mail.to.includes('erin@customer.test')), {
      timeoutMs: 20_000,
      description: 'the reply at the SMTP sink',
    });

    // A chat: chat-gateway's widget settings through the gateway, a customer's chat a ticket.
    const widget = await ada.patch<c.WidgetSettingsV1>('/api/v1/settings/widget', {
      allowedOrigins: [SITE],
    });
    expect(widget.status).toBe(200);
    const customer = io(`${urlOf('chat-gateway')}/customer`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { widgetKey: widget.body.widgetKey },
      extraHeaders: { origin: SITE },
    });
    sockets.push(customer);
    const started = await customer.timeout(15_000).emitWithAck('chat:start', {
      clientId: randomUUID(),
      body: 'Hello from the chat',
      name: 'Finn',
      email: 'finn@customer.test',
    });
    expect(started).toMatchObject({ ticketNumber: expect.any(Number) });

    // An article: the gateway asks knowledge-base, which asks ticket-core for the workspace.
    const article = await ada.post<{ id: string }>('/api/v1/kb/articles', {
      title: 'Parcels',
      slug: 'parcels',
      bodyMarkdown: 'Parcels take three days.',
    });
    expect(article.status).toBe(201);

    // Nothing any service tried was refused by the server.
    for (const service of services)
      expect(readFileSync(service.logFile, 'utf8')).not.toMatch(/Permissions Violation/i);
  });

  it("refuses a service's user another's commands, answers and events, at the server", async () => {
    const mailIngest = await connectAs('mail-ingest');
    const chat = await connectAs('chat-gateway');
    const gateway = await connectAs('api-gateway');
    try {
      // mail-ingest may not create a workspace, nor solve a ticket: the server refuses to carry
      // them, and the request helper says so.
      const rpc = new NatsRpcClient(mailIngest);
      await expect(
        rpc.request(c.CREATE_WORKSPACE_V1, { name: 'Evil', slug: 'evil' }),
      ).rejects.toMatchObject({
        code: c.ErrorCode.INTERNAL,
        message: 'the NATS server does not let this service send helpdesk.cmd.workspace.create.v1',
      });
      await expect(
        mailIngest.client.request('helpdesk.cmd.ticket.solve.v1', '{}', { timeout: 5000 }),
      ).rejects.toMatchObject({ cause: expect.any(natsErrors.PermissionViolationError) });
      // The gateway may send ticket commands but not answer them.
      const answering = gateway.client.subscribe('helpdesk.cmd.ticket.solve.v1', { queue: 'x' });
      await expect(answering.closed).resolves.toBeInstanceOf(natsErrors.PermissionViolationError);
      // chat-gateway may not pass off an event as ticket-core's.
      await expect(
        chat.js.publish('helpdesk.evt.ticket.created.v1', '{}', { timeout: 5000 }),
      ).rejects.toThrow(/permission/i);
    } finally {
      await Promise.all([mailIngest, chat, gateway].map((nats) => nats.onApplicationShutdown()));
    }
  });
});
