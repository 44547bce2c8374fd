import * as c from '@switchboard/contracts';
import { Actor, ErrorCode } from '@switchboard/contracts';
import { ServiceException } from '@switchboard/messaging';
import {
  expectWith,
  InProcessHarness,
  rejection,
  startInProcessHarness,
  TestNatsClient,
} from '@switchboard/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ticketCoreService } from '../src/service';
import { agentActor, newAccessRequest, newAgent, newTeam, newTicket } from './factories';

/*
 * Bad input, over every request subject ticket-core answers: each is refused with
 * VALIDATION_FAILED naming the offending fields, and nothing is written.
 */

const TICKET_CORE_PING = 'helpdesk.qry.ticket-core.ping.v1' satisfies ReturnType<
  typeof c.pingSubject
>;

/** notification's own commands and queries (in-app notifications, templates, suppressions). */
type NotificationSubject = Extract<
  c.RequestSubject,
  `helpdesk.${'cmd' | 'qry'}.notification.${string}`
>;
const notificationSubjects = {
  [c.LIST_NOTIFICATIONS_V1]: true,
  [c.COUNT_UNREAD_NOTIFICATIONS_V1]: true,
  [c.MARK_NOTIFICATIONS_READ_V1]: true,
  [c.LIST_TEMPLATES_V1]: true,
  [c.UPDATE_TEMPLATE_V1]: true,
  [c.RESET_TEMPLATE_V1]: true,
  [c.PREVIEW_TEMPLATE_V1]: true,
  [c.LIST_SUPPRESSIONS_V1]: true,
  [c.CLEAR_SUPPRESSION_V1]: true,
  [c.GET_NOTIFICATION_PREFERENCES_V1]: true,
  [c.UPDATE_NOTIFICATION_PREFERENCES_V1]: true,
  [c.SET_AUTO_RESPONDER_V1]: true,
  'helpdesk.qry.notification.ping.v1': true,
} as const;

/** knowledge-base's own commands and queries (articles, categories, search, public pages). */
type KnowledgeBaseSubject = Extract<c.RequestSubject, `helpdesk.${'cmd' | 'qry'}.kb-${string}`>;
const knowledgeBaseSubjects = Object.fromEntries(
  Object.keys(c.requestRoutes)
    .filter((subject) => /^helpdesk\.(cmd|qry)\.kb-/.test(subject))
    .map((subject) => [subject, true]),
) as Record<KnowledgeBaseSubject, true>;

/** Request subjects other services answer; every other one is ticket-core's and needs a row. */
const answeredElsewhere: Record<
  | typeof c.UPSERT_MAILBOX_V1
  | typeof c.LIST_MAILBOXES_V1
  | typeof c.LIST_INBOUND_MAILS_V1
  | typeof c.REPLAY_INBOUND_MAIL_V1
  | typeof c.SET_CREDENTIALS_V1
  | typeof c.VERIFY_ACCESS_TOKEN_V1
  | typeof c.GET_WIDGET_SETTINGS_V1
  | typeof c.UPDATE_WIDGET_SETTINGS_V1
  | NotificationSubject
  | KnowledgeBaseSubject
  | Exclude<ReturnType<typeof c.pingSubject>, typeof TICKET_CORE_PING>,
  true
> = {
  [c.UPSERT_MAILBOX_V1]: true,
  [c.LIST_MAILBOXES_V1]: true,
  [c.LIST_INBOUND_MAILS_V1]: true,
  [c.REPLAY_INBOUND_MAIL_V1]: true,
  [c.SET_CREDENTIALS_V1]: true,
  [c.VERIFY_ACCESS_TOKEN_V1]: true,
  [c.GET_WIDGET_SETTINGS_V1]: true,
  [c.UPDATE_WIDGET_SETTINGS_V1]: true,
  ...notificationSubjects,
  ...knowledgeBaseSubjects,
  'helpdesk.qry.api-gateway.ping.v1': true,
  'helpdesk.qry.mail-ingest.ping.v1': true,
  'helpdesk.qry.chat-gateway.ping.v1': true,
  'helpdesk.qry.knowledge-base.ping.v1': true,
};
type Subject = Exclude<c.RequestSubject, keyof typeof answeredElsewhere>;

/** Real rows the valid payloads point at: a request that slipped past validation would act. */
interface Fixture {
  actor: Actor;
  ticketId: string;
  otherTicketId: string;
  ticketNumber: number;
  publicToken: string;
  customerId: string;
  cannedReplyId: string;
  requestId: string;
}

/** Fields of the subject's payload class, each set to anything (undefined leaves it out). */
type Override<S extends Subject> = { [K in keyof c.RequestOf<S>]?: unknown };
/** What is wrong, the fields changed from the valid payload, the fields the error must name. */
type Case<S extends Subject> = [why: string, override: Override<S>, fields: string[]];

interface Row<S extends Subject> {
  /** A payload that passes validation (the cases change it). */
  valid: (fx: Fixture) => c.RequestOf<S>;
  invalid: [Case<S>, ...Case<S>[]];
}

const LATER = '2099-01-01T09:00:00.000Z';
const UUID = '00000000-0000-4000-8000-000000000001';
const STORAGE_KEY = 'a'.repeat(64);
/** An actor that names no workspace: for the queries whose payload is the actor alone. */
const NO_WORKSPACE = { kind: 'agent', teamIds: [] };

/** Every subject ticket-core answers, with a valid payload and at least one invalid change. */
const table: { [S in Subject]: Row<S> } = {
  [c.CREATE_WORKSPACE_V1]: {
    valid: () => ({ name: 'Valid', slug: 'valid-slug' }),
    invalid: [
      ['a slug with capitals and spaces', { slug: 'Not A Slug' }, ['slug']],
      ['no name', { name: undefined }, ['name']],
      ['a name that is no string', { name: 42 }, ['name']],
    ],
  },
  [c.UPSERT_AGENT_V1]: {
    valid: ({ actor }) => ({
      actor,
      name: 'New Agent',
      email: 'new-agent@example.com',
      role: 'agent',
      teamIds: [],
    }),
    invalid: [
      ['a malformed email', { email: 'nope' }, ['email']],
      ['an unknown role', { role: 'owner' }, ['role']],
      ['a team id that is no uuid', { teamIds: ['team-x'] }, ['teamIds']],
    ],
  },
  [c.SET_AVAILABILITY_V1]: {
    valid: ({ actor }) => ({ actor, availability: 'away' }),
    invalid: [['an unknown availability', { availability: 'busy' }, ['availability']]],
  },
  [c.CREATE_TEAM_V1]: {
    valid: ({ actor }) => ({ actor, name: 'New Team' }),
    invalid: [
      ['an empty name', { name: '' }, ['name']],
      ['no name', { name: undefined }, ['name']],
    ],
  },
  [c.UPDATE_TEAM_V1]: {
    valid: ({ actor }) => ({ actor, teamId: UUID, businessHours: null }),
    invalid: [
      ['a team id that is no uuid', { teamId: 'team-x' }, ['teamId']],
      ['hours that are no object', { businessHours: 'always' }, ['businessHours']],
      ['an empty name', { name: '' }, ['name']],
    ],
  },
  [c.LIST_AGENTS_V1]: {
    valid: ({ actor }) => ({ actor }),
    invalid: [['an actor without a workspace', { actor: NO_WORKSPACE }, ['actor.workspaceId']]],
  },
  [c.GET_AGENT_V1]: {
    valid: ({ actor }) => ({ actor, agentId: actor.agentId! }),
    invalid: [['an agent id that is no uuid', { agentId: 'me' }, ['agentId']]],
  },
  [c.GET_WORKSPACE_SETTINGS_V1]: {
    valid: ({ actor }) => ({ actor }),
    invalid: [['an actor without a workspace', { actor: NO_WORKSPACE }, ['actor.workspaceId']]],
  },
  [c.UPDATE_WORKSPACE_SETTINGS_V1]: {
    valid: ({ actor }) => ({ actor, reopenWindowDays: 7 }),
    invalid: [
      ['a reopen window over a year', { reopenWindowDays: 366 }, ['reopenWindowDays']],
      [
        'a base URL that is not http',
        { publicBaseUrl: 'ftp://desk.example.com' },
        ['publicBaseUrl'],
      ],
      [
        'an opening period that starts at 25:00',
        {
          businessHours: {
            timeZone: 'Europe/Berlin',
            periods: [{ day: 'mon', start: '25:00', end: '17:00' }],
          },
        },
        ['businessHours.periods.0.start'],
      ],
      [
        'business hours as a list',
        { businessHours: [{ timeZone: 'Europe/Berlin', periods: [] }] },
        ['businessHours'],
      ],
      [
        'an attachment type that is no MIME type',
        { attachmentTypes: ['pdf'] },
        ['attachmentTypes'],
      ],
    ],
  },
  [c.LIST_LABELS_V1]: {
    valid: ({ actor }) => ({ actor }),
    invalid: [['an actor without a workspace', { actor: NO_WORKSPACE }, ['actor.workspaceId']]],
  },
  [c.LIST_TEAMS_V1]: {
    valid: ({ actor }) => ({ actor }),
    invalid: [['an actor without a workspace', { actor: NO_WORKSPACE }, ['actor.workspaceId']]],
  },
  [c.UPDATE_CUSTOMER_V1]: {
    valid: ({ actor, customerId }) => ({ actor, customerId, name: 'Renamed' }),
    invalid: [
      ['a customer id that is no uuid', { customerId: 'nope' }, ['customerId']],
      ['a malformed email', { email: 'not-an-email' }, ['email']],
    ],
  },
  [c.LINK_CUSTOMER_V1]: {
    valid: ({ actor }) => ({ actor, email: 'linked@example.com' }),
    invalid: [
      ['a malformed email', { email: 'linked' }, ['email']],
      ['an empty external id', { externalId: '' }, ['externalId']],
    ],
  },
  [c.GET_CUSTOMER_V1]: {
    valid: ({ actor, customerId }) => ({ actor, customerId }),
    invalid: [['no customer id', { customerId: undefined }, ['customerId']]],
  },
  [c.CREATE_TICKET_V1]: {
    valid: ({ actor }) => ({
      actor,
      channel: 'web',
      subject: 'Valid',
      body: 'hello',
      customer: { email: 'valid@example.com' },
    }),
    invalid: [
      ['an unknown channel', { channel: 'fax' }, ['channel']],
      ['no subject', { subject: undefined }, ['subject']],
      ['a customer with a malformed email', { customer: { email: 'nope' } }, ['customer.email']],
      ['no customer', { customer: undefined }, ['customer']],
      ['a list of customers', { customer: [{ email: 'valid@example.com' }] }, ['customer']],
      ['a list of mail headers', { mail: [{ messageId: '<a@b>' }] }, ['mail']],
      ['an empty label', { labels: [''] }, ['labels']],
      ['an origin that is no IP', { originIp: 'localhost' }, ['originIp']],
      [
        'an attachment without a storage key',
        { attachments: [{ name: 'a.txt', contentType: 'text/plain', size: 1 }] },
        ['attachments.0.key'],
      ],
    ],
  },
  [c.REPLY_TICKET_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId, body: 'Valid reply' }),
    invalid: [
      ['an empty body', { body: '' }, ['body']],
      [
        'an attachment of negative size',
        { attachments: [{ key: 'k', name: 'a.txt', contentType: 'text/plain', size: -1 }] },
        ['attachments.0.size'],
      ],
      ['mail references that are no list', { mail: { references: 'x' } }, ['mail.references']],
      ['a list of mail headers', { mail: [{ messageId: '<a@b>' }] }, ['mail']],
      [
        'an unknown SPF result',
        { mail: { inbound: { authentication: { spf: 'great', dkim: 'pass', dmarc: 'pass' } } } },
        ['mail.inbound.authentication.spf'],
      ],
      [
        'a threading rule of its own',
        { mail: { inbound: { threadedBy: 'guess' } } },
        ['mail.inbound.threadedBy'],
      ],
    ],
  },
  [c.ADD_NOTE_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId, body: 'Valid note' }),
    invalid: [
      ['a body that is no string', { body: 7 }, ['body']],
      ['no ticket id', { ticketId: undefined }, ['ticketId']],
    ],
  },
  [c.CLAIM_TICKET_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId }),
    invalid: [['a ticket id that is no uuid', { ticketId: 'nope' }, ['ticketId']]],
  },
  [c.QUICK_ACCEPT_V1]: {
    valid: ({ actor }) => ({ actor, count: 3 }),
    invalid: [
      ['a count of 0', { count: 0 }, ['count']],
      ['a count over 50', { count: 51 }, ['count']],
      ['a fractional count', { count: 1.5 }, ['count']],
      ['a count as text', { count: '3' }, ['count']],
      ['no count', { count: undefined }, ['count']],
    ],
  },
  [c.ASSIGN_TICKET_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId, assigneeId: actor.agentId! }),
    invalid: [
      ['an assignee id that is no uuid', { assigneeId: 'bob' }, ['assigneeId']],
      ['a team id that is no uuid', { teamId: 42 }, ['teamId']],
    ],
  },
  [c.RETURN_TICKET_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId }),
    invalid: [['a ticket id that is a number', { ticketId: 12 }, ['ticketId']]],
  },
  [c.SET_PENDING_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId, remindAt: LATER }),
    invalid: [
      ['a reminder that is no date', { remindAt: 'tomorrow' }, ['remindAt']],
      ['no reminder', { remindAt: undefined }, ['remindAt']],
    ],
  },
  [c.SET_AUTO_SOLVE_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId, autoSolveAt: LATER }),
    invalid: [
      [
        'no time (null clears it, leaving it out does not)',
        { autoSolveAt: undefined },
        ['autoSolveAt'],
      ],
      ['an impossible date', { autoSolveAt: '2099-13-45T00:00:00Z' }, ['autoSolveAt']],
    ],
  },
  [c.SOLVE_TICKET_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId, withSummary: false }),
    invalid: [
      ['withSummary as text', { withSummary: 'yes' }, ['withSummary']],
      ['no withSummary', { withSummary: undefined }, ['withSummary']],
    ],
  },
  [c.REOPEN_TICKET_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId }),
    invalid: [['an empty ticket id', { ticketId: '' }, ['ticketId']]],
  },
  [c.SET_PRIORITY_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId, priority: 'high' }),
    invalid: [['an unknown priority', { priority: 'critical' }, ['priority']]],
  },
  [c.CHANGE_LABELS_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId, add: ['vip'], remove: [] }),
    invalid: [
      ['an empty label', { add: [''] }, ['add']],
      ['no remove list', { remove: undefined }, ['remove']],
      ['more than 50 labels', { add: Array.from({ length: 51 }, (_, i) => `l${i}`) }, ['add']],
    ],
  },
  [c.CHANGE_PARTICIPANTS_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId, add: [actor.agentId!], remove: [] }),
    invalid: [['a participant id that is no uuid', { add: ['bob'] }, ['add']]],
  },
  [c.REQUEST_ACCESS_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId }),
    invalid: [['a null ticket id', { ticketId: null }, ['ticketId']]],
  },
  [c.SEND_TRANSCRIPT_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId }),
    invalid: [['a ticket id that is no uuid', { ticketId: 't1' }, ['ticketId']]],
  },
  [c.DECIDE_ACCESS_V1]: {
    valid: ({ actor, ticketId, requestId }) => ({ actor, ticketId, requestId, grant: true }),
    invalid: [
      [
        'a bad request id and grant as text',
        { requestId: 'r1', grant: 'yes' },
        ['grant', 'requestId'],
      ],
    ],
  },
  [c.MARK_READ_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId, read: false }),
    invalid: [['no read flag', { read: undefined }, ['read']]],
  },
  [c.DELETE_TICKET_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId }),
    invalid: [['a ticket id that is an object', { ticketId: { id: UUID } }, ['ticketId']]],
  },
  [c.RESTORE_TICKET_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId }),
    invalid: [['a ticket id that is a list', { ticketId: [UUID] }, ['ticketId']]],
  },
  [c.MERGE_TICKET_V1]: {
    valid: ({ actor, ticketId, otherTicketId }) => ({
      actor,
      ticketId,
      intoTicketId: otherTicketId,
    }),
    invalid: [
      ['a target that is no uuid', { intoTicketId: '#2' }, ['intoTicketId']],
      ['no target', { intoTicketId: undefined }, ['intoTicketId']],
    ],
  },
  [c.CONVERT_TO_MAIL_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId }),
    invalid: [['a ticket id that is no uuid', { ticketId: 'nope' }, ['ticketId']]],
  },
  [c.ANSWER_LATER_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId, remindAt: LATER }),
    invalid: [['a reminder as epoch milliseconds', { remindAt: 4_070_908_800_000 }, ['remindAt']]],
  },
  [c.SCHEDULE_INTAKE_CLOSE_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId, afterMinutes: 10 }),
    invalid: [
      ['zero minutes', { afterMinutes: 0 }, ['afterMinutes']],
      ['more than a day', { afterMinutes: 24 * 60 + 1 }, ['afterMinutes']],
      ['minutes as text', { afterMinutes: '10' }, ['afterMinutes']],
    ],
  },
  [c.ROTATE_PUBLIC_TOKEN_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId }),
    invalid: [['a ticket id that is no uuid', { ticketId: 'nope' }, ['ticketId']]],
  },
  [c.GET_TICKET_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId }),
    invalid: [['a ticket id that is no uuid', { ticketId: 'nope' }, ['ticketId']]],
  },
  [c.GET_TICKET_MESSAGES_V1]: {
    valid: ({ actor, ticketId }) => ({ actor, ticketId, reader: 'customer', after: 0 }),
    invalid: [
      ['an unknown reader', { reader: 'bot' }, ['reader']],
      ['a negative offset', { after: -1 }, ['after']],
    ],
  },
  [c.GET_TICKET_BY_NUMBER_V1]: {
    valid: ({ actor, ticketNumber }) => ({ actor, number: ticketNumber }),
    invalid: [
      ['number 0', { number: 0 }, ['number']],
      ['a number as text', { number: '1' }, ['number']],
    ],
  },
  [c.GET_TICKET_BY_TOKEN_V1]: {
    valid: ({ publicToken }) => ({ token: publicToken }),
    invalid: [
      ['a token too short to be one', { token: 'short' }, ['token']],
      ['no token', { token: undefined }, ['token']],
    ],
  },
  [c.LIST_VIEW_V1]: {
    valid: ({ actor }) => ({ actor, view: 'new' }),
    invalid: [
      ['an unknown view', { view: 'all' }, ['view']],
      ['a limit over 100', { limit: 101 }, ['limit']],
      ['an empty cursor', { cursor: '' }, ['cursor']],
    ],
  },
  [c.FIND_TICKET_BY_MAIL_V1]: {
    valid: ({ actor }) => ({ actor, messageIds: ['<a@b.example>'] }),
    invalid: [
      ['no Message-IDs', { messageIds: [] }, ['messageIds']],
      ['Message-IDs that are no list', { messageIds: '<a@b.example>' }, ['messageIds']],
    ],
  },
  [c.RECORD_DELIVERY_V1]: {
    valid: ({ actor, ticketId }) => ({
      actor,
      ticketId,
      mailMessageId: '<a@b.example>',
      state: 'sent',
    }),
    invalid: [
      ['an unknown state', { state: 'lost' }, ['state']],
      [
        'neither the message nor its Message-ID',
        { mailMessageId: undefined },
        ['messageId', 'mailMessageId'],
      ],
      [
        'a message id that is no uuid',
        { messageId: 'm-1', mailMessageId: undefined },
        ['messageId'],
      ],
    ],
  },
  [c.RECORD_DELIVERIES_V1]: {
    valid: ({ actor, ticketId }) => ({
      actor,
      deliveries: [{ ticketId, mailMessageId: '<a@b.example>', state: 'sent' }],
    }),
    invalid: [
      ['no outcome', { deliveries: [] }, ['deliveries']],
      [
        'an outcome in an unknown state of a ticket id that is no uuid',
        { deliveries: [{ ticketId: 't-1', mailMessageId: '<a@b.example>', state: 'lost' }] },
        ['deliveries.0.ticketId', 'deliveries.0.state'],
      ],
      [
        'over 100 outcomes',
        { deliveries: Array(101).fill({ ticketId: UUID, messageId: UUID, state: 'sent' }) },
        ['deliveries'],
      ],
    ],
  },
  [c.FIND_ATTACHMENT_V1]: {
    valid: ({ actor }) => ({ actor, key: STORAGE_KEY }),
    invalid: [
      ['a key that is no storage key', { key: '../etc/passwd' }, ['key']],
      ['an empty name', { name: '' }, ['name']],
    ],
  },
  [c.KEYS_IN_USE_V1]: {
    valid: () => ({ keys: [STORAGE_KEY] }),
    invalid: [
      ['a key that is no storage key', { keys: ['../etc/passwd'] }, ['keys']],
      ['no list', { keys: 'x' }, ['keys']],
    ],
  },
  [c.VIEW_COUNTS_V1]: {
    valid: ({ actor }) => ({ actor }),
    invalid: [['an actor without a workspace', { actor: NO_WORKSPACE }, ['actor.workspaceId']]],
  },
  [c.SEARCH_TICKETS_V1]: {
    valid: ({ actor }) => ({ actor, text: 'printer' }),
    invalid: [
      ['an unknown status', { status: ['closed'] }, ['status']],
      ['a from date that is no date', { createdFrom: 'yesterday' }, ['createdFrom']],
      ['a negative offset', { offset: -1 }, ['offset']],
      ['a team id that is no uuid', { teamId: 'support' }, ['teamId']],
    ],
  },
  [c.CREATE_CANNED_REPLY_V1]: {
    valid: ({ actor }) => ({ actor, title: 'Thanks', body: 'Thank you!' }),
    invalid: [
      ['an empty title', { title: '' }, ['title']],
      ['shared as text', { shared: 'yes' }, ['shared']],
    ],
  },
  [c.UPDATE_CANNED_REPLY_V1]: {
    valid: ({ actor, cannedReplyId }) => ({ actor, cannedReplyId, body: 'Changed' }),
    invalid: [
      ['a reply id that is no uuid', { cannedReplyId: 'nope' }, ['cannedReplyId']],
      ['a body over 20,000 characters', { body: 'x'.repeat(20_001) }, ['body']],
    ],
  },
  [c.DELETE_CANNED_REPLY_V1]: {
    valid: ({ actor, cannedReplyId }) => ({ actor, cannedReplyId }),
    invalid: [['no reply id', { cannedReplyId: undefined }, ['cannedReplyId']]],
  },
  [c.LIST_CANNED_REPLIES_V1]: {
    valid: ({ actor }) => ({ actor }),
    invalid: [['an actor without a workspace', { actor: NO_WORKSPACE }, ['actor.workspaceId']]],
  },
  [c.RENDER_CANNED_REPLY_V1]: {
    valid: ({ actor, ticketId, cannedReplyId }) => ({ actor, ticketId, cannedReplyId }),
    invalid: [['a reply id that is no uuid', { cannedReplyId: 'thanks' }, ['cannedReplyId']]],
  },
  [c.FIND_WORKSPACE_V1]: {
    valid: () => ({ slug: 'valid-slug' }),
    invalid: [
      ['a slug with capitals and spaces', { slug: 'Not A Slug' }, ['slug']],
      ['an id that is no uuid', { slug: undefined, workspaceId: 'nope' }, ['workspaceId']],
    ],
  },
  [TICKET_CORE_PING]: {
    valid: () => ({ echo: 'hello' }),
    invalid: [
      ['an echo that is no string', { echo: 42 }, ['echo']],
      ['an echo over 200 characters', { echo: 'x'.repeat(201) }, ['echo']],
    ],
  },
};

/** The subjects whose payload carries no actor; every other one must refuse a bad actor. */
const actorless: Record<
  { [S in Subject]: c.RequestOf<S> extends { actor: Actor } ? never : S }[Subject],
  true
> = {
  [c.CREATE_WORKSPACE_V1]: true,
  [c.FIND_WORKSPACE_V1]: true,
  [c.GET_TICKET_BY_TOKEN_V1]: true,
  [c.KEYS_IN_USE_V1]: true,
  [TICKET_CORE_PING]: true,
};

const subjects = Object.keys(table) as Subject[];
const withActor = subjects.filter((subject) => !(subject in actorless));
const cases = subjects.flatMap((subject) =>
  (table[subject].invalid as Case<Subject>[]).map(
    ([why, override, fields]) => [subject, why, override, fields] as const,
  ),
);

describe('ticket-core: every request validates its payload', () => {
  let harness: InProcessHarness;
  let client: TestNatsClient;
  let db: Client;
  let fx: Fixture;
  let fingerprintSql: string;
  let baseline: Record<string, string>;

  /** Each table of the schema, whole (the outbox by its ids: the relay stamps what it sent). */
  const fingerprint = async () => (await db.query(fingerprintSql)).rows[0];

  beforeAll(async () => {
    harness = await startInProcessHarness(ticketCoreService, 'valid');
    ({ client, db } = harness);
    const workspace = await client.rpc.request(c.CREATE_WORKSPACE_V1, {
      name: 'Acme',
      slug: 'acme',
    });
    const team = await newTeam(db, workspace.id);
    const admin = await newAgent(db, workspace.id, { role: 'admin', teamIds: [team.id] });
    const other = await newAgent(db, workspace.id, { teamIds: [team.id] });
    const actor = agentActor(admin);
    const ticket = await newTicket(db, workspace.id, { assigneeId: admin.id, body: 'printer' });
    const sibling = await newTicket(db, workspace.id, {
      customerId: ticket.customerId,
      assigneeId: admin.id,
    });
    const canned = await client.rpc.request(c.CREATE_CANNED_REPLY_V1, {
      actor,
      title: 'Hello',
      body: 'Hello {{customer_name}}',
    });
    fx = {
      actor,
      ticketId: ticket.id,
      otherTicketId: sibling.id,
      ticketNumber: ticket.number,
      publicToken: ticket.publicToken,
      customerId: ticket.customerId,
      cannedReplyId: canned.id,
      requestId: (await newAccessRequest(db, ticket, other.id)).id,
    };

    const { rows } = await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'ticket_core' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    expect(rows.map((row) => row.name)).toEqual(
      expect.arrayContaining(['tickets', 'messages', 'ticket_history', 'outbox', 'customers']),
    );
    fingerprintSql = `SELECT ${rows
      .map(({ name }) => {
        const row = name === 'outbox' ? 'r.id::text' : 'r::text';
        return `(SELECT md5(coalesce(string_agg(${row}, '|' ORDER BY ${row}), ''))
                   FROM ticket_core."${name}" r) AS "${name}"`;
      })
      .join(', ')}`;
    baseline = await fingerprint();
  });

  afterAll(() => harness?.close());

  /** Sends a payload the contract refuses; answers the error, once sure nothing was written. */
  async function refusal(subject: c.RequestSubject, payload: unknown): Promise<ServiceException> {
    const before = await fingerprint();
    const error = await rejection(
      client.rpc.request(subject, payload as never),
      `${subject} must refuse the payload`,
    );
    expectWith(`${subject} must write nothing`, await fingerprint()).toEqual(before);
    return error;
  }

  function expectFields(error: ServiceException, fields: string[]) {
    expect({ code: error.code, message: error.message }).toEqual({
      code: ErrorCode.VALIDATION_FAILED,
      message: expect.stringContaining(fields[0]),
    });
    expect(error.details?.fields?.map((field) => field.field).sort()).toEqual([...fields].sort());
    for (const field of error.details?.fields ?? []) expect(field.errors).not.toEqual([]);
  }

  it.each(cases)('%s refuses %s', async (subject, _why, override, fields) => {
    const payload = { ...table[subject].valid(fx), ...override };
    expectFields(await refusal(subject, payload), fields);
  });

  it.each(subjects)('%s refuses an unknown field', async (subject) => {
    const payload = { ...table[subject].valid(fx), smuggled: true };
    expectFields(await refusal(subject, payload), ['smuggled']);
  });

  it.each(withActor)('%s refuses a missing actor, and a list of actors', async (subject) => {
    const { actor, ...rest } = table[subject].valid(fx) as { actor: Actor };
    expectFields(await refusal(subject, rest), ['actor']);
    expectFields(await refusal(subject, { ...rest, actor: [actor] }), ['actor']);
  });

  it.each(withActor)('%s refuses a malformed actor, field by field', async (subject) => {
    const payload = {
      ...table[subject].valid(fx),
      actor: { kind: 'robot', workspaceId: 'acme', teamIds: ['x'], scopes: ['*'] },
    };
    expectFields(await refusal(subject, payload), [
      'actor.kind',
      'actor.scopes',
      'actor.teamIds',
      'actor.workspaceId',
    ]);
  });

  it.each(subjects)('%s refuses a payload that is no object', async (subject) => {
    // null reaches the handler as {} (Nest's pipe): refused for the fields it lacks, except by
    // the ping, whose fields are all optional.
    const payloads = [subject === TICKET_CORE_PING ? 'ping' : null, 42, [table[subject].valid(fx)]];
    for (const payload of payloads) {
      const error = await refusal(subject, payload);
      expectWith(JSON.stringify(payload), error.code).toBe(ErrorCode.VALIDATION_FAILED);
      expectWith(JSON.stringify(payload), error.details?.fields).not.toEqual([]);
    }
  });

  it('leaves the subjects of other services to them: ticket-core answers none of them', async () => {
    for (const subject of Object.keys(answeredElsewhere) as (keyof typeof answeredElsewhere)[]) {
      const error = await refusal(subject, {});
      expectWith(subject, error.code).toBe(ErrorCode.UNAVAILABLE);
    }
  });

  it('wrote nothing over the whole table', async () => {
    expect(await fingerprint()).toEqual(baseline);
  });

  it('still answers a valid request afterwards', async () => {
    const ticket = await client.rpc.request(c.GET_TICKET_V1, table[c.GET_TICKET_V1].valid(fx));
    expect(ticket.id).toBe(fx.ticketId);
  });
});
