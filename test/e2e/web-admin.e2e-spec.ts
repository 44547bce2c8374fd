import * as c from '@switchboard/contracts';
import {
  BusUsers,
  ServiceProcess,
  TestBrowser,
  TrackedPage,
  expectWith,
  launchBrowser,
  screenshot,
  seriousAxeViolations,
  waitFor,
} from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import {
  GatewayStack,
  LoggedInAgent,
  PASSWORD,
  WorkspaceSetup,
  newAgent,
  newWorkspace,
  startGatewayStack,
} from './gateway-stack';

/*
 * The admin screens the desk lacked, in Debian's chromium through playwright-core: the chat
 * widget's settings (chat-gateway's), the mail templates (notification's), the knowledge base
 * editor (knowledge-base's) and the integrations' NATS credentials (api-gateway's, with the bus's
 * signing keys; the NATS server itself is open), against those services, ticket-core and
 * api-gateway as processes. Every wait is for a condition on the page, never a sleep.
 */

const WAIT = { timeout: 20_000 };

/** What api-gateway answers when it holds no integration signing keys. */
const NO_KEYS = 'this installation issues no integration credentials';
const WORKSPACE = 'adminws';

/** Markup that would run a script if any of it were rendered as live HTML. */
const XSS = `<img src=x onerror="window.__xss=1">`;

/**
 * What chromium logs when the sandboxed preview frame refuses the payload's handler: the proof
 * that it was tried and stopped, the one console message these screens are expected to cause.
 */
const SANDBOX_BLOCKED =
  /^Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed and the 'allow-scripts' permission is not set\.$/;

describe('web admin in chromium', () => {
  let stack: GatewayStack;
  let setup: WorkspaceSetup;
  let browser: TestBrowser;
  let admin: LoggedInAgent;
  let tracked: TrackedPage;
  let page: Page;
  const dialogs: string[] = [];
  const replacements: ServiceProcess[] = [];
  let users: BusUsers;

  beforeAll(async () => {
    // The signing keys api-gateway issues integration credentials with; only the gateway reads
    // the variable. Not its NATS_CREDS_FILE: the stack's NATS server is open.
    users = await BusUsers.create();
    const { NATS_INTEGRATION_KEYS_FILE } = users.serviceEnv('api-gateway');
    stack = await startGatewayStack(
      'admin',
      { NATS_INTEGRATION_KEYS_FILE },
      { apps: ['ticket-core', 'api-gateway', 'knowledge-base', 'notification', 'chat-gateway'] },
    );
    setup = await newWorkspace(stack, WORKSPACE);
    admin = await newAgent(stack, setup, {
      name: 'Ada Admin',
      email: 'ada@admin.test',
      role: 'admin',
    });
    browser = await launchBrowser();
    tracked = await browser.newPage({ width: 1280, height: 900 });
    page = tracked.page;
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }, 120_000);

  afterAll(async () => {
    await tracked?.context.close().catch(() => undefined);
    await browser?.close();
    for (const process of replacements) await process.stop();
    await stack?.stop();
    users?.destroy();
  });

  const expectNoSeriousAxe = async (screen: string) => {
    const violations = await seriousAxeViolations(page);
    expectWith(
      `${screen}: ${violations.map((v) => `${v.id} (${v.impact}) at ${JSON.stringify(v.nodes.map((n) => n.target))}`).join('; ')}`,
      violations.length,
    ).toBe(0);
  };

  const expectNoScriptRan = async () => {
    for (const frame of page.frames())
      expect(
        await frame.evaluate(() => (globalThis as { __xss?: number }).__xss).catch(() => undefined),
      ).toBeUndefined();
    expect(dialogs).toEqual([]);
  };

  const section = async (name: string) => {
    await page
      .getByRole('navigation', { name: 'Admin sections' })
      .getByRole('button', { name })
      .click();
    await page.getByRole('heading', { name, level: 1 }).waitFor(WAIT);
  };

  it('signs the admin in and opens the admin screens', async () => {
    await page.goto(stack.gateway.url);
    await page.getByLabel('Email').fill('ada@admin.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'New', exact: true }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: 'Agents', level: 1 }).waitFor(WAIT);
  });

  it('keeps the widget’s allowed origins and greeting, and gives the snippet with its key', async () => {
    await section('Chat widget');
    const form = page.getByRole('form', { name: 'Widget settings' });
    await form
      .getByLabel('Allowed origins, one per line')
      .fill('https://shop.example.com\n\n  http://localhost:8080  \n');
    await form.getByLabel('Greeting').fill('Hi! How can we help?');
    await form.getByLabel('Colour (#rrggbb)').fill('#0f766e');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Widget settings saved.').waitFor(WAIT);

    await page.reload();
    await page.getByRole('heading', { name: 'Chat widget', level: 1 }).waitFor(WAIT);
    const origins = page.getByLabel('Allowed origins, one per line');
    await waitFor(
      async () =>
        (await origins.inputValue()) === 'https://shop.example.com\nhttp://localhost:8080',
      { timeoutMs: 20_000, description: 'the saved origins after a reload' },
    );
    expect(await page.getByLabel('Greeting').inputValue()).toBe('Hi! How can we help?');
    expect(await page.getByLabel('Colour (#rrggbb)').inputValue()).toBe('#0f766e');
    expect(await page.getByLabel('Pick the colour').inputValue()).toBe('#0f766e');

    const saved = await admin.http.get<c.WidgetSettingsV1>('/api/v1/settings/widget');
    expect(saved.body).toMatchObject({
      allowedOrigins: ['https://shop.example.com', 'http://localhost:8080'],
      greeting: 'Hi! How can we help?',
      primaryColour: '#0f766e',
    });
    const key = saved.body.widgetKey;
    expect(await page.getByLabel('Widget key').inputValue()).toBe(key);
    expect(await page.getByTestId('widget-snippet').textContent()).toBe(
      `<script src="${new URL(stack.gateway.url).origin}/widget.js" data-key="${key}" async></script>`,
    );
    // The API's refusal is said, and nothing is changed.
    await origins.fill('shop.example.com');
    await page.getByRole('button', { name: 'Save' }).click();
    const refusal = page.locator('.toast.error').first();
    await refusal.waitFor(WAIT);
    expect(await refusal.textContent()).toMatch(/origin/i);
    expect(
      (await admin.http.get<c.WidgetSettingsV1>('/api/v1/settings/widget')).body.allowedOrigins,
    ).toHaveLength(2);
    tracked.errors.length = 0; // the browser logs the 400 of the refused save
    await origins.fill('https://shop.example.com\nhttp://localhost:8080');

    await expectNoSeriousAxe('admin widget');
    await screenshot(page, 'admin-widget');

    // A new key replaces the old one in the snippet.
    await page.getByRole('button', { name: 'Regenerate the key…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Regenerate' }).click();
    await page.getByTestId('widget-snippet').filter({ hasNotText: key }).waitFor(WAIT);
    const rotated = await admin.http.get<c.WidgetSettingsV1>('/api/v1/settings/widget');
    expect(rotated.body.widgetKey).not.toBe(key);
    await page
      .getByTestId('widget-snippet')
      .filter({ hasText: rotated.body.widgetKey })
      .waitFor(WAIT);
  });

  it('gives a team business hours of its own and routes the widget’s chats to it', async () => {
    const team = await stack.nats.rpc.request(c.CREATE_TEAM_V1, {
      actor: setup.system,
      name: 'Night shift',
    });
    await section('Business hours');
    const hours = page.getByRole('form', { name: 'Business hours' });
    await hours
      .getByRole('combobox', { name: /^Hours of/ })
      .selectOption({ label: 'Team Night shift' });
    await hours.getByLabel('Hours of its own (otherwise the workspace’s)').check();
    await hours.getByLabel('Time zone').fill('Europe/Berlin');
    await hours.getByRole('button', { name: 'Add a period' }).click();
    await hours.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Business hours saved.').last().waitFor(WAIT);
    await screenshot(page, 'admin-hours-team');
    const teams = await admin.http.get<c.TeamListV1>('/api/v1/teams');
    const saved = teams.body.items.find((candidate) => candidate.id === team.id);
    expect(saved?.businessHours?.timeZone).toBe('Europe/Berlin');
    expect(saved?.businessHours?.periods.at(-1)).toEqual({
      day: 'mon',
      start: '09:00',
      end: '17:00',
    });

    await section('Chat widget');
    const widget = page.getByRole('form', { name: 'Widget settings' });
    await widget
      .getByLabel('Chats go to')
      .selectOption({ label: 'Team Night shift (its hours, its members online)' });
    await widget.getByRole('button', { name: 'Save' }).click();
    await waitFor(
      async () =>
        (await admin.http.get<c.WidgetSettingsV1>('/api/v1/settings/widget')).body.teamId ===
        team.id,
      { description: 'the widget routed to the team' },
    );
  });

  it('edits a template’s subject, previews it with the sample values, saves it, and renders markup in it harmlessly', async () => {
    await section('Mail templates');
    await page.getByRole('button', { name: /Reply to the customer/ }).click();
    const form = page.getByRole('form', { name: 'Template: Reply to the customer' });
    const subject = form.getByLabel('Subject');
    await waitFor(async () => (await subject.inputValue()).includes('{{ticket_subject}}'), {
      timeoutMs: 20_000,
      description: 'the default subject',
    });
    await page.getByText('{{customer_name}}', { exact: true }).first().waitFor(WAIT);
    await subject.fill('About {{ticket_subject}} (#{{ticket_number}})');
    await page
      .getByTestId('preview-subject')
      .filter({ hasText: /^About The printer is on fire \(#1042\)$/ })
      .waitFor(WAIT);
    // The sample customer name carries markup: escaped in the HTML, plain in the text.
    await page
      .frameLocator('iframe[title="HTML preview"]')
      .getByText('Erin <Example>')
      .first()
      .waitFor(WAIT);
    expect(await page.locator('iframe[title="HTML preview"]').getAttribute('sandbox')).toBe(
      'allow-same-origin',
    );
    await expectNoSeriousAxe('admin templates');
    await screenshot(page, 'admin-templates');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Template “Reply to the customer” saved.').waitFor(WAIT);
    const list = await admin.http.get<c.NotificationTemplateListV1>('/api/v1/mail/templates');
    expect(list.body.items.find((item) => item.kind === 'customer_reply')).toMatchObject({
      subject: 'About {{ticket_subject}} (#{{ticket_number}})',
      custom: true,
    });
    await page.getByRole('button', { name: /Reply to the customer\s*edited/ }).waitFor(WAIT);

    // Markup in the subject and the HTML runs nothing.
    await subject.fill(`${XSS} Hello`);
    await form.getByLabel('HTML').fill(`<p>Hi</p>${XSS}<p>Bye {{customer_name}}</p>`);
    await page
      .getByTestId('preview-subject')
      .filter({ hasText: `${XSS} Hello` })
      .waitFor(WAIT);
    await page
      .frameLocator('iframe[title="HTML preview"]')
      .getByText('Bye Erin <Example>')
      .waitFor(WAIT);
    await expectNoScriptRan();
    // The image failed to load and its handler was refused by the frame's sandbox.
    await waitFor(() => tracked.errors.some((error) => SANDBOX_BLOCKED.test(error)), {
      timeoutMs: 20_000,
      description: 'the sandbox refusing the onerror handler',
    });

    // Back to the default.
    await form.getByRole('button', { name: 'Reset to the default' }).click();
    await page.getByText('Template “Reply to the customer” is the default again.').waitFor(WAIT);
    await waitFor(async () => (await subject.inputValue()).startsWith('Re: '), {
      timeoutMs: 20_000,
      description: 'the default subject again',
    });

    // Opening another template with unsaved changes asks first.
    await subject.fill('Not saved');
    await page.getByRole('button', { name: /Solved, with a summary/ }).click();
    await page
      .getByRole('dialog', { name: 'Leave without saving?' })
      .getByRole('button', { name: 'Discard the changes' })
      .click();
    await page.getByRole('heading', { name: 'Solved, with a summary', level: 2 }).waitFor(WAIT);
  });

  it('writes, previews, publishes, edits and restores a knowledge base article', async () => {
    await section('Knowledge base');
    await page.getByText('No articles yet: write the first one.').waitFor(WAIT);
    const categories = page.getByRole('form', { name: 'New category' });
    await categories.getByLabel('New category').fill('Billing');
    await categories.getByRole('button', { name: 'Create' }).click();
    await page.getByText('/billing').waitFor(WAIT);
    await page.getByRole('button', { name: 'Rename Billing' }).click();
    await page.getByLabel('New name').fill('Billing and invoices');
    await page
      .getByRole('form', { name: 'Rename Billing' })
      .getByRole('button', { name: 'Save' })
      .click();
    await page.getByText('Billing and invoices', { exact: true }).waitFor(WAIT);
    await expectNoSeriousAxe('admin knowledge base list');
    await screenshot(page, 'admin-kb-list');

    await page.getByRole('button', { name: 'New article' }).click();
    const editor = page.getByRole('form', { name: 'New article' });
    await editor.getByLabel('Title').fill('Paying an invoice');
    expect(await editor.getByLabel('Slug').inputValue()).toBe('paying-an-invoice');
    await editor.getByLabel('Category').selectOption({ label: 'Billing and invoices' });
    await editor
      .getByLabel('Body (Markdown)')
      .fill('## Steps\n\n1. Open **Invoices**\n2. Click *Pay*\n\nQuestions? Write to `billing`.');
    const preview = page.getByTestId('live-preview');
    await preview.getByRole('heading', { name: 'Steps' }).waitFor(WAIT);
    await preview.locator('strong', { hasText: 'Invoices' }).waitFor(WAIT);
    await preview.locator('ol > li').nth(1).filter({ hasText: 'Click Pay' }).waitFor(WAIT);
    await editor.getByRole('button', { name: 'Create draft' }).click();

    const edit = page.getByRole('form', { name: 'Edit article Paying an invoice' });
    await edit.getByTestId('editor-status').filter({ hasText: 'draft' }).waitFor(WAIT);
    await page
      .frameLocator('iframe[title="The saved article as readers see it"]')
      .locator('strong', { hasText: 'Invoices' })
      .waitFor(WAIT);
    await edit.getByRole('button', { name: 'Publish' }).click();
    await edit.getByTestId('editor-status').filter({ hasText: 'published' }).waitFor(WAIT);
    await expectNoSeriousAxe('admin knowledge base editor');
    await screenshot(page, 'admin-kb-editor');

    const publicPage = await browser.newPage();
    await publicPage.page.goto(`${stack.gateway.url}/kb/${WORKSPACE}/articles/paying-an-invoice`);
    await publicPage.page.getByRole('heading', { name: 'Paying an invoice' }).waitFor(WAIT);
    await publicPage.page.getByText('Invoices', { exact: true }).waitFor(WAIT);
    await publicPage.context.close();

    await edit.getByLabel('Body (Markdown)').fill('## Steps\n\nPay by bank transfer.');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Version 2', { exact: true }).waitFor(WAIT);
    await expect(page.getByTestId('revision').count()).resolves.toBe(2);
    await page.getByRole('button', { name: 'Compare version 1 with the current one' }).click();
    await page.getByRole('region', { name: 'Changes from version 1 to 2' }).waitFor(WAIT);
    await page.locator('.diff-add', { hasText: 'Pay by bank transfer.' }).waitFor(WAIT);
    await page.locator('.diff-remove', { hasText: '1. Open **Invoices**' }).waitFor(WAIT);
    await expect(
      page.evaluate<string | null | undefined>(
        "document.activeElement?.getAttribute('aria-label')",
      ),
    ).resolves.toBe('Changes from version 1 to 2');
    await screenshot(page, 'admin-kb-compare');
    await page.getByRole('button', { name: 'Restore version 1' }).click();
    await page.getByText('Version 3', { exact: true }).waitFor(WAIT);
    await waitFor(
      async () => (await edit.getByLabel('Body (Markdown)').inputValue()).includes('**Invoices**'),
      { timeoutMs: 20_000, description: 'the first revision’s body restored' },
    );
    await screenshot(page, 'admin-kb-revisions');

    // Leaving with unsaved changes asks first.
    await edit.getByLabel('Body (Markdown)').fill('Not saved.');
    await page.getByRole('button', { name: '← All articles' }).click();
    const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
    await leave.getByRole('button', { name: 'Cancel' }).click();
    await leave.waitFor({ state: 'detached', ...WAIT });
    expect(await edit.getByLabel('Body (Markdown)').inputValue()).toBe('Not saved.');
    await page.getByRole('button', { name: '← All articles' }).click();
    await leave.getByRole('button', { name: 'Discard the changes' }).click();
    await page.getByRole('button', { name: 'Paying an invoice' }).waitFor(WAIT);

    await page.getByLabel('Articles are searched as').selectOption('german');
    await page.getByText('Search language saved; the articles are indexed again.').waitFor(WAIT);
    expect((await admin.http.get<c.KbSettingsV1>('/api/v1/kb/settings')).body.language).toBe(
      'german',
    );
    await page.getByLabel('Search articles').fill('nothing like this');
    await page.getByText('No article matches.').waitFor(WAIT);
    await page.getByLabel('Search articles').fill('paying');
    await page.getByRole('button', { name: 'Paying an invoice' }).waitFor(WAIT);
    await page.getByTestId('article-status').filter({ hasText: 'published' }).waitFor(WAIT);
  });

  it('shows markup in an article’s title and body as text, in the editor and on the public page', async () => {
    await page.getByRole('button', { name: 'New article' }).click();
    const editor = page.getByRole('form', { name: 'New article' });
    await editor.getByLabel('Title').fill(`${XSS} Evil title`);
    await editor.getByLabel('Slug').fill('evil-article');
    await editor
      .getByLabel('Body (Markdown)')
      .fill(`Before ${XSS} after\n\n<script>window.__xss=2</script>`);
    const preview = page.getByTestId('live-preview');
    await preview.getByText(`Before ${XSS} after`).waitFor(WAIT);
    await editor.getByRole('button', { name: 'Create draft' }).click();
    const edit = page.getByRole('form', { name: `Edit article ${XSS} Evil title` });
    await edit.getByRole('button', { name: 'Publish' }).click();
    await edit.getByTestId('editor-status').filter({ hasText: 'published' }).waitFor(WAIT);
    await page
      .frameLocator('iframe[title="The saved article as readers see it"]')
      .getByText(/after/)
      .waitFor(WAIT);
    await expectNoScriptRan();

    const publicPage = await browser.newPage();
    const publicDialogs: string[] = [];
    publicPage.page.on('dialog', (dialog) => {
      publicDialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await publicPage.page.goto(`${stack.gateway.url}/kb/${WORKSPACE}/articles/evil-article`);
    await publicPage.page.getByRole('heading', { name: `${XSS} Evil title` }).waitFor(WAIT);
    expect(
      await publicPage.page.evaluate(() => (globalThis as { __xss?: number }).__xss),
    ).toBeUndefined();
    expect(publicDialogs).toEqual([]);
    await publicPage.context.close();
  });

  it('issues an integration’s credentials once, lists the integration and revokes it', async () => {
    const NAME = 'CRM <b>sync</b>';
    await section('Integrations');
    await page.getByText('No integrations yet.').waitFor(WAIT);
    const form = page.getByRole('form', { name: 'New integration' });
    await form.getByLabel('Name').fill(NAME);
    await form.getByLabel('Role').selectOption('agent');
    await form.getByText('also works on tickets as an agent does').waitFor(WAIT);

    // A refusal (as when the gateway lacks the bus keys: a 409 with the reason) is said, and
    // nothing is shown.
    await page.route('**/api/v1/integrations', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 409,
            json: { code: 'CONFLICT', message: NO_KEYS },
          })
        : route.fallback(),
    );
    await form.getByRole('button', { name: 'Create' }).click();
    await page.locator('.toast.error').filter({ hasText: NO_KEYS }).waitFor(WAIT);
    await page.unrouteAll();
    expect(await page.getByTestId('integration-credentials').count()).toBe(0);
    expect(await form.getByLabel('Name').inputValue()).toBe(NAME);
    // The browser logs the refused request.
    const refused = tracked.errors.findIndex((error) => error.includes('409'));
    expect(refused).toBeGreaterThanOrEqual(0);
    tracked.errors.splice(refused, 1);

    await form.getByRole('button', { name: 'Create' }).click();
    const credentials = page.getByRole('region', { name: `Credentials for ${NAME}` });
    await credentials.waitFor(WAIT);
    const file = await credentials.getByLabel('The .creds file').inputValue();
    expect(file).toContain('-----BEGIN NATS USER JWT-----');
    expect(file).toContain('-----BEGIN USER NKEY SEED-----');
    await credentials.getByText('they will not be shown again').waitFor(WAIT);
    expect(
      await credentials.getByRole('link', { name: 'NATS interface docs' }).getAttribute('href'),
    ).toBe('/api/asyncapi');
    // Focus moves to the credentials, which are the name's text, never its markup.
    await expect(
      page.evaluate<string | null | undefined>(
        "document.activeElement?.getAttribute('data-testid')",
      ),
    ).resolves.toBe('integration-credentials');
    const row = page.getByTestId('integration').filter({ hasText: NAME });
    await row.waitFor(WAIT);
    expect(await row.locator('strong').textContent()).toBe(NAME);
    expect(await row.getByText('agent', { exact: true }).count()).toBe(1);
    expect(await page.locator('main b').count()).toBe(0);
    expect(await form.getByLabel('Name').inputValue()).toBe('');

    // Downloaded as a file named after the integration, and copied.
    const [download] = await Promise.all([
      page.waitForEvent('download', WAIT),
      credentials.getByRole('button', { name: 'Download .creds' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('CRM-b-sync-b.creds');
    expect(await readFile(await download.path(), 'utf8')).toBe(file);
    await tracked.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(stack.gateway.url).origin,
    });
    await credentials.getByRole('button', { name: 'Copy', exact: true }).click();
    await credentials.getByText('Copied.').waitFor(WAIT);
    await expect(page.evaluate<string>('navigator.clipboard.readText()')).resolves.toBe(file);

    await expectNoSeriousAxe('admin integrations');
    await screenshot(page, 'admin-integrations');

    // Listed without its credentials, which no reload shows again.
    const listed = await admin.http.get<{ items: Record<string, unknown>[] }>(
      '/api/v1/integrations',
    );
    expect(listed.body.items).toEqual([
      expect.objectContaining({ name: NAME, role: 'agent', revokedAt: null }),
    ]);
    expect(listed.body.items[0]).not.toHaveProperty('credentials');
    await page.reload();
    await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor(WAIT);
    await row.waitFor(WAIT);
    expect(await page.getByTestId('integration-credentials').count()).toBe(0);
    const shown = await page.evaluate<string>(
      "document.body.innerText + [...document.querySelectorAll('input, textarea')].map((field) => field.value).join('\\n') + JSON.stringify(sessionStorage)",
    );
    expect(shown).toContain(NAME);
    expect(shown).not.toContain('NATS USER JWT');
    expect(shown).not.toContain('NKEY SEED');

    // Revoking asks first; Cancel keeps it.
    await row.getByRole('button', { name: `Revoke ${NAME}…` }).click();
    const confirm = page.getByRole('dialog', { name: `Revoke ${NAME}?` });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached', ...WAIT });
    await row.getByRole('button', { name: `Revoke ${NAME}…` }).click();
    await confirm.getByRole('button', { name: 'Revoke' }).click();
    await row.getByText(/^revoked /).waitFor(WAIT);
    expect(await row.getByRole('button').count()).toBe(0);
    await page.getByText(`${NAME} revoked.`).waitFor(WAIT);
    const revoked = await admin.http.get<{ items: { revokedAt: string | null }[] }>(
      '/api/v1/integrations',
    );
    expect(revoked.body.items[0].revokedAt).toEqual(expect.any(String));
    await screenshot(page, 'admin-integrations-revoked');
    await expectNoScriptRan();
  });

  it('fits the four screens to a phone-sized viewport', async () => {
    const phone = await browser.newPage({ width: 390, height: 844 });
    try {
      await phone.page.goto(`${stack.gateway.url}/admin/widget`);
      await phone.page.getByLabel('Email').fill('ada@admin.test');
      await phone.page.getByLabel('Password').fill(PASSWORD);
      await phone.page.getByRole('button', { name: 'Sign in' }).click();
      for (const [path, ready] of [
        ['widget', 'Widget key'],
        ['templates', 'Subject'],
        ['kb', 'Paying an invoice'],
        ['integrations', 'CRM <b>sync</b>'],
      ]) {
        await phone.page.evaluate(`history.pushState(null, '', '/admin/${path}')`);
        await phone.page.evaluate("dispatchEvent(new PopStateEvent('popstate'))");
        await phone.page.getByLabel(ready).or(phone.page.getByText(ready)).first().waitFor(WAIT);
        // Neither the page nor the admin's pane scrolls sideways.
        const widths = await phone.page.evaluate<number[]>(
          "[document.documentElement.scrollWidth, document.querySelector('.admin-main').scrollWidth - document.querySelector('.admin-main').clientWidth]",
        );
        expectWith(`the ${path} screen's width and sideways overflow`, widths).toEqual([390, 0]);
        await screenshot(phone.page, `admin-phone-${path}`);
      }
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.context.close();
    }
  });

  it('asks an agent with a first password for their own before the desk opens', async () => {
    const agent = await stack.nats.rpc.request(c.UPSERT_AGENT_V1, {
      actor: setup.system,
      name: 'Nia New',
      email: 'nia@admin.test',
      role: 'admin',
      teamIds: [],
    });
    await stack.nats.rpc.request(c.SET_CREDENTIALS_V1, {
      actor: setup.system,
      agentId: agent.id,
      email: 'nia@admin.test',
      password: 'printed-once-by-an-operator',
      temporary: true,
    });
    const fresh = await browser.newPage({ width: 1280, height: 900 });
    try {
      const login = fresh.page;
      await login.goto(stack.gateway.url);
      await login.getByLabel('Email').fill('nia@admin.test');
      await login.getByLabel('Password', { exact: true }).fill('printed-once-by-an-operator');
      await login.getByRole('button', { name: 'Sign in' }).click();
      await login.getByText('This is a first password.').waitFor(WAIT);
      await screenshot(login, 'login-first-password');
      await login.getByLabel('New password', { exact: true }).fill('nia chose this');
      await login.getByLabel('Repeat the new password').fill('nia chose this');
      await login.getByRole('button', { name: 'Set password and sign in' }).click();
      await login.getByRole('heading', { name: 'New', exact: true }).waitFor(WAIT);
      // The chosen password is the one that signs in from now on.
      const again = await stack.http.post('/api/v1/auth/login', {
        email: 'nia@admin.test',
        password: 'nia chose this',
      });
      expect(again.status).toBe(200);
    } finally {
      await fresh.context.close();
    }
  });

  it('logged no console error on the admin’s page but the sandbox refusing the payload', () => {
    expect(tracked.errors.filter((error) => !SANDBOX_BLOCKED.test(error))).toEqual([]);
  });

  it('says when the knowledge base cannot be loaded, and loads it on Try again once it is back', async () => {
    const knowledgeBase = stack.processes[2];
    await knowledgeBase.stop();
    await section('Chat widget');
    await section('Knowledge base');
    const alert = page.getByRole('alert').filter({ hasText: 'The categories could not be loaded' });
    await alert.filter({ hasText: 'The service is unavailable right now.' }).waitFor(WAIT);
    await expectNoSeriousAxe('admin knowledge base unavailable');

    replacements.push(await ServiceProcess.start('knowledge-base', { env: stack.serviceEnv }));
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('button', { name: 'Paying an invoice' }).waitFor(WAIT);
  });
});
