import { describe, expect, it } from '@jest/globals';
import * as c from '@switchboard/contracts';
import { planFor } from './notification-plan';

const ANA = '11111111-1111-4111-8111-111111111111';
const BO = '22222222-2222-4222-8222-222222222222';

const ticket = (overrides: Partial<c.TicketSnapshotV1> = {}): c.TicketSnapshotV1 => ({
  id: '33333333-3333-4333-8333-333333333333',
  number: 7,
  channel: 'mail',
  subject: 'Help',
  status: 'open',
  priority: 'normal',
  teamId: null,
  assigneeId: ANA,
  customerId: '44444444-4444-4444-8444-444444444444',
  customerName: 'Erin',
  customerEmail: 'erin@customer.test',
  labels: [],
  participantIds: [],
  publicToken: 'token',
  remindAt: null,
  autoSolveAt: null,
  ...overrides,
});

const event = (extra: object, snapshot = ticket()) => ({
  ticketId: snapshot.id,
  number: snapshot.number,
  actorKind: 'agent' as const,
  actorId: ANA,
  ticket: snapshot,
  ...extra,
});

const message = (overrides: Partial<c.MessageV1> = {}): c.MessageV1 => ({
  id: '55555555-5555-4555-8555-555555555555',
  visibility: 'public',
  authorKind: 'agent',
  authorId: ANA,
  authorName: null,
  bodyText: 'Hi',
  bodyHtml: null,
  attachments: [],
  mail: null,
  createdAt: '2026-12-07T10:00:00.000Z',
  ...overrides,
});

describe('planFor', () => {
  it("mails an agent's public reply to the customer, with the message to report on", () => {
    expect(planFor(c.TICKET_MESSAGE_ADDED_V1, event({ message: message() }))).toEqual([
      {
        audience: 'customer',
        kind: 'customer_reply',
        recipient: 'erin@customer.test',
        ticketMessageId: message().id,
      },
    ]);
  });

  it('mails no note, no customer message, no live chat reply, and nothing without an address', () => {
    const none = [
      event({ message: message({ visibility: 'internal' }) }),
      event({ message: message({ authorKind: 'customer' }) }),
      event({ message: message() }, ticket({ channel: 'chat' })),
      event({ message: message() }, ticket({ customerEmail: null })),
    ];
    for (const data of none) expect(planFor(c.TICKET_MESSAGE_ADDED_V1, data)).toEqual([]);
  });

  it('mails the summary only when the solve asked for it', () => {
    expect(planFor(c.TICKET_SOLVED_V1, event({ withSummary: false }))).toEqual([]);
    expect(planFor(c.TICKET_SOLVED_V1, event({ withSummary: true }))).toEqual([
      { audience: 'customer', kind: 'solve_summary', recipient: 'erin@customer.test' },
    ]);
  });

  it('tells an agent of work someone else gave them, never of their own doing', () => {
    const assigned = (assigneeId: string) =>
      planFor(c.TICKET_ASSIGNED_V1, event({ assigneeId, actorId: ANA }));
    expect(assigned(BO)).toEqual([{ audience: 'agent', kind: 'assigned', agentId: BO }]);
    expect(assigned(ANA)).toEqual([]);
    expect(
      planFor(c.TICKET_PARTICIPANTS_CHANGED_V1, event({ added: [ANA, BO], removed: [] })),
    ).toEqual([{ audience: 'agent', kind: 'participant_added', agentId: BO }]);
  });

  it("reminds the assignee, from the event or the ticket's snapshot", () => {
    expect(planFor(c.TICKET_REMINDER_DUE_V1, event({ assigneeId: null }))).toEqual([
      { audience: 'agent', kind: 'reminder_due', agentId: ANA },
    ]);
    expect(
      planFor(c.TICKET_REMINDER_DUE_V1, event({ assigneeId: null }, ticket({ assigneeId: null }))),
    ).toEqual([]);
  });

  it('ignores events it has no rule for', () => {
    expect(planFor(c.TICKET_LABELS_CHANGED_V1, event({ added: ['x'], removed: [] }))).toEqual([]);
  });
});

describe('a chat that continues by mail, and access requests', () => {
  it('mails the customer the conversation they asked for, when there is an address', () => {
    expect(planFor(c.TICKET_TRANSCRIPT_REQUESTED_V1, event({}, ticket()))).toEqual([
      { audience: 'customer', kind: 'chat_transcript', recipient: 'erin@customer.test' },
    ]);
    expect(
      planFor(c.TICKET_TRANSCRIPT_REQUESTED_V1, event({}, ticket({ customerEmail: null }))),
    ).toEqual([]);
  });

  it('mails the customer the chat so far when it continues by mail', () => {
    expect(
      planFor(c.TICKET_CHANNEL_CHANGED_V1, event({ from: 'chat', to: 'mail' }, ticket())),
    ).toEqual([
      { audience: 'customer', kind: 'continue_by_mail', recipient: 'erin@customer.test' },
    ]);
    expect(
      planFor(
        c.TICKET_CHANNEL_CHANGED_V1,
        event({ from: 'chat', to: 'mail' }, ticket({ customerEmail: null })),
      ),
    ).toEqual([]);
  });

  it('tells the assignee who asks to join, never the one who asks', () => {
    const request = { requestId: '66666666-6666-4666-8666-666666666666', agentId: BO };
    expect(planFor(c.TICKET_ACCESS_REQUESTED_V1, { ...event(request), actorId: BO })).toEqual([
      { audience: 'agent', kind: 'access_requested', agentId: ANA },
    ]);
    expect(
      planFor(c.TICKET_ACCESS_REQUESTED_V1, event(request, ticket({ assigneeId: null }))),
    ).toEqual([]);
  });
});
