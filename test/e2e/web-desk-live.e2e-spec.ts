import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as c from '@switchboard/contracts';
import {
  ProcessStack,
  ServiceProcess,
  TestBrowser,
  launchBrowser,
  startProcessStack,
  waitFor,
} from '@switchboard/testing';
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
 */
describe('web desk live over chat-gateway', () => {
  let processes: ProcessStack;
  /** What the shared helpers need of a stack: NATS, and HTTP to the gateway started last. */
  let stack: GatewayStack;
  let chat: ServiceProcess;
  let gateway: ServiceProcess;
  let setup: WorkspaceSetup;
  let agent: LoggedInAgent;
  let browser: TestBrowser;

  beforeAll(async () => {
    processes = await startProcessStack('desklive', ['ticket-core', 'chat-gateway']);
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
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await processes?.stop();
  });

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
});
