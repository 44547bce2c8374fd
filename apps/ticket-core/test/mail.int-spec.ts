import * as c from '@switchboard/contracts';
import { ErrorCode } from '@switchboard/contracts';
import {
  InProcessHarness,
  outcome,
  startInProcessHarness,
  TestNatsClient,
} from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ticketCoreService } from '../src/service';
import {
  AgentFixture,
  WorkspaceFixture,
  agentActor,
  newAgent,
  newTeam,
  newWorkspace,
  systemActor,
} from './factories';

const KEY = 'b'.repeat(64);
const INBOUND: c.InboundMailV1 = {
  from: 'Erin <erin@customer.test>',
  to: ['support@acme.test'],
  cc: ['boss@customer.test'],
  authentication: { spf: 'pass', dkim: 'fail', dmarc: 'none' },
  quotedText: '> earlier words',
  noAutoReply: true,
};

describe('mail: inbound details, threading by Message-ID, delivery outcomes', () => {
  let harness: InProcessHarness;
  let client: TestNatsClient;
  let workspace: WorkspaceFixture;
  let other: WorkspaceFixture;
  let admin: AgentFixture;
  let outsider: AgentFixture;

  const system = () => systemActor(workspace.id);
  const detail = (ticketId: string) =>
    client.rpc.request(c.GET_TICKET_V1, { actor: agentActor(admin), ticketId });
  const find = (actor: c.Actor, messageIds: string[]) =>
    client.rpc.request(c.FIND_TICKET_BY_MAIL_V1, { actor, messageIds });

  async function mailTicket(messageId: string, teamId?: string) {
    return client.rpc.request(c.CREATE_TICKET_V1, {
      actor: system(),
      channel: 'mail',
      subject: 'The printer is on fire',
      body: 'It smokes.',
      customer: { email: 'erin@customer.test', name: 'Erin' },
      mailboxAddress: 'support@acme.test',
      teamId,
      mail: { messageId, inbound: INBOUND },
    });
  }

  beforeAll(async () => {
    harness = await startInProcessHarness(ticketCoreService, 'mail');
    client = harness.client;
    workspace = await newWorkspace(harness.db);
    other = await newWorkspace(harness.db);
    admin = await newAgent(harness.db, workspace.id, { role: 'admin' });
    // With teams, visibility is team-scoped: the outsider sees only their own team's tickets.
    const elsewhere = await newTeam(harness.db, workspace.id);
    outsider = await newAgent(harness.db, workspace.id, { teamIds: [elsewhere.id] });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('keeps an inbound mail’s sender, recipients, authentication and quoted history', async () => {
    const ticket = await mailTicket('<in-1@customer.test>');
    const [message] = (await detail(ticket.id)).messages;
    expect(message.mail).toMatchObject({ messageId: '<in-1@customer.test>', inbound: INBOUND });
    expect(message.mail?.delivery).toBeNull();
  });

  it('creates a mail ticket of files only, the files on its first message', async () => {
    const attachment = { key: KEY, name: 'photo.jpg', contentType: 'image/jpeg', size: 10 };
    const ticket = await client.rpc.request(c.CREATE_TICKET_V1, {
      actor: system(),
      channel: 'mail',
      subject: 'See attached',
      customer: { email: 'erin@customer.test' },
      attachments: [attachment],
    });
    const [message] = (await detail(ticket.id)).messages;
    expect(message).toMatchObject({ bodyText: '', attachments: [attachment] });
  });

  it('finds the ticket of a known Message-ID, in its own workspace and for who may see it', async () => {
    const team = await newTeam(harness.db, workspace.id);
    const ticket = await mailTicket('<in-2@customer.test>', team.id);
    expect(await find(system(), ['<nope@x.test>', '<in-2@customer.test>'])).toEqual({
      ticketId: ticket.id,
      number: ticket.number,
    });
    expect(await find(system(), ['<nope@x.test>'])).toEqual({ ticketId: null, number: null });
    expect(await find(systemActor(other.id), ['<in-2@customer.test>'])).toEqual({
      ticketId: null,
      number: null,
    });
    // The outsider's team is not the ticket's: the ticket is not theirs to find.
    expect((await find(agentActor(outsider), ['<in-2@customer.test>'])).ticketId).toBeNull();
  });

  it('records a sent mail on its message, whose Message-ID then threads replies back', async () => {
    const ticket = await mailTicket('<in-3@customer.test>');
    const reply = await client.rpc.request(c.REPLY_TICKET_V1, {
      actor: agentActor(admin),
      ticketId: ticket.id,
      body: 'We are on it.',
    });
    const recorded = await client.rpc.request(c.RECORD_DELIVERY_V1, {
      actor: system(),
      ticketId: ticket.id,
      messageId: reply.message.id,
      mailMessageId: '<out-3@acme.test>',
      state: 'sent',
      recipient: 'erin@customer.test',
    });
    expect(recorded).toEqual({ messageId: reply.message.id, state: 'sent' });
    const sent = (await detail(ticket.id)).messages.find((m) => m.id === reply.message.id);
    expect(sent?.mail).toMatchObject({
      messageId: '<out-3@acme.test>',
      delivery: { state: 'sent', recipient: 'erin@customer.test', reason: null },
    });
    expect((await find(system(), ['<out-3@acme.test>'])).ticketId).toBe(ticket.id);
  });

  it('records a failure by the Message-ID it went out with, and says so in a system note', async () => {
    const ticket = await mailTicket('<in-4@customer.test>');
    const reply = await client.rpc.request(c.REPLY_TICKET_V1, {
      actor: agentActor(admin),
      ticketId: ticket.id,
      body: 'Here is your answer.',
    });
    await client.rpc.request(c.RECORD_DELIVERY_V1, {
      actor: system(),
      ticketId: ticket.id,
      messageId: reply.message.id,
      mailMessageId: '<out-4@acme.test>',
      state: 'sent',
    });
    await client.rpc.request(c.RECORD_DELIVERY_V1, {
      actor: system(),
      ticketId: ticket.id,
      mailMessageId: '<out-4@acme.test>',
      state: 'failed',
      recipient: 'erin@customer.test',
      reason: '550 5.1.1 mailbox unknown',
    });
    const { messages, history } = await detail(ticket.id);
    expect(messages.find((m) => m.id === reply.message.id)?.mail?.delivery).toMatchObject({
      state: 'failed',
      reason: '550 5.1.1 mailbox unknown',
    });
    expect(messages.at(-1)).toMatchObject({
      visibility: 'internal',
      authorKind: 'system',
      bodyText: 'Mail to erin@customer.test could not be delivered: 550 5.1.1 mailbox unknown',
    });
    expect(history.map((entry) => entry.action)).toContain('note-added');
  });

  it('takes delivery outcomes from the mail services only, and knows no message it lacks', async () => {
    const ticket = await mailTicket('<in-5@customer.test>');
    const record = (actor: c.Actor, mailMessageId: string) =>
      client.rpc.request(c.RECORD_DELIVERY_V1, {
        actor,
        ticketId: ticket.id,
        mailMessageId,
        state: 'failed',
      });
    expect(await outcome(record(agentActor(admin), '<in-5@customer.test>'))).toBe(
      ErrorCode.FORBIDDEN,
    );
    expect(await outcome(record(system(), '<unknown@acme.test>'))).toBe(ErrorCode.NOT_FOUND);
    expect(await outcome(record(systemActor(other.id), '<in-5@customer.test>'))).toBe(
      ErrorCode.NOT_FOUND,
    );
  });

  it('records a round of outcomes in one request, a message that is not there as null', async () => {
    const ticket = await mailTicket('<in-6@customer.test>');
    const [sent, failed] = await Promise.all(
      ['First answer.', 'Second answer.'].map((body) =>
        client.rpc.request(c.REPLY_TICKET_V1, {
          actor: agentActor(admin),
          ticketId: ticket.id,
          body,
        }),
      ),
    );
    const record = (actor: c.Actor, deliveries: c.DeliveryReportV1[]) =>
      client.rpc.request(c.RECORD_DELIVERIES_V1, { actor, deliveries });
    const reports: c.DeliveryReportV1[] = [
      {
        ticketId: ticket.id,
        messageId: sent.message.id,
        mailMessageId: '<out-6a@acme.test>',
        state: 'sent',
        recipient: 'erin@customer.test',
      },
      { ticketId: ticket.id, mailMessageId: '<never-sent@acme.test>', state: 'sent' },
      {
        ticketId: ticket.id,
        messageId: failed.message.id,
        mailMessageId: '<out-6b@acme.test>',
        state: 'failed',
        reason: '550 5.1.1 mailbox unknown',
      },
    ];
    expect(await outcome(record(agentActor(admin), reports))).toBe(ErrorCode.FORBIDDEN);
    // Another workspace's mail service names no message of this one.
    expect(await record(systemActor(other.id), reports)).toEqual({
      messageIds: [null, null, null],
    });
    expect((await detail(ticket.id)).messages.every((m) => !m.mail?.delivery)).toBe(true);

    expect(await record(system(), reports)).toEqual({
      messageIds: [sent.message.id, null, failed.message.id],
    });
    const { messages } = await detail(ticket.id);
    expect(messages.find((m) => m.id === sent.message.id)?.mail).toMatchObject({
      messageId: '<out-6a@acme.test>',
      delivery: { state: 'sent', recipient: 'erin@customer.test', reason: null },
    });
    expect(messages.find((m) => m.id === failed.message.id)?.mail?.delivery).toMatchObject({
      state: 'failed',
      reason: '550 5.1.1 mailbox unknown',
    });
    expect(messages.at(-1)?.bodyText).toBe(
      'Mail could not be delivered: 550 5.1.1 mailbox unknown',
    );
    expect((await find(system(), ['<out-6a@acme.test>'])).ticketId).toBe(ticket.id);
  });
});
