import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import * as c from '@switchboard/contracts';
import { NatsConnection } from '@switchboard/messaging';
import { ReplyTokenCodec, tokenOfAddress, tokenOfMessageId } from '@switchboard/reply-tokens';
import {
  SmtpSink,
  SunkMail,
  TestNatsClient,
  connectTestClient,
  createTestDatabase,
  headerOf,
  startInProcess,
  testEnv,
  uniqueNamespace,
  waitFor,
} from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import PostalMime from 'postal-mime';
import { Clock } from '../src/core/clock';
import { notificationService } from '../src/service';
import { FakeTicketCore } from './fake-ticket-core';

const SECRET = 'notification-test-reply-token-secret-0123456789';
const codec = new ReplyTokenCodec(SECRET);

describe('notification: mail and in-app notifications from ticket events', () => {
  const namespace = uniqueNamespace('notify');
  const workspaceId = randomUUID();
  const admin = randomUUID();
  const ana = randomUUID();
  const bo = randomUUID();
  const teamId = randomUUID();
  const sink = new SmtpSink();
  let app: INestApplication;
  let client: TestNatsClient;
  let core: FakeTicketCore;
  let db: Client;
  let clock: Clock;
  let offsetMs = 0;

  const agentActor = (agentId: string, role: c.Role = 'agent'): c.Actor => ({
    kind: 'agent',
    workspaceId,
    agentId,
    role,
    teamIds: [],
  });

  beforeAll(async () => {
    await sink.start();
    const databaseUrl = await createTestDatabase();
    app = await startInProcess(notificationService, {
      DATABASE_URL: databaseUrl,
      NATS_URL: testEnv().natsUrl,
      NATS_NAMESPACE: namespace,
      SMTP_URL: sink.url(),
      MAIL_POLL_MS: '20',
      MAIL_FROM: 'help@acme.test',
      MAIL_DOMAIN: 'mail.acme.test',
      REPLY_TOKEN_SECRET: SECRET,
    });
    clock = app.get(Clock);
    // Time moves only when a test says so (retry backoff).
    const realNow = clock.now.bind(clock);
    clock.now = () => new Date(realNow().getTime() + offsetMs);
    client = await connectTestClient(testEnv().natsUrl, namespace);
    core = new FakeTicketCore(app.get(NatsConnection)).start();
    for (const [id, name, email] of [
      [admin, 'Ada Admin', 'ada@agents.test'],
      [ana, 'Ana Agent', 'ana@agents.test'],
      [bo, 'Bo Agent', 'bo@agents.test'],
    ]) {
      core.agents.set(id, {
        id,
        workspaceId,
        name,
        email,
        role: id === admin ? 'admin' : 'agent',
        teamIds: [teamId],
        availability: 'online',
        signReplies: true,
        active: true,
      });
    }
    core.teams.push({
      id: teamId,
      workspaceId,
      name: 'Support',
      memberIds: [ana, bo],
      businessHours: null,
    });
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query(
      `INSERT INTO notification.workspaces (id, name, slug, created_at) VALUES ($1, 'Acme', 'acme', now())`,
      [workspaceId],
    );
  });

  afterAll(async () => {
    core?.stop();
    await db?.end();
    await client?.close();
    await app?.close();
    await sink.stop();
  });

  let number = 100;
  function newTicket(overrides: Partial<c.TicketSnapshotV1> = {}): c.TicketSnapshotV1 {
    number += 1;
    return {
      id: randomUUID(),
      number,
      channel: 'mail',
      subject: `Printer ${number}`,
      status: 'open',
      priority: 'normal',
      teamId: null,
      assigneeId: ana,
      customerId: randomUUID(),
      customerName: 'Erin',
      customerEmail: `erin${number}@customer.test`,
      labels: [],
      participantIds: [],
      publicToken: `public-token-${number}-abcdefghijklmnopqrstuvwxyz`,
      remindAt: null,
      autoSolveAt: null,
      ...overrides,
    };
  }

  function message(overrides: Partial<c.MessageV1> = {}): c.MessageV1 {
    return {
      id: randomUUID(),
      visibility: 'public',
      authorKind: 'agent',
      authorId: ana,
      authorName: 'Ana Agent',
      bodyText: 'Turn it off and on again.',
      bodyHtml: null,
      attachments: [],
      mail: null,
      createdAt: new Date().toISOString(),
      ...overrides,
    };
  }

  async function publish<S extends c.EventSubject>(
    subject: S,
    ticket: c.TicketSnapshotV1,
    extra: Omit<c.EventOf<S>, keyof c.TicketEventV1> & Partial<c.TicketEventV1>,
    id: string = randomUUID(),
  ): Promise<string> {
    const envelope: c.EventEnvelope = {
      id,
      type: subject,
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      workspaceId,
      data: {
        ticketId: ticket.id,
        number: ticket.number,
        actorKind: 'agent',
        actorId: ana,
        ticket,
        ...extra,
      },
    };
    const nats = app.get(NatsConnection);
    // A fresh msgID each time: JetStream's duplicate window lets a redelivery test through.
    await nats.js.publish(nats.subject(subject), JSON.stringify(envelope), { msgID: randomUUID() });
    return id;
  }

  const mailTo = (address: string, count = 1) =>
    waitFor(
      () => {
        const mails = sink.accepted.filter((mail) => mail.to.includes(address));
        return mails.length >= count && mails;
      },
      { description: `${count} mail(s) to ${address}` },
    );

  const parse = (mail: SunkMail) => PostalMime.parse(mail.raw);

  const outgoing = async (ticketId: string) =>
    (
      await db.query(
        `SELECT kind, state, attempts, last_error, message_id, recipient
           FROM notification.outgoing_mail WHERE ticket_id = $1 ORDER BY created_at`,
        [ticketId],
      )
    ).rows;

  it("mails an agent's public reply to the customer, threaded, with the reply token and the public link", async () => {
    const ticket = newTicket({ customerName: '<script>alert("x")</script> & Erin' });
    const inboundId = `<first-${ticket.number}@customer.test>`;
    core.mailboxes.set(ticket.id, 'support@acme.test');
    await publish(c.TICKET_CREATED_V1, ticket, {
      actorKind: 'customer',
      actorId: null,
      firstMessage: message({
        authorKind: 'customer',
        authorId: null,
        authorName: null,
        bodyText: 'It smokes.',
        mail: {
          messageId: inboundId,
          inReplyTo: null,
          references: [],
          inbound: null,
          delivery: null,
        },
      }),
    });
    // Events of different subjects are consumed independently: the reply comes later in life.
    await waitFor(
      async () =>
        (
          await db.query(`SELECT 1 FROM notification.ticket_threads WHERE $1 = ANY(message_ids)`, [
            inboundId,
          ])
        ).rowCount === 1,
    );
    const reply = message({ bodyText: 'Turn it off.\nThen <b>on</b>.' });
    await publish(c.TICKET_MESSAGE_ADDED_V1, ticket, { message: reply });
    // An internal note and the customer's own message send nothing.
    await publish(c.TICKET_MESSAGE_ADDED_V1, ticket, {
      message: message({ visibility: 'internal' }),
    });

    const [mail] = await mailTo(ticket.customerEmail!);
    const parsed = await parse(mail);
    // The sink has it; the sender records the outcome right after the relay's answer.
    const [row] = await waitFor(async () => {
      const rows = await outgoing(ticket.id);
      return rows[0]?.state === 'sent' && rows;
    });
    expect(row).toMatchObject({ kind: 'customer_reply', state: 'sent', attempts: 1 });
    expect(mail.messageId).toBe(row.message_id);
    expect(codec.verify(tokenOfMessageId(mail.messageId)!, workspaceId)).toBe(ticket.id);
    expect(headerOf(mail.raw, 'in-reply-to')).toBe(inboundId);
    expect(headerOf(mail.raw, 'references')).toBe(inboundId);
    const replyTo = parsed.replyTo![0].address!;
    expect(replyTo).toMatch(/^support\+r1[a-z2-7]{42}@acme\.test$/);
    expect(codec.verify(tokenOfAddress(replyTo)!, workspaceId)).toBe(ticket.id);
    expect(parsed.from).toMatchObject({ name: 'Acme', address: 'help@acme.test' });
    expect(parsed.subject).toBe(`Re: ${ticket.subject} [#${ticket.number}]`);
    expect(headerOf(mail.raw, 'auto-submitted')).toBeUndefined();
    expect(parsed.text).toContain('Turn it off.\nThen <b>on</b>.');
    expect(parsed.text).toContain(`https://help.acme.test/t/${ticket.publicToken}`);
    expect(parsed.text).toContain('Ana Agent');
    // Markup in the customer's name and the message stays text in the HTML part.
    expect(parsed.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Erin');
    expect(parsed.html).not.toContain('<script>');
    expect(parsed.html).toContain('Then &lt;b&gt;on&lt;/b&gt;.');
    expect(parsed.html).toContain(`href="https://help.acme.test/t/${ticket.publicToken}"`);

    const delivery = await waitFor(() => core.deliveries.find((d) => d.messageId === reply.id));
    expect(delivery).toMatchObject({
      ticketId: ticket.id,
      state: 'sent',
      mailMessageId: mail.messageId,
      recipient: ticket.customerEmail,
    });
    expect(await outgoing(ticket.id)).toHaveLength(1);
  });

  it('sends the next answer in reply to the previous one, and a redelivered event sends nothing more', async () => {
    const ticket = newTicket();
    const eventId = await publish(c.TICKET_MESSAGE_ADDED_V1, ticket, { message: message() });
    const [first] = await mailTo(ticket.customerEmail!);
    await publish(c.TICKET_MESSAGE_ADDED_V1, ticket, { message: message() }, eventId);
    await publish(c.TICKET_MESSAGE_ADDED_V1, ticket, { message: message({ bodyText: 'Second' }) });
    const mails = await mailTo(ticket.customerEmail!, 2);
    expect(headerOf(mails[1].raw, 'in-reply-to')).toBe(first.messageId);
    expect((await parse(mails[1])).text).toContain('Second');
    // The redelivered copy was recorded as processed already: two rows, two mails.
    await waitFor(async () => (await outgoing(ticket.id)).every((row) => row.state === 'sent'));
    expect(await outgoing(ticket.id)).toHaveLength(2);
    expect(sink.accepted.filter((m) => m.to.includes(ticket.customerEmail!))).toHaveLength(2);
  });

  it('chains a burst of answers to one ticket, in the order given, however they were batched', async () => {
    const ticket = newTicket();
    const count = 25;
    for (let i = 0; i < count; i += 1) {
      await publish(c.TICKET_MESSAGE_ADDED_V1, ticket, {
        message: message({ bodyText: `Answer number ${i}.` }),
      });
    }
    const mails = await mailTo(ticket.customerEmail!, count);
    const inOrder: string[] = [];
    for (const mail of mails) {
      const n = Number(/Answer number (\d+)\./.exec((await parse(mail)).text ?? '')?.[1]);
      inOrder[n] = mail.raw;
    }
    const ids = inOrder.map((raw) => headerOf(raw, 'message-id'));
    expect(new Set(ids).size).toBe(count);
    expect(headerOf(inOrder[0], 'in-reply-to')).toBeUndefined();
    for (let i = 1; i < count; i += 1) {
      expect(headerOf(inOrder[i], 'in-reply-to')).toBe(ids[i - 1]);
      // References: the thread before it, at most the 19 before it (a thread keeps 20).
      expect(headerOf(inOrder[i], 'references')?.split(/\s+/)).toEqual(
        ids.slice(Math.max(0, i - 19), i),
      );
    }
    const [thread] = (
      await db.query(`SELECT message_ids FROM notification.ticket_threads WHERE ticket_id = $1`, [
        ticket.id,
      ])
    ).rows;
    expect(thread.message_ids).toEqual(ids.slice(-20));
  });

  it('mails the solve summary with the public transcript, as automatic mail', async () => {
    const ticket = newTicket({ status: 'solved' });
    core.publicTickets.set(ticket.publicToken, {
      number: ticket.number,
      subject: ticket.subject,
      status: 'solved',
      createdAt: new Date().toISOString(),
      messages: [
        {
          id: randomUUID(),
          authorKind: 'customer',
          authorName: null,
          bodyText: 'It smokes.',
          bodyHtml: null,
          attachments: [],
          createdAt: '2026-12-07T09:58:00.000Z',
        },
        {
          id: randomUUID(),
          authorKind: 'agent',
          authorName: 'Ana Agent',
          bodyText: 'Fixed <now>.',
          bodyHtml: null,
          attachments: [],
          createdAt: '2026-12-07T10:02:00.000Z',
        },
      ],
    });
    await publish(c.TICKET_SOLVED_V1, ticket, { withSummary: false });
    await publish(c.TICKET_SOLVED_V1, newTicket({ customerEmail: null }), { withSummary: true });
    await publish(c.TICKET_SOLVED_V1, ticket, { withSummary: true });
    const mails = await mailTo(ticket.customerEmail!);
    const parsed = await parse(mails[0]);
    expect(parsed.subject).toBe(`Solved: ${ticket.subject} [#${ticket.number}]`);
    expect(parsed.text).toMatch(
      /Erin \(2026-12-07 09:58 UTC\):\nIt smokes\.[\s\S]*Ana Agent \(2026-12-07 10:02 UTC\):\nFixed <now>\./,
    );
    expect(parsed.html).toContain('Fixed &lt;now&gt;.');
    expect(headerOf(mails[0].raw, 'auto-submitted')).toBe('auto-generated');
    expect(headerOf(mails[0].raw, 'x-auto-response-suppress')).toBe('All');
    expect(codec.verify(tokenOfAddress(parsed.replyTo![0].address!)!, workspaceId)).toBe(ticket.id);
    expect(await outgoing(ticket.id)).toHaveLength(1);
  });

  it('answers a new mail with the auto-responder only where it is on, never to automatic mail', async () => {
    await client.rpc.request(c.SET_AUTO_RESPONDER_V1, {
      actor: agentActor(admin, 'admin'),
      address: 'Support@Acme.test',
      enabled: true,
    });
    const inbound = (to: string, noAutoReply = false): c.MessageV1 =>
      message({
        authorKind: 'customer',
        authorId: null,
        authorName: null,
        mail: {
          messageId: `<${randomUUID()}@customer.test>`,
          inReplyTo: null,
          references: [],
          inbound: { to: [to], noAutoReply },
          delivery: null,
        },
      });
    const automatic = newTicket({ assigneeId: null });
    const otherMailbox = newTicket({ assigneeId: null });
    const answered = newTicket({ assigneeId: null });
    const created = { actorKind: 'customer' as const, actorId: null };
    await publish(c.TICKET_CREATED_V1, automatic, {
      ...created,
      firstMessage: inbound('support@acme.test', true),
    });
    await publish(c.TICKET_CREATED_V1, otherMailbox, {
      ...created,
      firstMessage: inbound('sales@acme.test'),
    });
    await publish(c.TICKET_CREATED_V1, answered, {
      ...created,
      firstMessage: inbound('Support <support@acme.test>'),
    });
    const [mail] = await mailTo(answered.customerEmail!);
    const parsed = await parse(mail);
    expect(parsed.subject).toBe(
      `We received your request: ${answered.subject} [#${answered.number}]`,
    );
    expect(parsed.text).toContain('thank you for writing to Acme');
    expect(headerOf(mail.raw, 'auto-submitted')).toBe('auto-replied');
    expect(headerOf(mail.raw, 'x-auto-response-suppress')).toBe('All');
    expect(headerOf(mail.raw, 'in-reply-to')).toBe(
      (
        await db.query(
          `SELECT message_ids[1] AS id FROM notification.ticket_threads WHERE ticket_id = $1`,
          [answered.id],
        )
      ).rows[0].id,
    );
    // Events of one subject are handled in order: the two before were decided already.
    expect(await outgoing(automatic.id)).toEqual([]);
    expect(await outgoing(otherMailbox.id)).toEqual([]);
  });

  it('acknowledges a chat closed out of hours by mail', async () => {
    const ticket = newTicket({ channel: 'chat' });
    await publish(c.TICKET_INTAKE_CLOSED_V1, ticket, { actorKind: 'system', actorId: null });
    const [mail] = await mailTo(ticket.customerEmail!);
    const parsed = await parse(mail);
    expect(parsed.subject).toBe(`We will answer you by mail [#${ticket.number}]`);
    expect(parsed.text).toContain(`https://help.acme.test/t/${ticket.publicToken}`);
    expect(headerOf(mail.raw, 'auto-submitted')).toBe('auto-replied');
  });

  it('tells agents in-app and by mail what others gave them, and lists, counts and marks them read', async () => {
    const ticket = newTicket({ teamId, assigneeId: null });
    await publish(c.TICKET_CREATED_V1, ticket, {
      actorKind: 'customer',
      actorId: null,
      firstMessage: message({ authorKind: 'customer', bodyText: 'Hello team' }),
    });
    await publish(c.TICKET_ASSIGNED_V1, ticket, {
      actorId: admin,
      assigneeId: bo,
      teamId,
      previousAssigneeId: null,
      previousTeamId: teamId,
    });
    await publish(c.TICKET_ASSIGNED_V1, ticket, {
      actorId: bo,
      assigneeId: bo,
      teamId,
      previousAssigneeId: null,
      previousTeamId: teamId,
    });
    await publish(c.TICKET_PARTICIPANTS_CHANGED_V1, ticket, {
      actorId: bo,
      added: [ana, bo],
      removed: [],
    });
    await publish(
      c.TICKET_REMINDER_DUE_V1,
      { ...ticket, assigneeId: bo },
      { actorKind: 'system', actorId: null, assigneeId: bo, remindAt: new Date().toISOString() },
    );

    const list = await waitFor(async () => {
      const page = await client.rpc.request(c.LIST_NOTIFICATIONS_V1, { actor: agentActor(bo) });
      return page.items.length >= 3 && page;
    });
    expect(list.items.map((item) => item.kind).sort()).toEqual([
      'assigned',
      'reminder_due',
      'team_new_ticket',
    ]);
    expect(list.unread).toBe(3);
    expect(list.items.find((item) => item.kind === 'assigned')).toMatchObject({
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      title: `Ticket #${ticket.number} was assigned to you`,
      body: ticket.subject,
      readAt: null,
    });
    const anaList = await waitFor(async () => {
      const page = await client.rpc.request(c.LIST_NOTIFICATIONS_V1, { actor: agentActor(ana) });
      return page.items.length >= 2 && page;
    });
    expect(anaList.items.map((item) => item.kind).sort()).toEqual([
      'participant_added',
      'team_new_ticket',
    ]);

    // By mail: assigned and the reminder to Bo, the invitation to Ana; a new team ticket is in-app only.
    const boMails = await mailTo('bo@agents.test', 2);
    const subjects = (await Promise.all(boMails.map(parse))).map((m) => m.subject).sort();
    expect(subjects).toEqual([
      `#${ticket.number} was assigned to you: ${ticket.subject}`,
      `Reminder: #${ticket.number} ${ticket.subject}`,
    ]);
    const assignedMail = boMails.find((m) => m.raw.includes('assigned'))!;
    expect((await parse(assignedMail)).text).toContain('Ada Admin assigned ticket');
    expect(headerOf(assignedMail.raw, 'auto-submitted')).toBe('auto-generated');
    expect(headerOf(assignedMail.raw, 'reply-to')).toBeUndefined();
    const [anaMail] = await mailTo('ana@agents.test');
    expect((await parse(anaMail)).subject).toBe(
      `You take part in #${ticket.number}: ${ticket.subject}`,
    );
    await waitFor(async () => (await outgoing(ticket.id)).every((row) => row.state === 'sent'));
    expect((await outgoing(ticket.id)).map((row) => row.kind).sort()).toEqual([
      'assigned',
      'participant_added',
      'reminder_due',
    ]);

    const assigned = list.items.find((item) => item.kind === 'assigned')!;
    expect(
      await client.rpc.request(c.MARK_NOTIFICATIONS_READ_V1, {
        actor: agentActor(bo),
        ids: [assigned.id],
      }),
    ).toEqual({ unread: 2 });
    expect(
      await client.rpc.request(c.COUNT_UNREAD_NOTIFICATIONS_V1, { actor: agentActor(bo) }),
    ).toEqual({ unread: 2 });
    const unreadOnly = await client.rpc.request(c.LIST_NOTIFICATIONS_V1, {
      actor: agentActor(bo),
      unreadOnly: true,
    });
    expect(unreadOnly.items.map((item) => item.id)).not.toContain(assigned.id);
    // Another agent's ids mark nothing of Bo's.
    await client.rpc.request(c.MARK_NOTIFICATIONS_READ_V1, { actor: agentActor(ana), all: true });
    expect(
      await client.rpc.request(c.COUNT_UNREAD_NOTIFICATIONS_V1, { actor: agentActor(bo) }),
    ).toEqual({ unread: 2 });
    expect(
      await client.rpc.request(c.COUNT_UNREAD_NOTIFICATIONS_V1, { actor: agentActor(ana) }),
    ).toEqual({ unread: 0 });
  });

  it("follows an agent's email preferences: in-app always, by mail only the kinds chosen", async () => {
    const carl = randomUUID();
    core.agents.set(carl, {
      id: carl,
      workspaceId,
      name: 'Carl Agent',
      email: 'carl@agents.test',
      role: 'agent',
      teamIds: [teamId],
      availability: 'online',
      signReplies: false,
      active: true,
    });
    expect(
      await client.rpc.request(c.UPDATE_NOTIFICATION_PREFERENCES_V1, {
        actor: agentActor(carl),
        emailKinds: ['team_new_ticket'],
      }),
    ).toEqual({ emailKinds: ['team_new_ticket'] });
    expect(
      await client.rpc.request(c.GET_NOTIFICATION_PREFERENCES_V1, { actor: agentActor(carl) }),
    ).toEqual({ emailKinds: ['team_new_ticket'] });
    const other = randomUUID();
    core.teams.push({
      id: other,
      workspaceId,
      name: 'Billing',
      memberIds: [carl],
      businessHours: null,
    });
    const ticket = newTicket({ teamId: other, assigneeId: null });
    await publish(c.TICKET_ASSIGNED_V1, ticket, {
      actorId: admin,
      assigneeId: carl,
      teamId: other,
      previousAssigneeId: null,
      previousTeamId: other,
    });
    await publish(c.TICKET_CREATED_V1, ticket, {
      actorKind: 'customer',
      actorId: null,
      firstMessage: message({ authorKind: 'customer', bodyText: 'Billing question' }),
    });
    const [mail] = await mailTo('carl@agents.test');
    expect((await parse(mail)).subject).toBe(
      `New ticket #${ticket.number} in your team: ${ticket.subject}`,
    );
    const page = await waitFor(async () => {
      const list = await client.rpc.request(c.LIST_NOTIFICATIONS_V1, { actor: agentActor(carl) });
      return list.items.length >= 2 && list;
    });
    expect(page.items.map((item) => item.kind).sort()).toEqual(['assigned', 'team_new_ticket']);
    await waitFor(async () => (await outgoing(ticket.id)).every((row) => row.state === 'sent'));
    expect((await outgoing(ticket.id)).map((row) => row.kind)).toEqual(['team_new_ticket']);
  });

  it('tries again after 451 with backoff, and the relay gets the mail exactly once', async () => {
    const ticket = newTicket();
    let refused = 0;
    sink.answer = (mail) => {
      if (!mail.to.includes(ticket.customerEmail!) || refused > 0) return undefined;
      refused += 1;
      return { code: 451, message: '4.3.0 try again later' };
    };
    const reply = message();
    await publish(c.TICKET_MESSAGE_ADDED_V1, ticket, { message: reply });
    const [failed] = await waitFor(async () => {
      const rows = await outgoing(ticket.id);
      return rows[0]?.last_error && rows;
    });
    expect(failed).toMatchObject({ state: 'queued', attempts: 1 });
    expect(failed.last_error).toContain('451');
    // The desk sees it queued, with the reason, while it waits.
    const queued = await waitFor(() => core.deliveries.find((d) => d.messageId === reply.id));
    expect(queued).toMatchObject({ state: 'queued', reason: expect.stringContaining('451') });
    expect(sink.accepted.filter((m) => m.to.includes(ticket.customerEmail!))).toHaveLength(0);
    offsetMs += 1500; // past the first backoff (1 s)
    const [mail] = await mailTo(ticket.customerEmail!);
    expect(mail.messageId).toBe(failed.message_id);
    await waitFor(() =>
      core.deliveries.find((d) => d.messageId === reply.id && d.state === 'sent'),
    );
    expect(await outgoing(ticket.id)).toMatchObject([{ state: 'sent', attempts: 2 }]);
    expect(sink.byMessageId(mail.messageId)).toHaveLength(1);
    sink.answer = () => undefined;
  });

  it('fails on 550, suppresses the address until an admin clears it, and the ticket hears of it', async () => {
    const ticket = newTicket({ customerEmail: `gone${number}@customer.test` });
    sink.answer = (mail) =>
      mail.to.includes(ticket.customerEmail!)
        ? { code: 550, message: '5.1.1 no such user' }
        : undefined;
    const first = message();
    await publish(c.TICKET_MESSAGE_ADDED_V1, ticket, { message: first });
    const failure = await waitFor(() => core.deliveries.find((d) => d.messageId === first.id));
    expect(failure).toMatchObject({ state: 'failed', recipient: ticket.customerEmail });
    expect(failure.reason).toContain('5.1.1 no such user');
    const adminActor = agentActor(admin, 'admin');
    const suppressed = await client.rpc.request(c.LIST_SUPPRESSIONS_V1, { actor: adminActor });
    expect(suppressed.items).toContainEqual(
      expect.objectContaining({ address: ticket.customerEmail }),
    );

    const attemptsBefore = sink.attempts;
    const second = message();
    await publish(c.TICKET_MESSAGE_ADDED_V1, ticket, { message: second });
    const skipped = await waitFor(() => core.deliveries.find((d) => d.messageId === second.id));
    expect(skipped.reason).toContain('suppression list');
    expect(sink.attempts).toBe(attemptsBefore);

    await expect(
      client.rpc.request(c.LIST_SUPPRESSIONS_V1, { actor: agentActor(ana) }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await client.rpc.request(c.CLEAR_SUPPRESSION_V1, {
        actor: adminActor,
        address: ticket.customerEmail!,
      }),
    ).toEqual({ cleared: true });
    sink.answer = () => undefined;
    const third = message();
    await publish(c.TICKET_MESSAGE_ADDED_V1, ticket, { message: third });
    await mailTo(ticket.customerEmail!);
  });

  it('renders a workspace template an admin edited, previews edits, and refuses one that does not compile', async () => {
    const adminActor = agentActor(admin, 'admin');
    const preview = await client.rpc.request(c.PREVIEW_TEMPLATE_V1, {
      actor: adminActor,
      kind: 'customer_reply',
      html: '<p>Dear {{customer_name}}</p>',
    });
    expect(preview.html).toBe('<p>Dear Erin &lt;Example&gt;</p>');
    expect(preview.subject).toBe('Re: The printer is on fire [#1042]');
    await expect(
      client.rpc.request(c.UPDATE_TEMPLATE_V1, {
        actor: adminActor,
        kind: 'customer_reply',
        subject: '{{#if}}',
        text: '',
        html: '',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      client.rpc.request(c.UPDATE_TEMPLATE_V1, {
        actor: agentActor(ana),
        kind: 'customer_reply',
        subject: 'x',
        text: 'x',
        html: 'x',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const saved = await client.rpc.request(c.UPDATE_TEMPLATE_V1, {
      actor: adminActor,
      kind: 'customer_reply',
      subject: '[{{workspace_name}} #{{ticket_number}}] {{ticket_subject}}',
      text: 'Hi {{customer_name}}: {{message}} ({{ticket_url}})',
      html: '<p>Hi {{customer_name}}: {{message}}</p>',
    });
    expect(saved).toMatchObject({ kind: 'customer_reply', custom: true });
    const list = await client.rpc.request(c.LIST_TEMPLATES_V1, { actor: adminActor });
    expect(list.items.find((t) => t.kind === 'customer_reply')).toMatchObject({ custom: true });
    expect(list.items.find((t) => t.kind === 'solve_summary')).toMatchObject({ custom: false });

    const ticket = newTicket({ customerName: 'Zoë <Z>' });
    await publish(c.TICKET_MESSAGE_ADDED_V1, ticket, { message: message({ bodyText: 'Done' }) });
    const parsed = await parse((await mailTo(ticket.customerEmail!))[0]);
    expect(parsed.subject).toBe(`[Acme #${ticket.number}] ${ticket.subject}`);
    expect(parsed.text?.trim()).toBe(
      `Hi Zoë <Z>: Done (https://help.acme.test/t/${ticket.publicToken})`,
    );
    expect(parsed.html).toContain('<p>Hi Zoë &lt;Z&gt;: Done</p>');
    await client.rpc.request(c.RESET_TEMPLATE_V1, { actor: adminActor, kind: 'customer_reply' });
  });
});
