import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as c from '@switchboard/contracts';
import {
  ProcessStack,
  ServiceProcess,
  SmtpSink,
  TestBrowser,
  TrackedPage,
  freePort,
  launchBrowser,
  screenshot,
  startProcessStack,
  waitFor,
} from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { io } from 'socket.io-client';
import {
  GatewayStack,
  Http,
  LoggedInAgent,
  PASSWORD,
  WorkspaceSetup,
  customerTicket,
  newAgent,
  newWorkspace,
} from './gateway-stack';

/*
 * The desk's live updates through chat-gateway: the gateway names chat-gateway's URL
 * (CHAT_PUBLIC_URL), the page's policy lets the desk connect there, and a ticket created
 * elsewhere shows in New well before the desk's fallback poll (30 s) would have fetched it.
 * In a ticket, colleagues see each other viewing and typing; notification's in-app
 * notifications reach the bell.
 */
describe('web desk live over chat-gateway', () => {
  let processes: ProcessStack;
  /** What the shared helpers need of a stack: NATS, and HTTP to the gateway started last. */
  let stack: GatewayStack;
  let chat: ServiceProcess;
  let gateway: ServiceProcess;
  let setup: WorkspaceSetup;
  let agent: LoggedInAgent;
  let ada: LoggedInAgent;
  let browser: TestBrowser;
  const sink = new SmtpSink();
  let smtpPort: number;

  beforeAll(async () => {
    await sink.start();
    smtpPort = await freePort();
    processes = await startProcessStack(
      'desklive',
      ['ticket-core', 'chat-gateway', 'notification', 'knowledge-base', 'mail-ingest'],
      {
        SMTP_URL: sink.url(),
        MAIL_FROM: 'help@desklive.test',
        MAIL_DOMAIN: 'desklive.test',
        SMTP_PORT: String(smtpPort),
        MAIL_AUTH_DNS: 'offline',
        STORAGE_DIR: mkdtempSync(join(tmpdir(), 'desk-live-')),
      },
    );
    chat = processes.processes[1];
    // The gateway is started once chat-gateway's URL is known.
    gateway = await ServiceProcess.start('api-gateway', {
      env: { ...processes.serviceEnv, CHAT_PUBLIC_URL: chat.url },
    });
    stack = { nats: processes.client, http: new Http(gateway.url) } as GatewayStack;
    setup = await newWorkspace(stack, 'desklive');
    agent = await newAgent(stack, setup, {
      name: 'Lea Live',
      email: 'lea@desklive.test',
      role: 'agent',
    });
    ada = await newAgent(stack, setup, {
      name: 'Ada Admin',
      email: 'ada@desklive.test',
      role: 'admin',
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await processes?.stop();
    await sink.stop();
  });

  async function signIn(email: string): Promise<TrackedPage> {
    const tracked = await browser.newPage();
    await tracked.page.goto(gateway.url);
    await tracked.page.getByLabel('Email').fill(email);
    await tracked.page.getByLabel('Password').fill(PASSWORD);
    await tracked.page.getByRole('button', { name: 'Sign in' }).click();
    await tracked.page.getByRole('heading', { name: 'New', exact: true }).waitFor();
    return tracked;
  }

  async function openTicket(tracked: TrackedPage, number: number): Promise<void> {
    await tracked.page.getByLabel('Search tickets, or #number').fill(`#${number}`);
    await tracked.page.getByLabel('Search tickets, or #number').press('Enter');
    await tracked.page.getByRole('heading', { name: new RegExp(`#${number}`) }).waitFor();
  }

  it('connects to chat-gateway and shows a new ticket without waiting for a poll', async () => {
    const page = await browser.newPage();
    const policy = (await fetch(gateway.url)).headers.get('content-security-policy') ?? '';
    expect(policy).toContain(`connect-src 'self' ${chat.url} ${chat.url.replace('http', 'ws')}`);

    await page.page.goto(gateway.url);
    await page.page.getByLabel('Email').fill('lea@desklive.test');
    await page.page.getByLabel('Password').fill(PASSWORD);
    await page.page.getByRole('button', { name: 'Sign in' }).click();
    await page.page.getByRole('heading', { name: 'New', exact: true }).waitFor();

    // The desk's socket made Lea present: it is connected.
    await waitFor(async () => {
      const agents = await stack.nats.rpc.request(c.LIST_AGENTS_V1, { actor: setup.system });
      return agents.items.find((item) => item.id === agent.agent.id)?.availability === 'online';
    });
    await customerTicket(stack, setup, { subject: 'Arrived while watching' });
    // Well within the 30-second fallback poll: only the socket can have brought it.
    await page.page
      .getByRole('button', { name: /Arrived while watching/ })
      .waitFor({ timeout: 15_000 });
    expect(page.errors).toEqual([]);
    await page.context.close();
  });

  it('shows colleagues viewing and typing in a ticket, and rings the bell for a notification', async () => {
    const max = await newAgent(stack, setup, {
      name: 'Max Mate',
      email: 'max@desklive.test',
      role: 'agent',
    });
    const ticket = await customerTicket(stack, setup, { subject: 'Seen by two' });
    const lea = await signIn('lea@desklive.test');
    const mate = await signIn('max@desklive.test');
    await openTicket(lea, ticket.number);
    await openTicket(mate, ticket.number);

    const peers = (tracked: TrackedPage) => tracked.page.getByTestId('ticket-peers');
    await peers(mate).getByText('Also viewing: Lea Live').waitFor();
    await peers(lea).getByText('Also viewing: Max Mate').waitFor();

    await lea.page.getByLabel('Reply to the customer').fill('Looking into it');
    await peers(mate).getByText('Lea Live is typing…').waitFor();
    await screenshot(mate.page, 'desk-peers');
    // Sending ends the typing at once (not at the indicator's expiry).
    await lea.page.getByRole('button', { name: 'Send reply' }).click();
    await peers(mate).getByText('Lea Live is typing…').waitFor({ state: 'detached' });

    // Leaving the ticket (opening another) leaves the room.
    const other = await customerTicket(stack, setup, { subject: 'Somewhere else' });
    await openTicket(lea, other.number);
    await peers(mate).getByText('Also viewing').waitFor({ state: 'detached' });

    // Ada assigns a ticket to Max: notification's in-app notification reaches his bell.
    expect(
      (await ada.http.post(`/api/v1/tickets/${other.id}/assign`, { assigneeId: max.agent.id }))
        .status,
    ).toBe(200);
    await mate.page.getByTestId('unread-notifications').getByText('1').waitFor();
    await mate.page.getByRole('button', { name: 'Notifications, 1 unread' }).click();
    await mate.page
      .getByRole('button', { name: new RegExp(`Ticket #${other.number} was assigned to you`) })
      .click();
    await mate.page.getByRole('heading', { name: /Somewhere else/ }).waitFor();
    await mate.page.getByTestId('unread-notifications').waitFor({ state: 'detached' });

    expect(lea.errors).toEqual([]);
    expect(mate.errors).toEqual([]);
    await lea.context.close();
    await mate.context.close();
  });

  it('suggests knowledge-base articles in the composer: a passage or the link goes into the reply', async () => {
    await stack.nats.rpc.request(c.UPDATE_WORKSPACE_SETTINGS_V1, {
      actor: setup.system,
      publicBaseUrl: 'https://help.desklive.test',
    });
    const created = await ada.http.post<c.KbArticleV1>('/api/v1/kb/articles', {
      title: 'How to reset your password',
      slug: 'reset-password',
      bodyMarkdown: 'Open **Settings** and click the reset link <b>now</b>.',
    });
    expect(created.status).toBe(201);
    expect((await ada.http.post(`/api/v1/kb/articles/${created.body.id}/publish`)).status).toBe(
      200,
    );
    const ticket = await customerTicket(stack, setup, {
      subject: 'Cannot log in',
      body: 'I forgot my password, how do I reset it?',
    });
    const lea = await signIn('lea@desklive.test');
    await openTicket(lea, ticket.number);
    await lea.page.getByText('Suggested articles (1)').click();
    await lea.page.getByRole('button', { name: 'Insert link' }).click();
    const reply = lea.page.getByLabel('Reply to the customer');
    await expect(reply.inputValue()).resolves.toContain(
      'How to reset your password: https://help.desklive.test/kb/desklive/articles/reset-password',
    );
    await lea.page.getByRole('button', { name: 'Insert passage' }).click();
    await expect(reply.inputValue()).resolves.toMatch(/reset link/);
    // The passage is text: the markup knowledge-base escaped and the marks are not in it.
    expect(await reply.inputValue()).not.toContain('<mark>');
    await screenshot(lea.page, 'desk-suggestions');
    expect(lea.errors).toEqual([]);
    await lea.context.close();
  });

  it('brings a new mail and a new chat into New without a reload', async () => {
    await stack.nats.rpc.request(c.UPSERT_MAILBOX_V1, {
      actor: setup.system,
      address: 'help@desklive.test',
      name: 'Help',
    });
    const widget = await stack.nats.rpc.request(c.GET_WIDGET_SETTINGS_V1, {
      actor: setup.system,
    });
    const lea = await signIn('lea@desklive.test');
    const row = (subject: string) => lea.page.getByRole('button', { name: new RegExp(subject) });

    await createTransport({ host: '127.0.0.1', port: smtpPort, secure: false }).sendMail({
      from: 'Erin <erin@customer.test>',
      to: 'help@desklive.test',
      subject: 'Arrived by mail',
      text: 'Hello by mail.',
    });
    // Well within the 30-second fallback poll: the socket brought them.
    await row('Arrived by mail').waitFor({ timeout: 15_000 });

    const customer = io(`${chat.url}/customer`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: { widgetKey: widget.widgetKey },
    });
    try {
      await new Promise((resolve, reject) => {
        customer.once('connect', () => resolve(undefined));
        customer.once('connect_error', reject);
      });
      const started = await customer.timeout(15_000).emitWithAck('chat:start', {
        clientId: randomUUID(),
        body: 'Hello by chat',
        name: 'Finn',
        email: 'finn@customer.test',
      });
      expect(started).toMatchObject({ sessionToken: expect.any(String) });
      await lea.page.getByRole('button', { name: /Finn/ }).first().waitFor({ timeout: 15_000 });
    } finally {
      customer.close();
    }
    expect(lea.errors).toEqual([]);
    await lea.context.close();
  });
});
