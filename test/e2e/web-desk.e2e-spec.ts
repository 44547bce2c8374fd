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
  fileForm,
  newAgent,
  newTeam,
  newWorkspace,
  PNG,
  startGatewayStack,
} from './gateway-stack';

/*
 * The agents' desk in a real browser (Debian's chromium through playwright-core) against
 * ticket-core and api-gateway started as processes: the gateway serves the built desk at `/`.
 * Every wait is for a condition on the page (locators wait until they match), never a sleep.
 */

const WAIT = { timeout: 20_000 };

/** Markup that would run if any of it were rendered as HTML. */
const XSS = {
  subject: `<img src=x onerror="window.__pwned='subject';alert(1)">Broken invoice`,
  name: `<script>window.__pwned='name'</script>Mallory <b>Bold</b>`,
  file: `<img src=x onerror=alert(document.domain)>.txt`,
  note: `<script>window.__pwned='note'</script><b>not bold</b>`,
  html: `<p>Hello <b>desk</b></p><script>window.__pwned='html'</script><a href="javascript:window.__pwned='link'">link</a><div onclick="window.__pwned='div'">div</div>`,
};

describe('web desk in chromium', () => {
  let stack: GatewayStack;
  let setup: WorkspaceSetup;
  let browser: TestBrowser;
  let admin: LoggedInAgent;
  let bob: LoggedInAgent;
  let bobPage: TrackedPage;
  const sink = new SmtpSink();
  const pages: TrackedPage[] = [];

  beforeAll(async () => {
    await sink.start();
    // The whole stack the desk talks to: notification mails the solve summary and keeps the
    // bell's count, knowledge-base answers the composer's suggestions.
    stack = await startGatewayStack(
      'desk',
      { SMTP_URL: sink.url(), MAIL_FROM: 'help@desk.test', MAIL_DOMAIN: 'desk.test' },
      { apps: ['ticket-core', 'knowledge-base', 'notification', 'api-gateway'] },
    );
    setup = await newWorkspace(stack, 'desk');
    const team = await newTeam(stack, setup, 'Support');
    admin = await newAgent(stack, setup, {
      name: 'Ada Admin',
      email: 'ada@desk.test',
      role: 'admin',
    });
    bob = await newAgent(stack, setup, {
      name: 'Bob Agent',
      email: 'bob@desk.test',
      role: 'agent',
      teamIds: [team.id],
    });
    await newAgent(stack, setup, {
      name: 'Cleo Agent',
      email: 'cleo@desk.test',
      role: 'agent',
      teamIds: [team.id],
    });
    await customerTicket(stack, setup, { subject: 'Printer on fire' });
    await customerTicket(stack, setup, {
      subject: 'Cannot log in',
      customer: { email: 'dan@customer.test', name: 'Dan' },
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

  const signIn = async (page: Page, email: string, password = PASSWORD) => {
    await page.goto(stack.gateway.url);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'New', exact: true }).waitFor(WAIT);
  };

  const expectNoSeriousAxe = async (page: Page, screen: string) => {
    const violations = await seriousAxeViolations(page);
    expectWith(
      `${screen}: ${violations.map((v) => `${v.id} (${v.impact}) at ${JSON.stringify(v.nodes.map((n) => n.target))}`).join('; ')}`,
      violations.length,
    ).toBe(0);
  };

  const status = (page: Page, value: string) =>
    page.getByTestId('ticket-status').filter({ hasText: new RegExp(`^${value}$`) });

  it('serves the desk with a CSP that allows no inline script', async () => {
    const response = await fetch(`${stack.gateway.url}/tickets/22`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp.split(';').find((part) => part.trim().startsWith('script-src'))).not.toContain(
      'unsafe-inline',
    );
    const html = await response.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${stack.gateway.url}${asset}`);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // No demo login outside development.
    expect(await (await fetch(`${stack.gateway.url}/api/v1/auth/demo`)).json()).toEqual({
      login: null,
    });
  });

  it('shows the login page, refuses a wrong password, and signs an agent in to the views with counts', async () => {
    bobPage = await openPage();
    const { page } = bobPage;
    await page.goto(stack.gateway.url);
    await page.getByRole('button', { name: 'Sign in' }).waitFor(WAIT);
    await expectNoSeriousAxe(page, 'login');
    await screenshot(page, 'desk-login');

    await page.getByLabel('Email').fill('bob@desk.test');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: /./ }).waitFor(WAIT);
    bobPage.errors.length = 0; // the 401 of the wrong password is logged by the browser

    await signIn(page, 'bob@desk.test');
    await page.getByTestId('count-new').filter({ hasText: /^2$/ }).waitFor(WAIT);
    await page.getByTestId('count-open').filter({ hasText: /^0$/ }).waitFor(WAIT);
    await page.getByRole('button', { name: /Printer on fire/ }).waitFor(WAIT);
    await page.getByRole('button', { name: /Cannot log in/ }).waitFor(WAIT);
    await expectNoSeriousAxe(page, 'views');
    await screenshot(page, 'desk-views');
  });

  it('works a ticket: claim, reply, note, label, pending, solve with summary', async () => {
    const { page } = bobPage;
    await page.getByRole('button', { name: /Printer on fire/ }).click();
    await page.getByRole('button', { name: 'Claim', exact: true }).click();
    await status(page, 'open').waitFor(WAIT);
    await page.getByTestId('count-open').filter({ hasText: /^1$/ }).waitFor(WAIT);

    await page.getByLabel('Reply to the customer').fill('We are sending a fire extinguisher.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page
      .getByTestId('message')
      .filter({ hasText: 'We are sending a fire extinguisher.' })
      .waitFor(WAIT);

    await page
      .getByLabel('Attach files')
      .setInputFiles({ name: 'pixel.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'Remove pixel.png' }).waitFor(WAIT);
    await page.getByLabel('Reply to the customer').fill('A photo of the label.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    // The image is previewed (fetched with the agent's token through the authorized route).
    await page
      .getByTestId('message')
      .filter({ hasText: 'A photo of the label.' })
      .getByRole('img', { name: 'pixel.png' })
      .waitFor(WAIT);

    await page.getByRole('tab', { name: 'Internal note' }).click();
    await page.getByLabel('Internal note, for agents only').fill('Customer sounds calm.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByTestId('note').filter({ hasText: 'Customer sounds calm.' }).waitFor(WAIT);

    await page.getByLabel('Add a label').fill('hardware');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('button', { name: 'Remove label hardware' }).waitFor(WAIT);

    await page.getByRole('button', { name: 'Edit name and email' }).click();
    await page.getByRole('complementary').getByLabel('Name').fill('Carol Jones');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page
      .getByTestId('customer-name')
      .filter({ hasText: /^Carol Jones$/ })
      .waitFor(WAIT);

    await expectNoSeriousAxe(page, 'ticket');
    await screenshot(page, 'desk-ticket');

    await page.getByRole('button', { name: 'Pending…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Set' }).click();
    await status(page, 'pending').waitFor(WAIT);

    await page.getByRole('button', { name: 'Solve…', exact: true }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByLabel(/summary/).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Solve', exact: true }).click();
    await status(page, 'solved').waitFor(WAIT);

    const search = await bob.http.get<c.TicketPageV1>('/api/v1/views/solved');
    const solved = search.body.items.find((ticket) => ticket.subject === 'Printer on fire');
    expect(solved).toMatchObject({ status: 'solved', labels: ['hardware'] });
    const detail = await bob.http.get<c.TicketDetailV1>(`/api/v1/tickets/${solved!.id}`);
    expect(detail.body.messages.map((m) => [m.visibility, m.bodyText])).toEqual([
      ['public', 'It is on fire.'],
      ['public', 'We are sending a fire extinguisher.'],
      ['public', 'A photo of the label.'],
      ['internal', 'Customer sounds calm.'],
    ]);
    expect(detail.body.history.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['claimed', 'solved']),
    );
    // The summary reaches the customer by mail, with the conversation in it.
    const summary = await waitFor(
      () =>
        sink.accepted.find(
          (mail) =>
            mail.to.includes(detail.body.customer.email!) && /fire extinguisher/.test(mail.raw),
        ),
      { description: 'the solve summary mail' },
    );
    expect(summary.raw).not.toContain('Customer sounds calm.');
  });

  it('opens a ticket by #number from search, and shows the shortcut sheet on ?', async () => {
    const { page } = bobPage;
    const ticket = (await bob.http.get<c.TicketPageV1>('/api/v1/views/new')).body.items.find(
      (item) => item.subject === 'Cannot log in',
    )!;
    await page.getByLabel('Search tickets, or #number').fill(`#${ticket.number}`);
    await page.getByLabel('Search tickets, or #number').press('Enter');
    await page.getByRole('heading', { name: `#${ticket.number} Cannot log in` }).waitFor(WAIT);

    // Filters alone: every solved ticket.
    await page.getByLabel('Search tickets, or #number').fill('');
    await page.getByLabel('Search tickets, or #number').press('Enter');
    await page.getByLabel('Status').selectOption('solved');
    await page.getByRole('button', { name: /Printer on fire/ }).waitFor(WAIT);
    await page
      .getByRole('button', { name: /Cannot log in/ })
      .waitFor({ state: 'detached', ...WAIT });
    await page.getByRole('button', { name: 'Back to the view' }).click();
    // The view's list is back (j moves within it) before the key is pressed.
    await page.locator('.ticket-row', { hasText: 'Cannot log in' }).waitFor(WAIT);

    await page.locator('body').click({ position: { x: 5, y: 300 } });
    // j opens the next ticket of the list.
    await page.keyboard.press('j');
    await page
      .locator('.ticket-row[aria-current="true"]', { hasText: 'Cannot log in' })
      .waitFor(WAIT);
    await page.keyboard.press('?');
    await page.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor(WAIT);
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor({
      state: 'hidden',
      ...WAIT,
    });
  });

  it('shows a ticket created over REST in New without a reload, and drops it for another agent once claimed', async () => {
    const cleoPage = await openPage();
    await signIn(cleoPage.page, 'cleo@desk.test');
    const token = await admin.http.post<{ token: string }>('/api/v1/api-tokens', {
      name: 'web form',
      role: 'agent',
    });
    expect(token.status).toBe(201);
    const created = await stack.http
      .as(token.body.token)
      .post<c.TicketSummaryV1>('/api/v1/tickets', {
        channel: 'web',
        subject: 'Arrived from the web form',
        body: 'Hello from the form.',
        customer: { email: 'erin@customer.test', name: 'Erin' },
      });
    expect(created.body.status).toBe('new');

    const row = (page: Page) => page.getByRole('button', { name: /Arrived from the web form/ });
    // Bob is on a ticket in the New view; Cleo just signed in. Neither reloads.
    await row(bobPage.page).waitFor(WAIT);
    await row(cleoPage.page).waitFor(WAIT);

    await row(bobPage.page).click();
    await bobPage.page.getByRole('button', { name: 'Claim', exact: true }).click();
    await status(bobPage.page, 'open').waitFor(WAIT);
    await row(cleoPage.page).waitFor({ state: 'detached', ...WAIT });
    expect(cleoPage.errors).toEqual([]);
  });

  it('renders markup in a subject, a customer name, a file name, a note and an HTML mail as text, running no script', async () => {
    const ticket = await customerTicket(stack, setup, {
      channel: 'mail',
      subject: XSS.subject,
      body: 'Plain text of the mail',
      bodyHtml: XSS.html,
      customer: { email: 'mallory@customer.test', name: XSS.name },
    });
    await bob.http.post(`/api/v1/tickets/${ticket.id}/claim`);
    const upload = await fetch(`${stack.gateway.url}/api/v1/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bob.token}` },
      body: fileForm('file', Buffer.from('just text\n'), XSS.file, 'text/plain'),
    });
    expect(upload.status).toBe(201);
    const file = (await upload.json()) as c.AttachmentInputV1;
    expect(file.name).toBe(XSS.file);
    expect(
      (
        await bob.http.post(`/api/v1/tickets/${ticket.id}/replies`, {
          body: 'Here is the file.',
          attachments: [file],
        })
      ).status,
    ).toBe(201);
    expect(
      (await bob.http.post(`/api/v1/tickets/${ticket.id}/notes`, { body: XSS.note })).status,
    ).toBe(201);

    const { page } = bobPage;
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByLabel('Search tickets, or #number').fill(`#${ticket.number}`);
    await page.getByLabel('Search tickets, or #number').press('Enter');
    await page.getByRole('heading', { name: XSS.subject }).waitFor(WAIT);
    await page.getByTestId('customer-name').filter({ hasText: XSS.name }).waitFor(WAIT);
    await page.getByRole('button', { name: XSS.file }).waitFor(WAIT);
    await page.getByTestId('note').filter({ hasText: XSS.note }).waitFor(WAIT);
    const frame = page.frameLocator('iframe.message-html');
    await frame.getByText('desk').first().waitFor(WAIT);
    expect(await page.locator('iframe.message-html').getAttribute('sandbox')).toBe(
      'allow-same-origin',
    );
    // The list shows the subject as text too.
    await page.getByLabel('Search tickets, or #number').fill('Broken invoice');
    await page.getByLabel('Search tickets, or #number').press('Enter');
    await page.getByRole('button', { name: /Broken invoice/ }).waitFor(WAIT);
    await screenshot(page, 'desk-markup');

    expect(await page.evaluate(() => (globalThis as { __pwned?: string }).__pwned)).toBeUndefined();
    for (const child of page.frames())
      expect(
        await child
          .evaluate(() => (globalThis as { __pwned?: string }).__pwned)
          .catch(() => undefined),
      ).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(bobPage.errors).toEqual([]);
  });

  it('lets an admin create an agent and a canned reply, which the new agent then uses', async () => {
    const adminPage = await openPage();
    const { page } = adminPage;
    await signIn(page, 'ada@desk.test');
    await page.getByRole('button', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: 'Agents' }).waitFor(WAIT);

    const invite = page.getByRole('form', { name: 'Invite an agent' });
    await invite.getByLabel('Name').fill('Finn New');
    await invite.getByLabel('Email').fill('finn@desk.test');
    await invite.getByLabel('First password').fill('finn-password-123');
    await invite.getByRole('button', { name: 'Invite' }).click();
    await page.getByRole('cell', { name: 'finn@desk.test' }).waitFor(WAIT);
    await expectNoSeriousAxe(page, 'admin agents');
    await screenshot(page, 'desk-admin-agents');

    await page.getByRole('button', { name: 'Canned replies' }).click();
    const form = page.getByRole('form', { name: 'New canned reply' });
    await form.getByLabel('Title').fill('Greeting');
    await form.getByLabel('Text').fill('Hello {{customer_name}}, this is {{agent_name}}.');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Hello {{customer_name}}, this is {{agent_name}}.').waitFor(WAIT);
    await expectNoSeriousAxe(page, 'admin canned replies');
    await screenshot(page, 'desk-admin-canned');
    expect(adminPage.errors).toEqual([]);

    const finnPage = await openPage();
    await signIn(finnPage.page, 'finn@desk.test', 'finn-password-123');
    const ticket = await customerTicket(stack, setup, {
      subject: 'Where is my parcel',
      customer: { email: 'gina@customer.test', name: 'Gina' },
    });
    const row = finnPage.page.getByRole('button', { name: /Where is my parcel/ });
    await row.click(WAIT);
    await finnPage.page.getByRole('button', { name: 'Claim', exact: true }).click();
    await status(finnPage.page, 'open').waitFor(WAIT);
    await finnPage.page.getByLabel('Insert a canned reply').selectOption({ label: 'Greeting' });
    const text = finnPage.page.getByLabel('Reply to the customer');
    await waitFor(async () => (await text.inputValue()) === 'Hello Gina, this is Finn New.', {
      timeoutMs: 20_000,
      description: 'the canned reply in the composer',
    });
    await finnPage.page.getByRole('button', { name: 'Send reply' }).click();
    await finnPage.page
      .getByTestId('message')
      .filter({ hasText: 'Hello Gina, this is Finn New.' })
      .waitFor(WAIT);
    const detail = await admin.http.get<c.TicketDetailV1>(`/api/v1/tickets/${ticket.id}`);
    const finn = (await admin.http.get<c.AgentListV1>('/api/v1/agents')).body.items.find(
      (agent) => agent.email === 'finn@desk.test',
    );
    expect(detail.body.messages.at(-1)).toMatchObject({
      authorKind: 'agent',
      authorId: finn!.id,
      bodyText: 'Hello Gina, this is Finn New.',
    });
    await finnPage.page
      .getByTestId('message')
      .filter({ hasText: 'Hello Gina, this is Finn New.' })
      .locator('.author', { hasText: 'Finn New' })
      .waitFor(WAIT);
    expect(finnPage.errors).toEqual([]);
  });

  it('fits a phone-sized viewport and says when the session has ended', async () => {
    const phone = await openPage({ width: 390, height: 844 });
    await signIn(phone.page, 'cleo@desk.test');
    // The list loaded, then a ticket open: the whole desk stacked in one column.
    await phone.page.locator('.tickets button').first().click(WAIT);
    await phone.page.getByTestId('ticket-status').waitFor(WAIT);
    await screenshot(phone.page, 'desk-phone');
    const width = await phone.page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await expectNoSeriousAxe(phone.page, 'the desk on a phone');
    // Sign out everywhere from the outside: the refresh token's family ends.
    const stored = await phone.page.evaluate<string | null>(
      "sessionStorage.getItem('switchboard.session')",
    );
    const refreshToken = (JSON.parse(stored!) as { refreshToken: string }).refreshToken;
    expect((await stack.http.post('/api/v1/auth/logout', { refreshToken })).status).toBe(204);
    await phone.page.reload();
    await phone.page.getByText('Your session ended. Sign in again to continue.').waitFor(WAIT);
  });

  it('composes a new mail ticket, open and assigned to the composer', async () => {
    const { page } = bobPage;
    await page.getByRole('button', { name: 'New ticket' }).click();
    const dialog = page.getByRole('dialog', { name: 'New ticket' });
    await dialog.getByLabel('Customer email').fill('hana@customer.test');
    await dialog.getByLabel('Customer name').fill('Hana');
    await dialog.getByLabel('Subject').fill('Your order has shipped');
    await dialog.getByLabel('Message').fill('It left the warehouse today.');
    await dialog.getByRole('button', { name: 'Send mail' }).click();
    await page.getByRole('heading', { name: /Your order has shipped/ }).waitFor(WAIT);
    await status(page, 'open').waitFor(WAIT);
    const found = await bob.http.get<c.TicketPageV1>('/api/v1/views/open');
    expect(found.body.items.find((t) => t.subject === 'Your order has shipped')).toMatchObject({
      channel: 'mail',
      assigneeId: bob.agent.id,
    });
  });

  it('pages a long view with Load more', async () => {
    for (let batch = 0; batch < 6; batch++)
      await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          customerTicket(stack, setup, {
            subject: `Bulk question ${batch * 10 + index}`,
            customer: { email: `bulk${batch * 10 + index}@customer.test`, name: 'Bulk' },
          }),
        ),
      );
    const { page } = bobPage;
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: /^New/ })
      .click();
    const rows = page.locator('.ticket-row');
    await waitFor(async () => (await rows.count()) === 50, {
      timeoutMs: 20_000,
      description: 'the first page of New',
    });
    const total = (await bob.http.get<c.ViewCountsReplyV1>('/api/v1/views/counts')).body.new;
    expect(total).toBeGreaterThan(60);
    await page.getByRole('button', { name: 'Load more' }).click();
    await waitFor(async () => (await rows.count()) === total, {
      timeoutMs: 20_000,
      description: `all ${total} tickets of New after Load more`,
    });
    await page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached', ...WAIT });
  });

  it('logged no console error on the working agent’s page', () => {
    expect(bobPage.errors).toEqual([]);
  });

  it('says the service is unavailable when ticket-core is down, not a blank page', async () => {
    await stack.processes[0].stop();
    const { page } = bobPage;
    // The next poll of the list meets the gateway's 503.
    await page
      .getByRole('alert')
      .filter({ hasText: 'The service is unavailable right now. Try again in a moment.' })
      .first()
      .waitFor(WAIT);
    // The desk is still there around the message.
    await page.getByRole('navigation', { name: 'Views' }).waitFor(WAIT);
    // A fresh visit: signing in fails with the same message, and the page stays usable.
    const fresh = await openPage();
    await fresh.page.goto(stack.gateway.url);
    await fresh.page.getByLabel('Email').fill('bob@desk.test');
    await fresh.page.getByLabel('Password').fill(PASSWORD);
    await fresh.page.getByRole('button', { name: 'Sign in' }).click();
    await fresh.page
      .getByRole('alert')
      .filter({ hasText: /unavailable/ })
      .waitFor(WAIT);
  });
});
