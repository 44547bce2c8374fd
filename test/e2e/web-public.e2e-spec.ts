import * as c from '@switchboard/contracts';
import {
  SmtpSink,
  TestBrowser,
  TrackedPage,
  expectWith,
  launchBrowser,
  screenshot,
  seriousAxeViolations,
  waitFor,
} from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  GatewayStack,
  LoggedInAgent,
  PASSWORD,
  WorkspaceSetup,
  customerTicket,
  newAgent,
  newWorkspace,
  startGatewayStack,
} from './gateway-stack';

/*
 * The customer's side in a real browser (Debian's chromium through playwright-core) against
 * ticket-core and api-gateway started as processes: the ticket page at the notifications' link
 * (`/t/<token>`) and the web contact form (`/contact/<slug>`), both server-rendered without
 * script. Every wait is for a condition, never a sleep.
 */

const WAIT = { timeout: 20_000 };
const PHONE = { width: 390, height: 844 };
const POSTS_PER_MINUTE = 20;

/** Markup that would run if any of it were rendered as HTML. */
const XSS = {
  name: `<script>window.__xss='name'</script>Mallory`,
  subject: `<img src=x onerror="window.__xss='subject'">Broken invoice`,
  message: `Hello <b>desk</b>\n<script>window.__xss='message'</script>\n<img src=x onerror="window.__xss='img'">`,
  reply: `Still broken <img src=x onerror="window.__xss='reply'">\n<script>window.__xss='reply2'</script>`,
};

/** A textarea's line breaks as a form sends them (HTML's form encoding makes them CRLF). */
const crlf = (text: string) => text.replace(/\n/g, '\r\n');

describe('customer pages in chromium', () => {
  let stack: GatewayStack;
  let setup: WorkspaceSetup;
  let admin: LoggedInAgent;
  let browser: TestBrowser;
  const pages: TrackedPage[] = [];
  const sink = new SmtpSink();

  beforeAll(async () => {
    await sink.start();
    // Every request of the browser comes from 127.0.0.1: limits above what the tests spend there.
    // The whole stack, as the desk the test also opens talks to all of it.
    stack = await startGatewayStack(
      'webpub',
      {
        PUBLIC_READS_PER_MINUTE: '300',
        PUBLIC_POSTS_PER_MINUTE: String(POSTS_PER_MINUTE),
        SMTP_URL: sink.url(),
        MAIL_FROM: 'help@acme.test',
        MAIL_DOMAIN: 'acme.test',
      },
      { apps: ['ticket-core', 'knowledge-base', 'notification', 'api-gateway'] },
    );
    setup = await newWorkspace(stack, 'acme');
    admin = await newAgent(stack, setup, {
      name: 'Ada Admin',
      email: 'ada@acme.test',
      role: 'admin',
    });
    // Ada signs her replies: the customer sees her name (an unsigned reply is from "Support").
    await stack.nats.rpc.request(c.UPSERT_AGENT_V1, {
      actor: setup.system,
      name: 'Ada Admin',
      email: 'ada@acme.test',
      role: 'admin',
      teamIds: [],
      signReplies: true,
    });
    await stack.nats.rpc.request(c.UPDATE_WORKSPACE_SETTINGS_V1, {
      actor: admin.actor,
      attachmentMaxBytes: 100_000,
      attachmentTypes: ['image/png', 'text/plain'],
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const tracked of pages) await tracked.context.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
    await sink.stop();
  });

  const openPage = async (viewport?: { width: number; height: number }) => {
    const tracked = await browser.newPage(viewport);
    pages.push(tracked);
    return tracked;
  };

  const expectNoSeriousAxe = async (page: Page, screen: string) => {
    const violations = await seriousAxeViolations(page);
    expectWith(
      `${screen}: ${violations.map((v) => `${v.id} (${v.impact}) at ${JSON.stringify(v.nodes.map((n) => n.target))}`).join('; ')}`,
      violations.length,
    ).toBe(0);
  };

  const expectNoScriptRan = async (page: Page) => {
    expect(await page.evaluate(() => (globalThis as { __xss?: string }).__xss)).toBeUndefined();
  };

  const expectFitsWidth = async (page: Page, width: number) => {
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      width,
    );
  };

  const detail = async (ticketId: string) =>
    (await admin.http.get<c.TicketDetailV1>(`/api/v1/tickets/${ticketId}`)).body;

  /** The contact form takes a submission 2 s after it was served: wait until its token is that old. */
  const waitUntilFormIsTakeable = async (page: Page) => {
    const token = await page.locator('input[name=formToken]').inputValue();
    const servedAt = Number(token.split('.')[0]);
    await waitFor(() => Date.now() > servedAt + 2_100, { timeoutMs: 5_000 });
  };

  it('shows the public history at the notification link, without the internal note, and takes a reply with a file', async () => {
    const ticket = await customerTicket(stack, setup, {
      subject: 'Printer on fire',
      body: 'It is on fire.\nSmoke everywhere.',
    });
    expect((await admin.http.post(`/api/v1/tickets/${ticket.id}/claim`)).status).toBe(200);
    expect(
      (await admin.http.post(`/api/v1/tickets/${ticket.id}/replies`, { body: 'Please unplug it.' }))
        .status,
    ).toBe(201);
    expect(
      (
        await admin.http.post(`/api/v1/tickets/${ticket.id}/notes`, {
          body: 'Secret: customer is VIP',
        })
      ).status,
    ).toBe(201);
    const { publicToken } = await detail(ticket.id);

    const visitor = await openPage(PHONE);
    const { page } = visitor;
    const response = await page.goto(`${stack.gateway.url}/t/${publicToken}`);
    expect(response?.status()).toBe(200);
    const csp = (await response?.allHeaders())?.['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");

    await page.getByRole('heading', { name: 'Printer on fire' }).waitFor(WAIT);
    await page.getByText(`Ticket #${ticket.number}`).waitFor(WAIT);
    await page.getByText('Open: we are working on it').waitFor(WAIT);
    await page.getByText('Ada Admin').waitFor(WAIT);
    await page.getByText('Please unplug it.').waitFor(WAIT);
    // Line breaks of the plain text are kept.
    expect(await page.locator('.message .body').first().innerText()).toBe(
      'It is on fire.\nSmoke everywhere.',
    );
    const content = await page.content();
    for (const secret of ['Secret', 'VIP', 'ada@acme.test', ticket.id, ticket.workspaceId]) {
      expect(content).not.toContain(secret);
    }
    await expectNoSeriousAxe(page, 'ticket page');
    await expectFitsWidth(page, PHONE.width);

    await page.getByLabel('Your message').fill(XSS.reply);
    await page
      .getByLabel('Attach files (optional)')
      .setInputFiles({ name: 'log.txt', mimeType: 'text/plain', buffer: Buffer.from('code 42\n') });
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Thank you: your reply was sent.').waitFor(WAIT);
    expect(page.url()).toBe(`${stack.gateway.url}/t/${publicToken}?sent=1`);
    const reply = page.locator('.message.customer').last();
    expect(await reply.locator('.body').innerText()).toBe(XSS.reply);
    const link = reply.getByRole('link', { name: 'log.txt' });
    await link.waitFor(WAIT);
    const download = await fetch(`${stack.gateway.url}${await link.getAttribute('href')}`);
    expect(await download.text()).toBe('code 42\n');
    await expectNoScriptRan(page);
    await expectFitsWidth(page, PHONE.width);
    await screenshot(page, 'public-ticket-phone');

    const after = await detail(ticket.id);
    expect(after.messages.at(-1)).toMatchObject({
      visibility: 'public',
      authorKind: 'customer',
      bodyText: crlf(XSS.reply),
      attachments: [expect.objectContaining({ name: 'log.txt', contentType: 'text/plain' })],
    });
    expect(visitor.errors).toEqual([]);
  });

  it('says what to fix when a reply is refused, and refuses a post from another site', async () => {
    const ticket = await customerTicket(stack, setup, { subject: 'Refusals' });
    const { publicToken } = await detail(ticket.id);
    const post = (body: FormData, headers: Record<string, string> = {}) =>
      fetch(`${stack.gateway.url}/t/${publicToken}`, { method: 'POST', body, headers });

    const empty = new FormData();
    empty.append('body', '');
    const refused = await post(empty);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Please write your message.');

    const form = new FormData();
    form.append('body', 'Sent from elsewhere');
    const crossSite = await post(form, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect((await detail(ticket.id)).messages).toHaveLength(1);
  });

  it('answers an unknown or rotated link with a friendly 404 page', async () => {
    const visitor = await openPage();
    const { page } = visitor;
    const unknown = await page.goto(`${stack.gateway.url}/t/${'x'.repeat(32)}`);
    expect(unknown?.status()).toBe(404);
    await page.getByRole('heading', { name: 'We could not find this ticket' }).waitFor(WAIT);
    await expectNoSeriousAxe(page, 'not found page');
    expect(visitor.errors).toEqual([
      'Failed to load resource: the server responded with a status of 404 (Not Found)',
    ]);
    visitor.errors.length = 0; // the browser logs the document's 404, as it should

    const ticket = await customerTicket(stack, setup, { subject: 'Rotated' });
    const { publicToken } = await detail(ticket.id);
    expect((await fetch(`${stack.gateway.url}/t/${publicToken}`)).status).toBe(200);
    expect(
      (await admin.http.post(`/api/v1/tickets/${ticket.id}/public-token/rotate`)).status,
    ).toBeLessThan(300);
    const rotated = await fetch(`${stack.gateway.url}/t/${publicToken}`);
    expect(rotated.status).toBe(404);
    expect(await rotated.text()).toContain('We could not find this ticket');
    expect(visitor.errors).toEqual([]);
  });

  it('creates a web ticket from the contact form, with markup in every field shown as text', async () => {
    const visitor = await openPage(PHONE);
    const { page } = visitor;
    const response = await page.goto(`${stack.gateway.url}/contact/acme`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Contact acme' }).waitFor(WAIT);
    await expectNoSeriousAxe(page, 'contact form');
    await expectFitsWidth(page, PHONE.width);
    await screenshot(page, 'contact-form-phone');

    await page.getByLabel('Your name').fill(XSS.name);
    await page.getByLabel('Your email').fill('mallory@customer.test');
    await page.getByLabel('Subject').fill(XSS.subject);
    await page.getByLabel('Message').fill(XSS.message);
    await waitUntilFormIsTakeable(page);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: 'Thank you, we got your message' }).waitFor(WAIT);
    const number = Number(/#(\d+)/.exec(await page.getByRole('status').innerText())?.[1]);
    expect(number).toBeGreaterThan(0);
    await expectNoScriptRan(page);
    await expectNoSeriousAxe(page, 'thank-you page');
    await expectFitsWidth(page, PHONE.width);

    const found = await admin.http.get<c.TicketDetailV1>(`/api/v1/tickets/by-number/${number}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({
      channel: 'web',
      status: 'new',
      subject: XSS.subject,
      customer: { email: 'mallory@customer.test', name: XSS.name },
    });
    expect(found.body.messages).toEqual([
      expect.objectContaining({ authorKind: 'customer', bodyText: crlf(XSS.message) }),
    ]);

    // The thanks are on the ticket's own page (reached by a redirect, so a reload sends
    // nothing again), which shows it all as text.
    expect(page.url()).toBe(`${stack.gateway.url}/t/${found.body.publicToken}?created=1`);
    await page.getByRole('heading', { name: XSS.subject }).waitFor(WAIT);
    expect(await page.locator('.message .body').first().innerText()).toBe(XSS.message);
    await expectNoScriptRan(page);
    await page.reload();
    await page.getByRole('heading', { name: 'Thank you, we got your message' }).waitFor(WAIT);
    const mallorys = await admin.http.get<c.TicketPageV1>(
      `/api/v1/tickets/search?text=${encodeURIComponent('mallory@customer.test')}`,
    );
    expect(mallorys.body.items.map((ticket) => ticket.number)).toEqual([number]);
    expect(visitor.errors).toEqual([]);

    // The agent's desk shows the same ticket as text too.
    const desk = await openPage();
    await desk.page.goto(stack.gateway.url);
    await desk.page.getByLabel('Email').fill('ada@acme.test');
    await desk.page.getByLabel('Password').fill(PASSWORD);
    await desk.page.getByRole('button', { name: 'Sign in' }).click();
    const search = desk.page.getByLabel('Search tickets, or #number');
    await search.fill(`#${number}`);
    await search.press('Enter');
    await desk.page.getByRole('heading', { name: XSS.subject }).waitFor(WAIT);
    await desk.page.getByTestId('customer-name').filter({ hasText: XSS.name }).waitFor(WAIT);
    await desk.page
      .getByTestId('message')
      .filter({ hasText: "window.__xss='message'" })
      .waitFor(WAIT);
    await expectNoScriptRan(desk.page);
    for (const child of desk.page.frames()) {
      expect(
        await child.evaluate(() => (globalThis as { __xss?: string }).__xss).catch(() => undefined),
      ).toBeUndefined();
    }
    expect(desk.errors).toEqual([]);
  });

  it('shows a refused contact form again with what was typed and a message', async () => {
    const visitor = await openPage();
    const { page } = visitor;
    await page.goto(`${stack.gateway.url}/contact/acme`);
    await page.getByLabel('Your name').fill('Quick Bot');
    await page.getByLabel('Your email').fill('bot@customer.test');
    await page.getByLabel('Subject').fill('Fast');
    await page.getByLabel('Message').fill('Sent at once');
    // A bot fills the field people do not see: refused, with the form filled in again.
    await page.evaluate("document.getElementById('website').value = 'https://spam.test'");
    await waitUntilFormIsTakeable(page);
    const [refused] = await Promise.all([
      page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
      page.getByRole('button', { name: 'Send' }).click(),
    ]);
    expect(refused.status()).toBe(403);
    await page.getByRole('alert').filter({ hasText: 'could not be accepted' }).waitFor(WAIT);
    expect(await page.getByLabel('Message').inputValue()).toBe('Sent at once');
    visitor.errors.length = 0; // the browser logs the 403 of the document
    await waitUntilFormIsTakeable(page);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: 'Thank you, we got your message' }).waitFor(WAIT);
    expect(visitor.errors).toEqual([]);
  });

  it('answers past the per-address limit with a page that says so', async () => {
    const post = () =>
      fetch(`${stack.gateway.url}/t/${'y'.repeat(32)}`, {
        method: 'POST',
        headers: { 'x-forwarded-for': '10.99.0.1' },
        body: new FormData(),
      });
    for (let sent = 0; sent < POSTS_PER_MINUTE; sent++) expect((await post()).status).toBe(404);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await limited.text()).toContain('Too many requests');
  });

  it('answers an unknown workspace with 404, and lets only the embed variant be framed', async () => {
    expect((await fetch(`${stack.gateway.url}/contact/nobody`)).status).toBe(404);
    const plain = await fetch(`${stack.gateway.url}/contact/acme`);
    expect(plain.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(plain.headers.get('x-frame-options')).toBe('DENY');
    const embed = await fetch(`${stack.gateway.url}/contact/acme?embed=1`);
    expect(embed.status).toBe(200);
    expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(embed.headers.get('x-frame-options')).toBeNull();
    expect(await embed.text()).toContain('action="/contact/acme?embed=1"');
  });

  it('takes the contact form as JSON with a form token, refusing the honeypot and haste', async () => {
    const url = `${stack.gateway.url}/api/v1/public/contact/acme`;
    const form = (await (await fetch(url)).json()) as { workspace: string; formToken: string };
    expect(form.workspace).toBe('acme');
    const fields = {
      name: 'Jay Son',
      email: 'jay@customer.test',
      subject: 'Through the API',
      message: 'Hello',
      formToken: form.formToken,
    };
    const submit = (body: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await submit(fields)).status).toBe(403);
    const servedAt = Number(form.formToken.split('.')[0]);
    await waitFor(() => Date.now() > servedAt + 2_100, { timeoutMs: 5_000 });
    expect((await submit({ ...fields, website: 'https://spam.test' })).status).toBe(403);
    expect((await submit({ ...fields, formToken: `${servedAt}.${'A'.repeat(43)}` })).status).toBe(
      403,
    );
    const created = await submit(fields);
    expect(created.status).toBe(201);
    const body = (await created.json()) as { number: number; status: string; link: string };
    expect(body).toMatchObject({ status: 'new', link: expect.stringMatching(/^\/t\//) });
    const ticket = await admin.http.get<c.TicketDetailV1>(
      `/api/v1/tickets/by-number/${body.number}`,
    );
    expect(ticket.body).toMatchObject({
      channel: 'web',
      subject: 'Through the API',
      customer: { email: 'jay@customer.test' },
      publicToken: body.link.slice('/t/'.length),
    });
  });
});
