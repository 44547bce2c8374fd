import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io } from 'socket.io-client';
import { ApiClient, createApiClient } from '@switchboard/api-client';
import * as c from '@switchboard/contracts';
import { ReplyTokenCodec, tokenOfAddress, tokenOfMessageId } from '@switchboard/reply-tokens';
import { ServiceProcess, SmtpSink, expectWith, headerOf, waitFor } from '@switchboard/testing';
import {
  GatewayStack,
  LoggedInAgent,
  WorkspaceSetup,
  customerTicket,
  newAgent,
  newWorkspace,
  startGatewayStack,
} from './gateway-stack';

const SECRET = 'e2e-notification-reply-token-secret-0123456789';
const codec = new ReplyTokenCodec(SECRET);

/*
 * notification as a real process beside ticket-core and api-gateway, sending to a real SMTP
 * sink: an agent's reply reaches the customer and its outcome shows on the message, agents'
 * notifications go through the gateway and the typed client, and a notification killed while
 * it sends sends every mail exactly once after it comes back.
 */
describe('notification with ticket-core, api-gateway and an SMTP sink', () => {
  const sink = new SmtpSink();
  let stack: GatewayStack;
  let notification: ServiceProcess;
  let setup: WorkspaceSetup;
  let admin: LoggedInAgent;
  let bob: LoggedInAgent;
  let env: Record<string, string>;

  beforeAll(async () => {
    await sink.start();
    env = {
      SMTP_URL: sink.url(),
      REPLY_TOKEN_SECRET: SECRET,
      MAIL_FROM: 'help@acme.test',
      MAIL_DOMAIN: 'mail.acme.test',
      MAIL_POLL_MS: '25',
      // A killed sender's mail is leased for this long before another takes it.
      MAIL_LEASE_MS: '2000',
    };
    stack = await startGatewayStack('notify', env, {
      apps: ['ticket-core', 'api-gateway', 'notification', 'chat-gateway'],
    });
    notification = stack.processes[2];
    setup = await newWorkspace(stack, 'acme');
    await stack.nats.rpc.request(c.UPDATE_WORKSPACE_SETTINGS_V1, {
      actor: setup.system,
      publicBaseUrl: 'https://help.acme.test',
    });
    admin = await newAgent(stack, setup, { name: 'Ada', email: 'ada@acme.test', role: 'admin' });
    bob = await newAgent(stack, setup, { name: 'Bob', email: 'bob@acme.test', role: 'agent' });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await notification?.stop();
    await sink.stop();
  });

  const mailsTo = (address: string, count = 1) =>
    waitFor(
      () => {
        const mails = sink.accepted.filter((mail) => mail.to.includes(address));
        return mails.length >= count && mails;
      },
      { timeoutMs: 20_000, description: `${count} mail(s) to ${address}` },
    );

  it("mails an agent's reply to the customer; the desk shows it sent and mail-ingest can thread its answer", async () => {
    const ticket = await customerTicket(stack, setup, {
      customer: { email: 'erin@customer.test', name: 'Erin <ACME>' },
    });
    await stack.nats.rpc.request(c.CLAIM_TICKET_V1, { actor: admin.actor, ticketId: ticket.id });
    const replied = await admin.http.post<c.MessageAddedReplyV1>(
      `/api/v1/tickets/${ticket.id}/replies`,
      { body: 'We are on it.' },
    );
    expect(replied.status).toBe(201);

    const [mail] = await mailsTo('erin@customer.test');
    expect(codec.verify(tokenOfMessageId(mail.messageId)!, setup.workspace.id)).toBe(ticket.id);
    const replyTo = headerOf(mail.raw, 'reply-to')!;
    const address = /<([^>]+)>/.exec(replyTo)?.[1] ?? replyTo;
    expect(codec.verify(tokenOfAddress(address)!, setup.workspace.id)).toBe(ticket.id);
    expect(mail.raw).toContain('We are on it.');
    expect(mail.raw).toContain('Erin &lt;ACME&gt;');

    const detail = await waitFor(async () => {
      const found = await stack.nats.rpc.request(c.GET_TICKET_V1, {
        actor: admin.actor,
        ticketId: ticket.id,
      });
      const message = found.messages.find((m) => m.id === replied.body.message.id);
      return message?.mail?.delivery?.state === 'sent' && message;
    });
    expect(detail.mail).toMatchObject({
      messageId: mail.messageId,
      delivery: { state: 'sent', recipient: 'erin@customer.test' },
    });
    // mail-ingest's threading by In-Reply-To finds the ticket from our Message-ID.
    const found = await stack.nats.rpc.request(c.FIND_TICKET_BY_MAIL_V1, {
      actor: setup.system,
      messageIds: [mail.messageId],
    });
    expect(found.ticketId).toBe(ticket.id);
    // {{ticket_url}} carries the public token, and the token opens the public ticket.
    const token = /https:\/\/help\.acme\.test\/t\/([A-Za-z0-9_-]+)/.exec(mail.raw)?.[1];
    expect(token).toBeDefined();
    const page = await stack.http.get<c.PublicTicketV1>(`/api/v1/public/tickets/${token}`);
    expect(page.status).toBe(200);
    expect(page.body.number).toBe(ticket.number);
  });

  it('lists, counts and marks read an agent’s notifications through the gateway and the typed client', async () => {
    const api: ApiClient = createApiClient(stack.gateway.url, bob.token);
    // Bob's desk is open: the notification is also pushed to it, live, through chat-gateway.
    const desk = io(`${stack.processes[3].url}/agent`, {
      auth: { token: bob.token },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    const pushed: c.NotificationV1[] = [];
    desk.on('notification', (notification: c.NotificationV1) => pushed.push(notification));
    await new Promise((resolve, reject) => {
      desk.once('connect', () => resolve(undefined));
      desk.once('connect_error', reject);
    });
    const ticket = await customerTicket(stack, setup, { subject: 'Invoice wrong' });
    const assigned = await admin.http.post(`/api/v1/tickets/${ticket.id}/assign`, {
      assigneeId: bob.agent.id,
    });
    expect(assigned.status).toBe(200);
    const list = await waitFor(async () => {
      const { data } = await api.GET('/api/v1/notifications', {});
      return data && data.items.length > 0 && data;
    });
    expect(list.items[0]).toMatchObject({
      kind: 'assigned',
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      title: `Ticket #${ticket.number} was assigned to you`,
      body: 'Invoice wrong',
      readAt: null,
    });
    expect((await api.GET('/api/v1/notifications/unread-count', {})).data).toEqual({ unread: 1 });
    const [live] = await waitFor(() => pushed.length > 0 && pushed, {
      description: 'the notification pushed to the desk',
    });
    desk.close();
    expect(live).toEqual(list.items[0]);
    const [mail] = await mailsTo('bob@acme.test');
    expect(headerOf(mail.raw, 'subject')).toBe(
      `#${ticket.number} was assigned to you: Invoice wrong`,
    );
    const marked = await api.POST('/api/v1/notifications/read', {
      body: { ids: [list.items[0].id] },
    });
    expect(marked.data).toEqual({ unread: 0 });
    // Templates and suppressions are for admins.
    const templates = await api.GET('/api/v1/mail/templates', {});
    expect(templates.response.status).toBe(403);
    const preview = await createApiClient(stack.gateway.url, admin.token).POST(
      '/api/v1/mail/templates/{kind}/preview',
      { params: { path: { kind: 'customer_reply' } }, body: { html: '<p>{{customer_name}}</p>' } },
    );
    expect(preview.data?.html).toBe('<p>Erin &lt;Example&gt;</p>');
  });

  it('killed (SIGKILL) in the middle of 200 replies, it sends every mail exactly once after it restarts', async () => {
    const tickets = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        customerTicket(stack, setup, {
          customer: { email: `load${i}@customer.test`, name: `Load ${i}` },
        }),
      ),
    );
    for (const ticket of tickets) {
      await stack.nats.rpc.request(c.CLAIM_TICKET_V1, { actor: admin.actor, ticketId: ticket.id });
    }
    const before = sink.accepted.length;
    const reply = (i: number) =>
      stack.nats.rpc.request(c.REPLY_TICKET_V1, {
        actor: admin.actor,
        ticketId: tickets[i % tickets.length].id,
        body: `Load reply ${i}`,
      });
    // After 50 accepted, the sink stops answering: every connection ends up waiting for a 250
    // it will never get. Once everything accepted is recorded as sent, no mail is between the
    // relay's 250 and our commit (the one window SMTP cannot close; see MailSender), so the
    // kill lands mid-send and mid-stream with nothing ambiguous.
    sink.answer = () => (sink.accepted.length - before >= 50 ? 'hold' : undefined);
    for (let i = 0; i < 100; i += 1) await reply(i);
    const loadSent = async () =>
      Number(
        (
          await stack.db.query(
            `SELECT count(*) FROM notification.outgoing_mail
              WHERE state = 'sent' AND recipient LIKE 'load%'`,
          )
        ).rows[0].count,
      );
    await waitFor(
      async () => sink.holding > 0 && (await loadSent()) === sink.accepted.length - before,
      {
        timeoutMs: 30_000,
        description: 'the sink holding mail and every accepted mail recorded as sent',
      },
    );
    await notification.kill();
    sink.releaseHeld();
    sink.answer = () => undefined;
    // The other half of the events arrive while notification is down.
    for (let i = 100; i < 200; i += 1) await reply(i);
    notification = await ServiceProcess.start('notification', { env: stack.serviceEnv });

    const loadMail = () =>
      sink.accepted.slice(before).filter((mail) => mail.to[0].startsWith('load'));
    await waitFor(() => new Set(loadMail().map((mail) => mail.messageId)).size >= 200, {
      timeoutMs: 60_000,
      description: '200 distinct mails at the sink',
    });
    await waitFor(async () => (await loadSent()) === 200, { timeoutMs: 20_000 });
    const counts = new Map<string, number>();
    for (const mail of loadMail())
      counts.set(mail.messageId, (counts.get(mail.messageId) ?? 0) + 1);
    for (const [messageId, count] of counts) expectWith(messageId, count).toBe(1);
    expect(counts.size).toBe(200);
    const bodies = new Set(loadMail().map((mail) => /Load reply (\d+)/.exec(mail.raw)?.[1]));
    expect(bodies.size).toBe(200);
  }, 180_000);
});
