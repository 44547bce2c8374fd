import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import * as c from '@switchboard/contracts';
import { ServiceProcess, waitFor } from '@switchboard/testing';
import { createHmac, randomUUID } from 'node:crypto';
import { Socket, io } from 'socket.io-client';
import WebSocket from 'ws';
import {
  GatewayStack,
  LoggedInAgent,
  PNG,
  WorkspaceSetup,
  login,
  newAgent,
  newWorkspace,
  startGatewayStack,
} from './gateway-stack';

/*
 * Live chat end to end: ticket-core, api-gateway and two chat-gateway replicas as processes.
 * The customer's widget talks to one replica and the agents' desks to the other, so every
 * message, typing signal and view change that arrives has crossed NATS, not a replica's memory.
 */

const SITE = 'https://shop.example.test';

/** What a socket received: untyped on the wire, each test's assertions say what it must be. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Received = any;

/** Every event a socket received, in order, to wait on and to count. */
class Recorder {
  readonly events: { name: string; body: Received }[] = [];

  constructor(readonly socket: Socket) {
    socket.onAny((name: string, body: unknown) => this.events.push({ name, body }));
  }

  of(name: string): Received[] {
    return this.events.filter((event) => event.name === name).map((event) => event.body);
  }

  next(name: string, match: (body: Received) => boolean = () => true, description = name) {
    return waitFor(() => this.of(name).find(match), { timeoutMs: 15_000, description });
  }
}

/** A socket that connected, or the reason it was refused (`connect_error`). */
function connect(url: string, options: Parameters<typeof io>[1]): Promise<Recorder> {
  // forceNew: a manager of its own, so the headers given here are the ones sent.
  const socket = io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...options,
  });
  const recorder = new Recorder(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(recorder));
    socket.once('connect_error', (error: Error & { data?: c.SocketErrorV1 }) => {
      socket.close();
      reject(Object.assign(new Error(error.message), { data: error.data }));
    });
  });
}

const refusal = (attempt: Promise<Recorder>) =>
  attempt.then(
    (recorder) => {
      recorder.socket.close();
      throw new Error('the connection was accepted');
    },
    (error: Error & { data?: c.SocketErrorV1 }) => error.data?.code,
  );

const ask = <T = Received>(recorder: Recorder, event: string, body: unknown): Promise<T> =>
  recorder.socket.timeout(15_000).emitWithAck(event, body);

describe('chat-gateway', () => {
  let stack: GatewayStack;
  let customerSide: ServiceProcess;
  let agentSide: ServiceProcess;
  let setup: WorkspaceSetup;
  let ada: LoggedInAgent;
  let widget: c.WidgetSettingsV1;
  const open: Recorder[] = [];

  const customer = async (auth: Record<string, unknown> = {}) => {
    const recorder = await connect(`${customerSide.url}/customer`, {
      auth: { widgetKey: widget.widgetKey, ...auth },
      extraHeaders: { origin: SITE },
    });
    open.push(recorder);
    return recorder;
  };
  const desk = async (token = ada.token) => {
    const recorder = await connect(`${agentSide.url}/agent`, { auth: { token } });
    open.push(recorder);
    return recorder;
  };
  const startChat = async (socket: Recorder, body = 'Hello, my parcel is late') => {
    const started = await ask<c.ChatStartedV1>(socket, 'chat:start', {
      clientId: randomUUID(),
      body,
      name: 'Erin',
      email: `erin-${randomUUID().slice(0, 8)}@customer.test`,
    });
    const ticket = await stack.nats.rpc.request(c.GET_TICKET_BY_NUMBER_V1, {
      actor: setup.system,
      number: started.ticketNumber!,
    });
    return { started, ticket };
  };
  const storedMessages = async (ticketId: string) =>
    (await stack.nats.rpc.request(c.GET_TICKET_V1, { actor: setup.system, ticketId })).messages;

  beforeAll(async () => {
    stack = await startGatewayStack(
      'chat',
      // Long before the token's 15 minutes run out, so that the notice comes within the test.
      { CHAT_TOKEN_REFRESH_NOTICE_SECONDS: '899', CHAT_SOCKET_EVENTS_PER_10S: '40' },
      { apps: ['ticket-core', 'api-gateway', 'chat-gateway', 'chat-gateway'] },
    );
    [customerSide, agentSide] = stack.processes.slice(2);
    setup = await newWorkspace(stack, 'chat');
    ada = await newAgent(stack, setup, { name: 'Ada', email: 'ada@chat.test', role: 'agent' });
    // Someone online who never opens a desk here, so chats are live unless a test says otherwise.
    const olive = await newAgent(stack, setup, {
      name: 'Olive',
      email: 'olive@chat.test',
      role: 'agent',
    });
    await stack.nats.rpc.request(c.SET_AVAILABILITY_V1, {
      actor: olive.actor,
      availability: 'online',
    });
    await stack.nats.rpc.request(c.GET_WIDGET_SETTINGS_V1, { actor: setup.system });
    widget = await stack.nats.rpc.request(c.UPDATE_WIDGET_SETTINGS_V1, {
      actor: setup.system,
      allowedOrigins: [SITE],
    });
  });

  afterEach(() => {
    for (const recorder of open.splice(0)) recorder.socket.close();
  });

  afterAll(() => stack?.stop());

  describe('connecting', () => {
    it('refuses an unknown widget key, another site and a forged visitor identity', async () => {
      expect(
        await refusal(
          connect(`${customerSide.url}/customer`, {
            auth: { widgetKey: 'wk_not-a-real-key' },
            extraHeaders: { origin: SITE },
          }),
        ),
      ).toBe(c.ErrorCode.UNAUTHENTICATED);
      expect(
        await refusal(
          connect(`${customerSide.url}/customer`, {
            auth: { widgetKey: widget.widgetKey },
            extraHeaders: { origin: 'https://evil.example.test' },
          }),
        ),
      ).toBe(c.ErrorCode.FORBIDDEN);
      expect(
        await refusal(
          customer({ externalId: 'crm-1', email: 'erin@shop.test', identityHash: 'a'.repeat(64) }),
        ),
      ).toBe(c.ErrorCode.UNAUTHENTICATED);
      expect(
        await refusal(
          customer({ widgetKey: 42 }), // not the contract's type
        ),
      ).toBe(c.ErrorCode.VALIDATION_FAILED);
    });

    it('tells the widget its look, and starts no chat without name and email when they are required', async () => {
      await stack.nats.rpc.request(c.UPDATE_WIDGET_SETTINGS_V1, {
        actor: setup.system,
        primaryColour: '#aa3300',
        greeting: 'Hello from Acme',
        contactDetails: 'required',
      });
      try {
        const socket = await customer();
        expect(await socket.next('chat:settings')).toEqual({
          primaryColour: '#aa3300',
          greeting: 'Hello from Acme',
          contactDetails: 'required',
        });
        const refused = await ask<{ error: c.SocketErrorV1 }>(socket, 'chat:start', {
          clientId: randomUUID(),
          body: 'Hi',
          name: 'Erin',
        });
        expect(refused.error.code).toBe(c.ErrorCode.VALIDATION_FAILED);
        expect(refused.error.message).toMatch(/email/);
        const started = await ask<c.ChatStartedV1>(socket, 'chat:start', {
          clientId: randomUUID(),
          body: 'Hi',
          name: 'Erin',
          email: `erin-${randomUUID().slice(0, 8)}@customer.test`,
        });
        expect(started.sessionToken).toEqual(expect.any(String));
      } finally {
        await stack.nats.rpc.request(c.UPDATE_WIDGET_SETTINGS_V1, {
          actor: setup.system,
          contactDetails: 'optional',
        });
      }
    });

    it('links a visitor whose identity the company signed to that customer record', async () => {
      const identityHash = createHmac('sha256', widget.identitySecret)
        .update('crm-7:grace@shop.test')
        .digest('hex');
      const socket = await customer({
        externalId: 'crm-7',
        email: 'grace@shop.test',
        identityHash,
      });
      const { ticket } = await startChat(socket);
      expect(ticket.customer.email).toBe('grace@shop.test');

      // An anonymous visitor chats too: a customer of their own, with no email.
      const anonymous = await customer();
      const started = await ask<c.ChatStartedV1>(anonymous, 'chat:start', {
        clientId: 'anon-1',
        body: 'Just a question',
      });
      expect(started.ticketNumber).toEqual(expect.any(Number));
      expect(await anonymous.next('chat:message')).toMatchObject({ bodyText: 'Just a question' });
      const profile = await stack.nats.rpc.request(c.GET_CUSTOMER_V1, {
        actor: setup.system,
        customerId: ticket.customer.id,
      });
      expect(profile).toMatchObject({ externalId: 'crm-7' });
    });

    it('refuses a bad access token and tells an agent to refresh before it runs out', async () => {
      expect(await refusal(desk('not-a-token'))).toBe(c.ErrorCode.UNAUTHENTICATED);
      const socket = await desk();
      await socket.next('auth:expiring');
      const fresh = await login(stack, 'ada@chat.test');
      const renewed = await ask(socket, 'auth:refresh', { token: fresh });
      expect(renewed).toEqual({ expiresAt: expect.any(String) });
      const other = await newAgent(stack, setup, {
        name: 'Bob',
        email: 'bob@chat.test',
        role: 'agent',
      });
      expect(await ask(socket, 'auth:refresh', { token: other.token })).toMatchObject({
        error: { code: c.ErrorCode.FORBIDDEN },
      });
    });
  });

  describe('a whole chat across two replicas', () => {
    it('starts, appears live, is claimed, converses with typing and is solved', async () => {
      const agent = await desk();
      const widgetSocket = await customer();
      const { started, ticket } = await startChat(widgetSocket, 'Hello, my parcel is late');
      expect(started.sessionToken).toMatch(/^cs_/);

      // The first message, numbered 1, and the new ticket on the desk of the other replica.
      expect(await widgetSocket.next('chat:message')).toMatchObject({
        seq: 1,
        authorKind: 'customer',
        bodyText: 'Hello, my parcel is late',
      });
      const created: c.TicketChangeV1[] = await agent.next('ticket:events', (changes) =>
        changes.some((e: c.TicketChangeV1) => e.type === 'created' && e.ticket.id === ticket.id),
      );
      expect(created.find((e) => e.ticket.id === ticket.id)).toMatchObject({
        ticket: { status: 'new', channel: 'chat' },
      });
      await agent.next('views:counts', (counts) => counts.new >= 1, 'New counted');
      expect(ticket.originIp).toBe('127.0.0.1');

      await stack.nats.rpc.request(c.CLAIM_TICKET_V1, { actor: ada.actor, ticketId: ticket.id });
      await widgetSocket.next('chat:status', (s) => s.status === 'open', 'open status');
      expect(await ask(agent, 'ticket:join', { ticketId: ticket.id })).toEqual({
        lastSeq: 1,
        viewers: [{ id: ada.agent.id, name: 'Ada' }],
      });
      expect(agent.of('ticket:message').map((m) => m.seq)).toEqual([1]);

      // Typing crosses both ways, never back to the one typing.
      await ask(agent, 'ticket:typing', { ticketId: ticket.id, typing: true });
      expect(await widgetSocket.next('chat:typing')).toEqual({ typing: true, name: 'Ada' });
      await ask(widgetSocket, 'chat:typing', { typing: true });
      expect(await agent.next('ticket:typing')).toMatchObject({
        ticketId: ticket.id,
        from: { kind: 'customer' },
        typing: true,
      });

      const answer = await ask(agent, 'ticket:reply', {
        ticketId: ticket.id,
        clientId: 'desk-1',
        body: 'Let me look it up.',
        seenSeq: 1,
      });
      expect(answer).toEqual({ messageId: expect.any(String), duplicate: false });
      expect(await widgetSocket.next('chat:message', (m) => m.seq === 2)).toMatchObject({
        id: answer.messageId,
        authorKind: 'agent',
        bodyText: 'Let me look it up.',
      });

      // A note stays on the desk; the customer's numbering has no gap for it.
      await ask(agent, 'ticket:reply', {
        ticketId: ticket.id,
        clientId: 'desk-2',
        body: 'Carrier is DHL',
        internal: true,
        seenSeq: 2,
      });
      const sent = await ask(widgetSocket, 'chat:message', {
        clientId: 'w-1',
        body: 'Thanks!',
      });
      expect(await widgetSocket.next('chat:message', (m) => m.seq === 3)).toMatchObject({
        id: sent.messageId,
        bodyText: 'Thanks!',
      });
      expect(await agent.next('ticket:message', (m) => m.seq === 4)).toMatchObject({
        id: sent.messageId,
      });
      expect(widgetSocket.of('chat:message').some((m) => m.bodyText === 'Carrier is DHL')).toBe(
        false,
      );

      // A reply written before reading the customer's last message is stale.
      const stale = await ask(agent, 'ticket:reply', {
        ticketId: ticket.id,
        clientId: 'desk-3',
        body: 'Anything else?',
        seenSeq: 3,
      });
      expect(stale).toMatchObject({
        error: { code: c.ErrorCode.CONFLICT, stale: true, lastSeq: 4 },
      });

      await stack.nats.rpc.request(c.SOLVE_TICKET_V1, {
        actor: ada.actor,
        ticketId: ticket.id,
        withSummary: true,
      });
      await widgetSocket.next('chat:status', (s) => s.status === 'solved', 'solved status');
      expect((await storedMessages(ticket.id)).map((m) => m.bodyText)).toEqual([
        'Hello, my parcel is late',
        'Let me look it up.',
        'Carrier is DHL',
        'Thanks!',
      ]);
    });

    it('stores a resent client id once and answers it with the first message', async () => {
      const widgetSocket = await customer();
      const { ticket } = await startChat(widgetSocket);
      const body = { clientId: 'again-1', body: 'Are you there?' };
      const [first, second] = await Promise.all([
        ask(widgetSocket, 'chat:message', body),
        ask(widgetSocket, 'chat:message', body),
      ]);
      const third = await ask(widgetSocket, 'chat:message', body);
      expect([first.messageId, second.messageId, third.messageId]).toEqual([
        first.messageId,
        first.messageId,
        first.messageId,
      ]);
      expect([first.duplicate, second.duplicate].sort()).toEqual([false, true]);
      expect(third.duplicate).toBe(true);
      const texts = (await storedMessages(ticket.id)).map((m) => m.bodyText);
      expect(texts.filter((text) => text === 'Are you there?')).toHaveLength(1);
    });

    it('sends a reconnecting widget what it missed, from the ticket, in order', async () => {
      const widgetSocket = await customer();
      const { started, ticket } = await startChat(widgetSocket, 'Where is my order?');
      await widgetSocket.next('chat:message', (m) => m.seq === 1);
      widgetSocket.socket.close();

      await stack.nats.rpc.request(c.CLAIM_TICKET_V1, { actor: ada.actor, ticketId: ticket.id });
      for (const body of ['It left the warehouse.', 'It arrives tomorrow.']) {
        await stack.nats.rpc.request(c.REPLY_TICKET_V1, {
          actor: ada.actor,
          ticketId: ticket.id,
          body,
        });
      }

      // Back on the other replica, with the session token and the last number it has.
      const again = await connect(`${agentSide.url}/customer`, {
        auth: { widgetKey: widget.widgetKey, sessionToken: started.sessionToken, lastSeq: 1 },
        extraHeaders: { origin: SITE },
      });
      open.push(again);
      await again.next('chat:message', (m) => m.seq === 3);
      expect(again.of('chat:message').map((m) => [m.seq, m.bodyText])).toEqual([
        [2, 'It left the warehouse.'],
        [3, 'It arrives tomorrow.'],
      ]);
      const more = await ask(again, 'chat:message', { clientId: 'back-1', body: 'Great' });
      expect(more.duplicate).toBe(false);
    });

    it('shows a new chat only to agents who may claim it', async () => {
      const billing = await stack.nats.rpc.request(c.CREATE_TEAM_V1, {
        actor: setup.system,
        name: 'Billing',
      });
      const support = await stack.nats.rpc.request(c.CREATE_TEAM_V1, {
        actor: setup.system,
        name: 'Support',
      });
      const inBilling = await newAgent(stack, setup, {
        name: 'Bea',
        email: 'bea@chat.test',
        role: 'agent',
        teamIds: [billing.id],
      });
      const inSupport = await newAgent(stack, setup, {
        name: 'Sam',
        email: 'sam@chat.test',
        role: 'agent',
        teamIds: [support.id],
      });
      const [bea, sam] = [await desk(inBilling.token), await desk(inSupport.token)];
      const ticket = await stack.nats.rpc.request(c.CREATE_TICKET_V1, {
        actor: setup.system,
        channel: 'chat',
        subject: 'Invoice',
        body: 'Wrong amount',
        teamId: billing.id,
        customer: { email: 'payer@customer.test' },
      });
      const seen = (changes: c.TicketChangeV1[], id: string) =>
        changes.some((e) => e.ticket.id === id);
      await bea.next('ticket:events', (changes) => seen(changes, ticket.id), 'the billing ticket');
      // Sam's desk hears of later tickets of no team, so an event for him would have come first.
      const later = await stack.nats.rpc.request(c.CREATE_TICKET_V1, {
        actor: setup.system,
        channel: 'chat',
        subject: 'General',
        body: 'Hello',
        customer: { email: 'someone@customer.test' },
      });
      await sam.next('ticket:events', (changes) => seen(changes, later.id), 'the teamless ticket');
      expect(sam.of('ticket:events').some((changes) => seen(changes, ticket.id))).toBe(false);
    });
  });

  describe('in a ticket', () => {
    it('tells the desks who else has the ticket open, across replicas', async () => {
      const widgetSocket = await customer();
      const { ticket } = await startChat(widgetSocket);
      const bob = await newAgent(stack, setup, {
        name: 'Bob Viewer',
        email: 'bob.viewer@chat.test',
        role: 'agent',
      });
      const adaDesk = await desk();
      const bobDesk = await connect(`${customerSide.url}/agent`, { auth: { token: bob.token } });
      open.push(bobDesk);

      const adaJoined = await ask(adaDesk, 'ticket:join', { ticketId: ticket.id });
      expect(adaJoined.viewers.map((v: { name: string }) => v.name)).toContain('Ada');
      const bobJoined = await ask(bobDesk, 'ticket:join', { ticketId: ticket.id });
      expect(bobJoined.viewers.map((v: { name: string }) => v.name)).toEqual(['Ada', 'Bob Viewer']);
      await adaDesk.next(
        'ticket:viewers',
        (e) => e.viewers.some((v: { name: string }) => v.name === 'Bob Viewer'),
        'Bob seen by Ada',
      );
      await ask(bobDesk, 'ticket:leave', { ticketId: ticket.id });
      await adaDesk.next(
        'ticket:viewers',
        (e) => e.viewers.length === 1 && e.viewers[0].name === 'Ada',
        'Bob gone for Ada',
      );
    });

    it('takes files from the widget through the public ticket route, shown on both sides', async () => {
      await stack.nats.rpc.request(c.UPDATE_WORKSPACE_SETTINGS_V1, {
        actor: setup.system,
        attachmentTypes: ['image/png'],
      });
      const widgetSocket = await customer();
      const { started, ticket } = await startChat(widgetSocket);
      expect(started.ticketToken).toEqual(expect.any(String));
      const agent = await desk();
      await ask(agent, 'ticket:join', { ticketId: ticket.id });

      const form = new FormData();
      form.append('body', 'Here is a photo');
      form.append('attachments', new Blob([PNG], { type: 'image/png' }), 'parcel.png');
      const posted = await fetch(
        `${stack.gateway.url}/api/v1/public/tickets/${started.ticketToken}/messages`,
        { method: 'POST', body: form },
      );
      expect(posted.status).toBe(201);
      const seen = await widgetSocket.next('chat:message', (m) => m.bodyText === 'Here is a photo');
      expect(seen.attachments).toEqual([
        expect.objectContaining({ name: 'parcel.png', contentType: 'image/png' }),
      ]);
      const onDesk = await agent.next('ticket:message', (m) => m.bodyText === 'Here is a photo');
      expect(onDesk.attachments).toHaveLength(1);
      const download = await fetch(
        `${stack.gateway.url}/api/v1/public/tickets/${started.ticketToken}/attachments/${seen.attachments[0].key}`,
      );
      expect(Buffer.from(await download.arrayBuffer())).toEqual(PNG);
    });
  });

  describe('bad input', () => {
    it('answers invalid, oversized and unknown-ticket requests with error events', async () => {
      const widgetSocket = await customer();
      expect(await ask(widgetSocket, 'chat:message', { clientId: 'x', body: 'hi' })).toMatchObject({
        error: { code: c.ErrorCode.CONFLICT, event: 'chat:message' },
      });
      await startChat(widgetSocket);
      const tooLong = 'x'.repeat(c.CHAT_MESSAGE_MAX_LENGTH + 1);
      expect(
        await ask(widgetSocket, 'chat:message', { clientId: 'long', body: tooLong }),
      ).toMatchObject({ error: { code: c.ErrorCode.VALIDATION_FAILED } });
      expect(
        await ask(widgetSocket, 'chat:message', { clientId: 'bad id!', body: 'hi' }),
      ).toMatchObject({ error: { code: c.ErrorCode.VALIDATION_FAILED } });
      expect(widgetSocket.of('error').length).toBeGreaterThanOrEqual(3);

      const agent = await desk();
      const other = await stack.nats.rpc.request(c.CREATE_WORKSPACE_V1, {
        name: 'Other',
        slug: 'other-chat',
      });
      const foreign = await stack.nats.rpc.request(c.CREATE_TICKET_V1, {
        actor: { kind: 'system', workspaceId: other.id, teamIds: [] },
        channel: 'chat',
        subject: 'Not yours',
        customer: { email: 'x@customer.test' },
      });
      expect(await ask(agent, 'ticket:join', { ticketId: foreign.id })).toMatchObject({
        error: { code: c.ErrorCode.NOT_FOUND },
      });
      expect(
        await ask(agent, 'ticket:typing', { ticketId: foreign.id, typing: true }),
      ).toMatchObject({ error: { code: c.ErrorCode.CONFLICT } });
    });

    it('refuses a flood and survives malformed frames', async () => {
      const widgetSocket = await customer();
      const answers = await Promise.all(
        Array.from({ length: 60 }, () => ask(widgetSocket, 'chat:typing', { typing: 'yes' })),
      );
      const codes = answers.map((answer) => answer.error?.code);
      expect(codes).toContain(c.ErrorCode.RATE_LIMITED);
      expect(codes.filter((code) => code === c.ErrorCode.RATE_LIMITED)).toHaveLength(20);

      // Raw frames that are no socket.io packets, and an oversized one: the socket is closed.
      const url = `${customerSide.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`;
      for (const frames of [
        ['40/customer,{"widgetKey":', 'not json at all', '42/customer,["chat:start",{'],
        [Buffer.from([0xff, 0x00, 0xfe]), '4' + 'x'.repeat(200_000)],
      ]) {
        const raw = new WebSocket(url);
        await new Promise((resolve) => raw.once('open', resolve));
        const closed = new Promise((resolve) => raw.once('close', resolve));
        for (const frame of frames) raw.send(frame);
        await closed;
      }

      // The replica still serves.
      expect(await customerSide.readyStatus()).toBe(200);
      const fresh = await customer();
      await startChat(fresh, 'Still there?');
      await fresh.next('chat:message', (m) => m.bodyText === 'Still there?');
    });
  });

  describe('presence', () => {
    const availabilityOf = async (agentId: string) =>
      (await stack.nats.rpc.request(c.LIST_AGENTS_V1, { actor: setup.system })).items.find(
        (agent) => agent.id === agentId,
      )?.availability;

    it('is online while a desk is open on any replica, away when set, offline after', async () => {
      const here = await desk();
      await waitFor(async () => (await availabilityOf(ada.agent.id)) === 'online');
      const there = await connect(`${customerSide.url}/agent`, { auth: { token: ada.token } });
      open.push(there);
      await there.next('presence');
      expect(await ask(here, 'presence:set', { availability: 'away' })).toEqual({
        availability: 'away',
      });
      expect(await availabilityOf(ada.agent.id)).toBe('away');

      // The other replica still holds a desk: closing this one keeps Ada present.
      here.socket.close();
      await ask(there, 'presence:set', { availability: 'online' });
      expect(await availabilityOf(ada.agent.id)).toBe('online');
      there.socket.close();
      await waitFor(async () => (await availabilityOf(ada.agent.id)) === 'offline', {
        description: 'Ada offline once her last desk closed',
      });
    });
  });

  describe('out of hours', () => {
    const today = new Date().getUTCDay(); // 0 = Sunday
    const otherDay = c.WEEKDAYS[(today + 2) % 7]; // WEEKDAYS start on Monday: never today
    const setHours = (periods: c.OpeningPeriodV1[]) =>
      stack.nats.rpc.request(c.UPDATE_WORKSPACE_SETTINGS_V1, {
        actor: setup.system,
        businessHours: { timeZone: 'UTC', periods },
      });
    const ticketsOf = async (email: string) =>
      (
        await stack.db.query(
          `SELECT t.id, t.status, t.merged_into_id FROM ticket_core.tickets t
             JOIN ticket_core.customers c ON c.id = t.customer_id
            WHERE c.email = $1 ORDER BY t.created_at`,
          [email],
        )
      ).rows;
    const startIntake = async (email: string, body = 'My order never came') => {
      const socket = await customer();
      const started = await ask<c.ChatStartedV1>(socket, 'chat:start', {
        clientId: randomUUID(),
        body,
        email,
      });
      expect(started).toMatchObject({ ticketNumber: null, intake: 'asking' });
      await socket.next('chat:intake', (i) => i.state === 'asking');
      return { socket, started };
    };
    const say = (socket: Recorder, body: string) =>
      ask(socket, 'chat:message', { clientId: randomUUID(), body });

    beforeAll(() => setHours([{ day: otherDay, start: '09:00', end: '17:00' }]));
    afterAll(() => setHours([]));

    it('asks YES/NO, repeats on anything else, collects after YES until //end', async () => {
      const { socket } = await startIntake('ivy@customer.test');
      expect(await ticketsOf('ivy@customer.test')).toEqual([]);
      await say(socket, 'what?');
      await waitFor(
        () => socket.of('chat:intake').filter((i) => i.state === 'asking').length === 2,
      );

      expect(await say(socket, 'Yes')).toEqual({ messageId: null, duplicate: false });
      await socket.next('chat:intake', (i) => i.state === 'collecting');
      expect(await socket.next('chat:message', (m) => m.seq === 1)).toMatchObject({
        bodyText: 'My order never came',
      });
      const sent = await say(socket, 'No'); // after YES, an ordinary message
      expect(sent.messageId).toEqual(expect.any(String));
      await socket.next('chat:message', (m) => m.seq === 2 && m.bodyText === 'No');

      await say(socket, '//end');
      await socket.next('chat:intake', (i) => i.state === 'ended');
      expect(await say(socket, 'one more thing')).toMatchObject({
        error: { code: c.ErrorCode.CONFLICT },
      });
      const [ticket] = await ticketsOf('ivy@customer.test');
      expect(ticket.status).toBe('new');
      expect((await storedMessages(ticket.id)).map((m) => m.bodyText)).toEqual([
        'My order never came',
        'No',
      ]);
    });

    it('ends on NO without a ticket', async () => {
      const { socket } = await startIntake('noah@customer.test');
      await say(socket, 'no');
      await socket.next('chat:intake', (i) => i.state === 'ended');
      expect(await ticketsOf('noah@customer.test')).toEqual([]);
    });

    it('closes the intake after the silence (ticket-core’s timer)', async () => {
      const { socket } = await startIntake('sid@customer.test');
      await say(socket, 'YES');
      await socket.next('chat:intake', (i) => i.state === 'collecting');
      const [ticket] = await ticketsOf('sid@customer.test');
      const { rows } = await stack.db.query(
        `UPDATE ticket_core.timers SET due_at = now() WHERE ticket_id = $1 AND kind = 'intake-close'
         RETURNING due_at`,
        [ticket.id],
      );
      expect(rows).toHaveLength(1);
      await socket.next('chat:intake', (i) => i.state === 'ended', 'the silence close');
    });

    it('collects into the open ticket the customer has, and a live chat closes it', async () => {
      const first = await startIntake('olga@customer.test', 'First question');
      await say(first.socket, 'yes');
      await first.socket.next('chat:intake', (i) => i.state === 'collecting');
      const second = await startIntake('olga@customer.test', 'Second question');
      await say(second.socket, 'yes');
      await second.socket.next('chat:message', (m) => m.bodyText === 'Second question');
      const tickets = await ticketsOf('olga@customer.test');
      expect(tickets).toHaveLength(1);
      expect((await storedMessages(tickets[0].id)).map((m) => m.bodyText)).toEqual([
        'First question',
        'Second question',
      ]);

      // Back in hours: a live chat of the same customer closes the older ticket into it.
      await setHours([]);
      try {
        const live = await customer();
        const started = await ask<c.ChatStartedV1>(live, 'chat:start', {
          clientId: randomUUID(),
          body: 'Anyone there now?',
          email: 'olga@customer.test',
        });
        expect(started.intake).toBeNull();
        const [older, newer] = await waitFor(async () => {
          const rows = await ticketsOf('olga@customer.test');
          return rows.length === 2 && rows[0].merged_into_id ? rows : undefined;
        });
        expect(older).toMatchObject({ status: 'solved', merged_into_id: newer.id });
        // The chats that followed the older ticket go on in the new one.
        await first.socket.next('chat:moved');
      } finally {
        await setHours([{ day: otherDay, start: '09:00', end: '17:00' }]);
      }
    });
  });

  describe('a widget of a team', () => {
    const closedToday = {
      timeZone: 'UTC',
      periods: [
        { day: c.WEEKDAYS[(new Date().getUTCDay() + 2) % 7], start: '09:00', end: '17:00' },
      ],
    };
    let team: c.TeamV1;
    let admin: LoggedInAgent;
    const start = async (email: string) =>
      ask<c.ChatStartedV1>(await customer(), 'chat:start', {
        clientId: randomUUID(),
        body: 'Is the night shift there?',
        email,
      });

    beforeAll(async () => {
      admin = await newAgent(stack, setup, { name: 'Abe', email: 'abe@chat.test', role: 'admin' });
      team = await stack.nats.rpc.request(c.CREATE_TEAM_V1, {
        actor: setup.system,
        name: 'Night shift',
      });
      const routed = await admin.http.patch<c.WidgetSettingsV1>('/api/v1/settings/widget', {
        teamId: team.id,
      });
      expect(routed.body.teamId).toBe(team.id);
    });

    afterAll(() =>
      stack.nats.rpc.request(c.UPDATE_WIDGET_SETTINGS_V1, { actor: setup.system, teamId: null }),
    );

    it('is live only within its team’s hours and with one of its members online', async () => {
      // The team's own hours: closed today, though the workspace is open and Olive online.
      const patched = await admin.http.patch<c.TeamV1>(`/api/v1/teams/${team.id}`, {
        businessHours: closedToday,
      });
      expect(patched.status).toBe(200);
      expect(patched.body.businessHours).toEqual(closedToday);
      expect(await start('tess@customer.test')).toMatchObject({ intake: 'asking' });

      // The workspace's hours again (open), but nobody of the team online.
      await admin.http.patch(`/api/v1/teams/${team.id}`, { businessHours: null });
      expect(await start('tom@customer.test')).toMatchObject({ intake: 'asking' });

      // Olive joins the team: the chat is live, and its ticket is the team's.
      await stack.nats.rpc.request(c.UPSERT_AGENT_V1, {
        actor: setup.system,
        name: 'Olive',
        email: 'olive@chat.test',
        role: 'agent',
        teamIds: [team.id],
      });
      const live = await start('tina@customer.test');
      expect(live.intake).toBeNull();
      const ticket = await stack.nats.rpc.request(c.GET_TICKET_BY_NUMBER_V1, {
        actor: setup.system,
        number: live.ticketNumber!,
      });
      expect(ticket.teamId).toBe(team.id);
    });

    it('refuses a team of nobody’s, and team changes by a non-admin', async () => {
      const unknown = await admin.http.patch('/api/v1/settings/widget', { teamId: randomUUID() });
      expect(unknown.status).toBe(404);
      const byAgent = await ada.http.patch(`/api/v1/teams/${team.id}`, { name: 'Mine now' });
      expect(byAgent.status).toBe(403);
      const invalid = await admin.http.patch(`/api/v1/teams/${team.id}`, {
        businessHours: { timeZone: 'Mars/Olympus', periods: [] },
      });
      expect(invalid.status).toBe(400);
    });
  });
});
