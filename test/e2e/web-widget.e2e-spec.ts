import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as c from '@switchboard/contracts';
import {
  ProcessStack,
  ServiceProcess,
  TestBrowser,
  TrackedPage,
  expectWith,
  launchBrowser,
  screenshot,
  seriousAxeViolations,
  SmtpSink,
  startProcessStack,
  waitFor,
} from '@switchboard/testing';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { io, Socket } from 'socket.io-client';
import {
  GatewayStack,
  Http,
  LoggedInAgent,
  PASSWORD,
  PNG,
  WorkspaceSetup,
  newAgent,
  newWorkspace,
} from './gateway-stack';

/*
 * The chat widget on another site, in Debian's chromium: a page served by a small HTTP server
 * of the test's own (another origin) carries the one script tag; api-gateway serves the widget
 * and names chat-gateway (CHAT_PUBLIC_URL); an agent answers in the desk. Every wait is for a
 * condition, never a sleep.
 */

const WAIT = { timeout: 20_000 };
/** What runs in the page, for a test compiled without the DOM's types. */
type Browserish = { getComputedStyle(node: unknown): { fontSize: string } };
/** Markup that would run, or show bold, if the widget rendered an agent's text as HTML. */
const MARKUP = `<img src=x onerror="window.__pwned=1"><b>bold?</b>`;

describe('chat widget on a third-party page', () => {
  let processes: ProcessStack;
  let stack: GatewayStack;
  let gateway: ServiceProcess;
  let storageDir: string;
  let setup: WorkspaceSetup;
  let ada: LoggedInAgent;
  let widget: c.WidgetSettingsV1;
  let site: Server;
  let siteUrl: string;
  let browser: TestBrowser;
  const pages: TrackedPage[] = [];
  const sockets: Socket[] = [];
  /** Where notification sends the customers' mail (the transcript). */
  const sink = new SmtpSink();

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'switchboard-widget-'));
    await sink.start();
    const env = {
      AUTH_RATE_LIMIT_PER_MINUTE: '10000',
      STORAGE_DIR: storageDir,
      SMTP_URL: sink.url(),
      MAIL_POLL_MS: '25',
    };
    // api-gateway is started once chat-gateway's URL is known.
    processes = await startProcessStack(
      'widget',
      ['ticket-core', 'chat-gateway', 'notification', 'knowledge-base'],
      env,
    );
    const chat = processes.processes[1]!;
    gateway = await ServiceProcess.start('api-gateway', {
      env: { ...processes.serviceEnv, ...env, CHAT_PUBLIC_URL: chat.url },
    });
    stack = {
      nats: processes.client,
      db: processes.db,
      http: new Http(gateway.url),
    } as GatewayStack;
    setup = await newWorkspace(stack, 'widget');
    ada = await newAgent(stack, setup, {
      name: 'Ada Lovelace',
      email: 'ada@widget.test',
      role: 'agent',
    });
    await stack.nats.rpc.request(c.UPSERT_AGENT_V1, {
      actor: setup.system,
      name: 'Ada Lovelace',
      email: 'ada@widget.test',
      role: 'agent',
      teamIds: [],
      signReplies: true,
    });

    site = createServer((request, response) => {
      const lang = new URL(request.url ?? '/', 'http://site').searchParams.get('lang');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
          `<meta name="viewport" content="width=device-width, initial-scale=1">` +
          `<title>Shop</title><style>button{background:red!important;font-size:40px}</style></head>` +
          `<body><main><h1>The shop</h1><p>Things for sale.</p></main>` +
          `<script src="${gateway.url}/widget.js" data-key="${widget.widgetKey}"` +
          `${lang ? ` data-lang="${lang}"` : ''} async></script></body></html>`,
      );
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    // `localhost`, not the gateway's 127.0.0.1: another origin by host as well as port.
    siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`;
    await stack.nats.rpc.request(c.GET_WIDGET_SETTINGS_V1, { actor: setup.system });
    widget = await stack.nats.rpc.request(c.UPDATE_WIDGET_SETTINGS_V1, {
      actor: setup.system,
      allowedOrigins: [siteUrl],
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    for (const tracked of pages) await tracked.context.close().catch(() => undefined);
    await browser?.close();
    site?.closeAllConnections();
    await new Promise((resolve) => site?.close(resolve));
    await gateway?.stop();
    await processes?.stop();
    await sink.stop();
    await rm(storageDir, { recursive: true, force: true });
  });

  const openPage = async (viewport?: { width: number; height: number }) => {
    const tracked = await browser.newPage(viewport);
    pages.push(tracked);
    return tracked;
  };
  /** The widget's log: playwright's locators reach into the open shadow root. */
  const log = (page: Page) => page.getByRole('log', { name: 'Conversation' });
  const bubble = (page: Page, text: string | RegExp): Locator =>
    log(page).locator('.message').filter({ hasText: text });
  const ticketsOf = async (email: string) =>
    (
      await stack.db.query(
        `SELECT t.id, t.number FROM ticket_core.tickets t
           JOIN ticket_core.customers c ON c.id = t.customer_id
          WHERE c.email = $1 ORDER BY t.created_at`,
        [email],
      )
    ).rows as { id: string; number: number }[];
  const storedMessages = async (ticketId: string) =>
    (await stack.nats.rpc.request(c.GET_TICKET_V1, { actor: setup.system, ticketId })).messages;
  const expectNoSeriousAxe = async (page: Page, screen: string) => {
    const violations = await seriousAxeViolations(page);
    expectWith(
      `${screen}: ${violations.map((v) => `${v.id} (${v.impact}) at ${JSON.stringify(v.nodes.map((n) => n.target))}`).join('; ')}`,
      violations.length,
    ).toBe(0);
  };

  it('serves the loader and its files to other sites, with chat-gateway named', async () => {
    const loader = await fetch(`${gateway.url}/widget.js`);
    expect(loader.status).toBe(200);
    expect(loader.headers.get('content-type')).toContain('text/javascript');
    expect(loader.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(loader.headers.get('access-control-allow-origin')).toBe('*');
    const source = await loader.text();
    expect(source).toContain(processes.processes[1]!.url);
    const chunk = /(widget\/app-[^`'"]+\.js)/.exec(source)?.[1];
    expect(chunk).toBeDefined();
    const file = await fetch(`${gateway.url}/${chunk}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(file.headers.get('access-control-allow-origin')).toBe('*');
    expect(file.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('chats live with an agent in the desk, and resumes after a reload or a dropped connection', async () => {
    // Ada's desk is open: she is online, so the chat is live.
    const desk = await openPage();
    await desk.page.goto(gateway.url);
    await desk.page.getByLabel('Email').fill('ada@widget.test');
    await desk.page.getByLabel('Password').fill(PASSWORD);
    await desk.page.getByRole('button', { name: 'Sign in' }).click();
    await desk.page.getByRole('heading', { name: 'New', exact: true }).waitFor(WAIT);
    await waitFor(async () => {
      const agents = await stack.nats.rpc.request(c.LIST_AGENTS_V1, { actor: setup.system });
      return agents.items.find((item) => item.id === ada.agent.id)?.availability === 'online';
    });

    const customer = await openPage();
    const { page } = customer;
    await page.goto(siteUrl);
    const launcher = page.getByRole('button', { name: 'Open chat' });
    await launcher.click();
    await page.getByLabel('Your name (optional)').fill('Erin');
    await page.getByLabel('Your email (optional)').fill('erin@customer.test');
    await page.getByLabel('Message').fill('Hello, my parcel is late');
    await page.getByRole('button', { name: 'Start chat' }).click();
    await bubble(page, 'Hello, my parcel is late').filter({ hasText: 'You' }).waitFor(WAIT);
    const [ticket] = await waitFor(async () => {
      const found = await ticketsOf('erin@customer.test');
      return found.length > 0 && found;
    });

    // The agent opens the chat's ticket in the desk and answers.
    await desk.page.getByLabel('Search tickets, or #number').fill(`#${ticket!.number}`);
    await desk.page.getByLabel('Search tickets, or #number').press('Enter');
    await desk.page
      .getByRole('heading', { name: new RegExp(`^#${ticket!.number} `) })
      .waitFor(WAIT);
    await desk.page.getByLabel('Reply to the customer').fill('We are looking into it.');
    await desk.page.getByRole('button', { name: 'Send reply' }).click();
    await bubble(page, 'We are looking into it.').filter({ hasText: 'Ada Lovelace' }).waitFor(WAIT);

    // Typing, both ways (an agent's socket, as the desk's will).
    const agentSocket = io(`${processes.processes[1]!.url}/agent`, {
      transports: ['websocket'],
      auth: { token: ada.token },
      forceNew: true,
    });
    sockets.push(agentSocket);
    const customerTyping: boolean[] = [];
    agentSocket.on('ticket:typing', (signal: { typing: boolean }) =>
      customerTyping.push(signal.typing),
    );
    await agentSocket.timeout(15_000).emitWithAck('ticket:join', { ticketId: ticket!.id });
    await agentSocket.timeout(15_000).emitWithAck('ticket:typing', {
      ticketId: ticket!.id,
      typing: true,
    });
    await page.getByText('Ada Lovelace is typing…').waitFor(WAIT);
    await page.getByLabel('Message').pressSequentially('Than');
    await waitFor(() => customerTyping.includes(true), { description: 'the customer typing' });
    await page.getByLabel('Message').press('Enter'); // Enter sends
    await bubble(page, /^YouThan$/).waitFor(WAIT);

    // Markup from an agent is text.
    await ada.http.post(`/api/v1/tickets/${ticket!.id}/replies`, { body: MARKUP });
    await bubble(page, MARKUP).waitFor(WAIT);
    expect(await log(page).locator('img, b').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();

    // A file through the public ticket route; a refused one shows the API's reason.
    await page.getByLabel('Attach a file').setInputFiles({
      name: 'label.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await log(page).getByRole('link', { name: 'label.png' }).waitFor(WAIT);
    await page.getByLabel('Attach a file').setInputFiles({
      name: 'setup.exe',
      mimeType: 'application/octet-stream',
      buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512, 0x90)]),
    });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /The file was not sent: .+/ })
      .waitFor(WAIT);

    // "Email me this conversation": notification mails the transcript to the chat's email.
    await page.getByRole('button', { name: 'Email me this conversation' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'The conversation is on its way to erin@customer.test.' })
      .waitFor(WAIT);
    const [mail] = await waitFor(
      () => {
        const mails = sink.accepted.filter((m) => m.to.includes('erin@customer.test'));
        return mails.length > 0 && mails;
      },
      { timeoutMs: 20_000, description: 'the transcript mailed to Erin' },
    );
    expect(mail!.raw).toContain('Hello, my parcel is late');
    expect(mail!.raw).toContain('We are looking into it.');

    await expectNoSeriousAxe(page, 'the open widget');
    await screenshot(page, 'widget-chat');

    // A reload resumes: the same chat, its history, and what was said while away (sent after
    // the last seq the page kept).
    await page.goto('about:blank');
    await ada.http.post(`/api/v1/tickets/${ticket!.id}/replies`, { body: 'While you were away' });
    await page.goto(siteUrl);
    await bubble(page, 'While you were away').waitFor(WAIT);
    await page.reload();
    await bubble(page, 'We are looking into it.').waitFor(WAIT);
    await ada.http.post(`/api/v1/tickets/${ticket!.id}/replies`, { body: 'Back again?' });
    await bubble(page, 'Back again?').waitFor(WAIT);
    for (const text of ['Hello, my parcel is late', 'While you were away', 'Back again?'])
      await expect(bubble(page, text).count()).resolves.toBe(1);
    expect((await ticketsOf('erin@customer.test')).length).toBe(1);

    // A dropped connection comes back by itself and is sent what it missed.
    const host = page.locator('[data-switchboard-widget]');
    await page.context().setOffline(true);
    await page
      .locator('[data-switchboard-widget]:not([data-connected])')
      .waitFor({ state: 'attached', ...WAIT });
    await ada.http.post(`/api/v1/tickets/${ticket!.id}/replies`, { body: 'Sent while offline' });
    await page.context().setOffline(false);
    await bubble(page, 'Sent while offline').waitFor(WAIT);
    expect(await host.getAttribute('data-connected')).toBe('');

    // Keyboard: Escape closes and gives the focus back to the launcher.
    await page.getByLabel('Message').focus();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden', ...WAIT });
    expect(await launcher.evaluate((node) => node.matches(':focus'))).toBe(true);
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    // The page's own styles did not reach the widget's button.
    expect(
      await launcher.evaluate(
        (node) => (globalThis as unknown as Browserish).getComputedStyle(node).fontSize,
      ),
    ).not.toBe('40px');

    // Chromium logs every 4xx answer to a fetch; the refused file's was asked for above.
    expect(customer.errors.filter((error) => !error.includes('status of 415'))).toEqual([]);
    expect(desk.errors).toEqual([]);
  });

  it('takes a message out of hours: YES, two messages, //end make one ticket', async () => {
    const today = new Date().getUTCDay();
    const otherDay = c.WEEKDAYS[(today + 2) % 7]!;
    await stack.nats.rpc.request(c.UPDATE_WORKSPACE_SETTINGS_V1, {
      actor: setup.system,
      businessHours: {
        timeZone: 'UTC',
        periods: [{ day: otherDay, start: '09:00', end: '17:00' }],
      },
    });
    try {
      const customer = await openPage();
      const { page } = customer;
      await page.goto(siteUrl);
      await page.getByRole('button', { name: 'Open chat' }).click();
      await page.getByLabel('Your email (optional)').fill('ivy@customer.test');
      await page.getByLabel('Message').fill('My order never came');
      await page.getByRole('button', { name: 'Start chat' }).click();
      const notice = (text: string) => log(page).locator('.notice').filter({ hasText: text });
      await notice('Answer YES or NO').waitFor(WAIT);
      const say = async (text: string) => {
        await page.getByLabel('Message').fill(text);
        await page.getByRole('button', { name: 'Send', exact: true }).click();
      };
      await say('YES');
      await notice('send //end when you are done').waitFor(WAIT);
      await say('It was order 1234');
      await bubble(page, 'It was order 1234').locator('.pending').waitFor({ state: 'detached' });
      await say('Please send it again');
      await bubble(page, 'Please send it again').locator('.pending').waitFor({ state: 'detached' });
      await say('//end');
      await notice('This chat has ended').waitFor(WAIT);
      await page.getByRole('button', { name: 'Start a new chat' }).waitFor(WAIT);

      const tickets = await ticketsOf('ivy@customer.test');
      expect(tickets.length).toBe(1);
      expect((await storedMessages(tickets[0]!.id)).map((m) => m.bodyText)).toEqual([
        'My order never came',
        'It was order 1234',
        'Please send it again',
      ]);
      await expectNoSeriousAxe(page, 'the ended intake');
      expect(customer.errors).toEqual([]);
    } finally {
      await stack.nats.rpc.request(c.UPDATE_WORKSPACE_SETTINGS_V1, {
        actor: setup.system,
        businessHours: { timeZone: 'UTC', periods: [] },
      });
    }
  });

  it('fits a phone, and speaks German when the tag says so', async () => {
    const phone = await openPage({ width: 375, height: 667 });
    const { page } = phone;
    await page.goto(`${siteUrl}/?lang=de`);
    await page.getByRole('button', { name: 'Chat öffnen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Chatten Sie mit uns' });
    await dialog.waitFor(WAIT);
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    expect(box.y + box.height).toBeLessThanOrEqual(667);
    await expect(
      page.getByLabel('Ihr Name (optional)').evaluate((n) => n.matches(':focus')),
    ).resolves.toBe(true);
    // A chat starts on the phone too, with its button on screen.
    await page.getByLabel('Nachricht').fill('Hallo vom Telefon');
    await page.getByRole('button', { name: 'Chat starten' }).click();
    await page
      .getByRole('log', { name: 'Unterhaltung' })
      .locator('.message')
      .filter({ hasText: 'Hallo vom Telefon' })
      .filter({ hasText: 'Sie' })
      .waitFor(WAIT);
    const send = (await page.getByRole('button', { name: 'Senden', exact: true }).boundingBox())!;
    expect(send.y + send.height).toBeLessThanOrEqual(667);
    await page.getByRole('button', { name: 'Chat schließen' }).click();
    await dialog.waitFor({ state: 'hidden', ...WAIT });
    await screenshot(page, 'widget-phone');
    expect(phone.errors).toEqual([]);
  });

  /** An element's computed background colour (the test's TypeScript has no DOM types). */
  const background = (locator: Locator) =>
    locator.evaluate(
      (node) =>
        (
          globalThis as unknown as {
            getComputedStyle(node: unknown): { backgroundColor: string };
          }
        ).getComputedStyle(node).backgroundColor,
    );

  it('takes the workspace’s colour and greeting, and asks for name and email when required', async () => {
    await stack.nats.rpc.request(c.UPDATE_WIDGET_SETTINGS_V1, {
      actor: setup.system,
      primaryColour: '#aa3300',
      greeting: 'Welcome to the shop’s help',
      contactDetails: 'required',
    });
    try {
      const { page, errors } = await openPage();
      await page.goto(siteUrl);
      await page.getByRole('button', { name: 'Open chat' }).click();
      const dialog = page.getByRole('dialog', { name: 'Chat with us' });
      await dialog.getByText('Welcome to the shop’s help').waitFor(WAIT);
      const name = dialog.getByLabel('Your name', { exact: true });
      expect(
        await name.evaluate((input) => (input as unknown as { required: boolean }).required),
      ).toBe(true);
      const start = dialog.getByRole('button', { name: 'Start chat' });
      expect(await background(start)).toBe('rgb(170, 51, 0)');
      // The next page load paints the launcher in that colour before the widget connects.
      await page.reload();
      const launcher = page.getByRole('button', { name: 'Open chat' });
      expect(await background(launcher)).toBe('rgb(170, 51, 0)');
      expect(errors).toEqual([]);
    } finally {
      await stack.nats.rpc.request(c.UPDATE_WIDGET_SETTINGS_V1, {
        actor: setup.system,
        contactDetails: 'optional',
      });
    }
  });
});
