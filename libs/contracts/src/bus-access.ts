/**
 * Who may do what on the bus. Each service connects to NATS as its own user (named like the
 * service) and the NATS server lets it publish and subscribe only to what this table grants;
 * `busPermissions` turns it into subject lists and libs/messaging signs them into each user's
 * credentials (`npm run nats:credentials`). A test reads the apps' code and fails when a service calls or answers a
 * subject the table does not grant it.
 */
import { NOTIFICATION_CREATED_V1 } from './messages/notification/notifications.v1';
import * as evt from './messages/ticket/ticket-events.v1';
import { SERVICE_NAMES, ServiceName } from './messages/system/ping.v1';
import { WORKSPACE_CREATED_V1 } from './messages/workspace/workspace-created.v1';
import { EventSubject, RequestSubject } from './subject-map';
import {
  INTEGRATION_COMMANDS,
  INTEGRATION_EVENTS_STREAM,
  INTEGRATION_PREFIX,
  INTEGRATION_QUERIES,
} from './integration-access';

/** The operator's tools (`workspace:create`, the demo seed): the only user that creates workspaces. */
export const OPERATOR = 'operator';
export type BusUser = ServiceName | typeof OPERATOR;
export const BUS_USERS: readonly BusUser[] = [...SERVICE_NAMES, OPERATOR];

/**
 * Resources by owner: the owner alone answers `helpdesk.cmd.<resource>.…` and
 * `helpdesk.qry.<resource>.…` and publishes `helpdesk.evt.<resource>.…`. Each service also owns
 * the resource named after itself (its ping).
 */
export const RESOURCE_OWNERS: Record<ServiceName, readonly string[]> = {
  'ticket-core': [
    'agent',
    'attachment',
    'canned-reply',
    'customer',
    'label',
    'team',
    'ticket',
    'workspace',
  ],
  'api-gateway': ['credentials'],
  'mail-ingest': ['mailbox', 'inbound-mail'],
  'chat-gateway': ['widget'],
  notification: ['notification'],
  'knowledge-base': ['kb-article', 'kb-category', 'kb-settings', 'kb-public'],
};

/** The commands and queries each service sends to others. */
export const SERVICE_CALLS: Record<ServiceName, readonly RequestSubject[]> = {
  'api-gateway': [
    'helpdesk.cmd.agent.set-availability.v1',
    'helpdesk.cmd.agent.upsert.v1',
    'helpdesk.cmd.canned-reply.create.v1',
    'helpdesk.cmd.canned-reply.delete.v1',
    'helpdesk.cmd.canned-reply.update.v1',
    'helpdesk.cmd.credentials.set.v1',
    'helpdesk.cmd.customer.link.v1',
    'helpdesk.cmd.customer.update.v1',
    'helpdesk.cmd.inbound-mail.replay.v1',
    'helpdesk.cmd.kb-article.archive.v1',
    'helpdesk.cmd.kb-article.create.v1',
    'helpdesk.cmd.kb-article.delete.v1',
    'helpdesk.cmd.kb-article.publish.v1',
    'helpdesk.cmd.kb-article.restore-revision.v1',
    'helpdesk.cmd.kb-article.unpublish.v1',
    'helpdesk.cmd.kb-article.update.v1',
    'helpdesk.cmd.kb-category.create.v1',
    'helpdesk.cmd.kb-category.delete.v1',
    'helpdesk.cmd.kb-category.update.v1',
    'helpdesk.cmd.kb-settings.update.v1',
    'helpdesk.cmd.mailbox.upsert.v1',
    'helpdesk.cmd.notification.clear-suppression.v1',
    'helpdesk.cmd.notification.mark-read.v1',
    'helpdesk.cmd.notification.reset-template.v1',
    'helpdesk.cmd.notification.set-auto-responder.v1',
    'helpdesk.cmd.notification.update-preferences.v1',
    'helpdesk.cmd.notification.update-template.v1',
    'helpdesk.cmd.team.create.v1',
    'helpdesk.cmd.team.update.v1',
    'helpdesk.cmd.ticket.add-note.v1',
    'helpdesk.cmd.ticket.answer-later.v1',
    'helpdesk.cmd.ticket.assign.v1',
    'helpdesk.cmd.ticket.change-labels.v1',
    'helpdesk.cmd.ticket.change-participants.v1',
    'helpdesk.cmd.ticket.claim.v1',
    'helpdesk.cmd.ticket.convert-to-mail.v1',
    'helpdesk.cmd.ticket.create.v1',
    'helpdesk.cmd.ticket.decide-access.v1',
    'helpdesk.cmd.ticket.delete.v1',
    'helpdesk.cmd.ticket.mark-read.v1',
    'helpdesk.cmd.ticket.merge.v1',
    'helpdesk.cmd.ticket.quick-accept.v1',
    'helpdesk.cmd.ticket.reopen.v1',
    'helpdesk.cmd.ticket.reply.v1',
    'helpdesk.cmd.ticket.request-access.v1',
    'helpdesk.cmd.ticket.restore.v1',
    'helpdesk.cmd.ticket.return-to-queue.v1',
    'helpdesk.cmd.ticket.rotate-public-token.v1',
    'helpdesk.cmd.ticket.set-auto-solve.v1',
    'helpdesk.cmd.ticket.set-pending.v1',
    'helpdesk.cmd.ticket.set-priority.v1',
    'helpdesk.cmd.ticket.solve.v1',
    'helpdesk.cmd.widget.update-settings.v1',
    'helpdesk.cmd.workspace.update-settings.v1',
    'helpdesk.qry.agent.get.v1',
    'helpdesk.qry.agent.list.v1',
    'helpdesk.qry.attachment.find.v1',
    'helpdesk.qry.attachment.keys-in-use.v1',
    'helpdesk.qry.canned-reply.list.v1',
    'helpdesk.qry.canned-reply.render.v1',
    'helpdesk.qry.customer.get.v1',
    'helpdesk.qry.inbound-mail.list.v1',
    'helpdesk.qry.kb-article.compare-revisions.v1',
    'helpdesk.qry.kb-article.get-revision.v1',
    'helpdesk.qry.kb-article.get.v1',
    'helpdesk.qry.kb-article.list-revisions.v1',
    'helpdesk.qry.kb-article.list.v1',
    'helpdesk.qry.kb-article.search.v1',
    'helpdesk.qry.kb-article.suggest.v1',
    'helpdesk.qry.kb-category.list.v1',
    'helpdesk.qry.kb-public.article.v1',
    'helpdesk.qry.kb-public.category.v1',
    'helpdesk.qry.kb-public.index.v1',
    'helpdesk.qry.kb-public.search.v1',
    'helpdesk.qry.kb-public.sitemap.v1',
    'helpdesk.qry.kb-settings.get.v1',
    'helpdesk.qry.label.list.v1',
    'helpdesk.qry.mailbox.list.v1',
    'helpdesk.qry.notification.count-unread.v1',
    'helpdesk.qry.notification.get-preferences.v1',
    'helpdesk.qry.notification.list-suppressions.v1',
    'helpdesk.qry.notification.list-templates.v1',
    'helpdesk.qry.notification.list.v1',
    'helpdesk.qry.notification.preview-template.v1',
    'helpdesk.qry.team.list.v1',
    'helpdesk.qry.ticket.get-by-number.v1',
    'helpdesk.qry.ticket.get-by-public-token.v1',
    'helpdesk.qry.ticket.get.v1',
    'helpdesk.qry.ticket.search.v1',
    'helpdesk.qry.ticket.view-counts.v1',
    'helpdesk.qry.ticket.view.v1',
    'helpdesk.qry.widget.get-settings.v1',
    'helpdesk.qry.workspace.find.v1',
    'helpdesk.qry.workspace.get-settings.v1',
  ],
  'ticket-core': [],
  'mail-ingest': [
    'helpdesk.cmd.ticket.add-note.v1',
    'helpdesk.cmd.ticket.create.v1',
    'helpdesk.cmd.ticket.record-delivery.v1',
    'helpdesk.cmd.ticket.reply.v1',
    'helpdesk.qry.agent.get.v1',
    'helpdesk.qry.ticket.find-by-mail.v1',
    'helpdesk.qry.ticket.get-by-number.v1',
    'helpdesk.qry.ticket.get.v1',
    'helpdesk.qry.workspace.get-settings.v1',
  ],
  'chat-gateway': [
    'helpdesk.cmd.agent.set-availability.v1',
    'helpdesk.cmd.customer.link.v1',
    'helpdesk.cmd.ticket.create.v1',
    'helpdesk.cmd.ticket.merge.v1',
    'helpdesk.cmd.ticket.reply.v1',
    'helpdesk.cmd.ticket.schedule-intake-close.v1',
    'helpdesk.cmd.ticket.send-transcript.v1',
    'helpdesk.qry.agent.list.v1',
    'helpdesk.qry.credentials.verify-access-token.v1',
    'helpdesk.qry.customer.get.v1',
    'helpdesk.qry.team.list.v1',
    'helpdesk.qry.ticket.get.v1',
    'helpdesk.qry.ticket.messages.v1',
    'helpdesk.qry.ticket.view-counts.v1',
    'helpdesk.qry.workspace.get-settings.v1',
  ],
  notification: [
    'helpdesk.cmd.ticket.record-deliveries.v1',
    'helpdesk.qry.agent.get.v1',
    'helpdesk.qry.team.list.v1',
    'helpdesk.qry.ticket.get-by-public-token.v1',
    'helpdesk.qry.ticket.get.v1',
    'helpdesk.qry.workspace.get-settings.v1',
  ],
  'knowledge-base': [
    'helpdesk.qry.ticket.get.v1',
    'helpdesk.qry.workspace.find.v1',
    'helpdesk.qry.workspace.get-settings.v1',
  ],
};

/** The events each service takes from a durable JetStream consumer of its own (`@OnEvent`). */
export const SERVICE_CONSUMES: Record<ServiceName, readonly EventSubject[]> = {
  'api-gateway': [],
  'ticket-core': [],
  'mail-ingest': [],
  'chat-gateway': [],
  notification: [
    WORKSPACE_CREATED_V1,
    evt.TICKET_ACCESS_REQUESTED_V1,
    evt.TICKET_ASSIGNED_V1,
    evt.TICKET_CHANNEL_CHANGED_V1,
    evt.TICKET_CREATED_V1,
    evt.TICKET_INTAKE_CLOSED_V1,
    evt.TICKET_MESSAGE_ADDED_V1,
    evt.TICKET_PARTICIPANTS_CHANGED_V1,
    evt.TICKET_REMINDER_DUE_V1,
    evt.TICKET_SOLVED_V1,
    evt.TICKET_TRANSCRIPT_REQUESTED_V1,
  ],
  'knowledge-base': [],
};

/**
 * Plain (not durable) subscriptions and publications besides requests and events: chat-gateway's
 * replicas each hear every ticket event and notification live, and signal one another (typing,
 * viewing, presence) on `helpdesk.live.>`.
 */
export const SERVICE_LIVE: Partial<Record<ServiceName, { hears: string[]; says: string[] }>> = {
  'chat-gateway': {
    hears: ['helpdesk.evt.ticket.>', NOTIFICATION_CREATED_V1, 'helpdesk.live.>'],
    says: ['helpdesk.live.>'],
  },
};

/** The JetStream streams: events, and the messages consumers gave up on. */
export const STREAMS = {
  events: { name: 'HELPDESK_EVENTS', subjects: 'helpdesk.evt.>' },
  deadLetters: { name: 'HELPDESK_DLQ', subjects: 'helpdesk.dlq.>' },
} as const;

/**
 * api-gateway bridges integrations (libs/contracts integration-access): it answers
 * `helpdesk.int.>`, forwards what the credential's role allows, copies every event to its
 * workspace's subject on the integration stream and makes each credential's consumer there.
 */
export const INTEGRATION_BRIDGE = 'api-gateway' satisfies ServiceName;

/** The bridge's durable consumer of every event, which it copies to the integration stream. */
export const INTEGRATION_FANOUT_CONSUMER = `${INTEGRATION_BRIDGE}__integration_events`;

/** Where a service's consumers put an event they gave up on. */
export const deadLetterSubject = (service: string) => `helpdesk.dlq.${service}`;

/** The durable consumer a service reads one event subject with (before namespacing). */
export const consumerName = (service: string, subject: string) =>
  `${service}__${subject}`.replace(/[.*>\s]/g, '_');

/** A user's inbox prefix: replies reach only the user that asked. */
export const inboxPrefix = (user: string) => `_INBOX_${user}`;

export interface BusPermissions {
  publish: string[];
  subscribe: string[];
  /** May answer the requests it receives (publish once to their reply subject). */
  allowResponses: boolean;
}

/**
 * What one user may publish and subscribe to, as NATS subject patterns. `namespace` prefixes
 * subjects (`ns.helpdesk…`) and streams and consumers (`ns_HELPDESK_EVENTS`) as NATS_NAMESPACE
 * does; empty in production.
 */
export function busPermissions(user: BusUser, namespace = ''): BusPermissions {
  const subject = (s: string) => (namespace ? `${namespace}.${s}` : s);
  const name = (n: string) => (namespace ? `${namespace}_${n}` : n);
  const inbox = `${inboxPrefix(user)}.>`;
  if (user === OPERATOR) {
    // The operator sends any command or query (workspace creation is its alone) and reads replies.
    return {
      publish: [subject('helpdesk.cmd.>'), subject('helpdesk.qry.>'), '$JS.API.INFO'],
      subscribe: [inbox],
      allowResponses: false,
    };
  }
  const resources = [...RESOURCE_OWNERS[user], user];
  const answers = resources.flatMap((r) => [`helpdesk.cmd.${r}.>`, `helpdesk.qry.${r}.>`]);
  const events = RESOURCE_OWNERS[user].map((r) => `helpdesk.evt.${r}.>`);
  const live = SERVICE_LIVE[user] ?? { hears: [], says: [] };
  const streams = Object.values(STREAMS).map((stream) => name(stream.name));
  const eventStream = name(STREAMS.events.name);
  const consumers = [
    ...SERVICE_CONSUMES[user].map((event) => consumerName(user, event)),
    ...(user === INTEGRATION_BRIDGE ? [INTEGRATION_FANOUT_CONSUMER] : []),
  ].map(name);
  const bridge = user === INTEGRATION_BRIDGE ? bridgePermissions(subject, name) : undefined;
  return {
    publish: [
      ...SERVICE_CALLS[user].map(subject),
      ...events.map(subject),
      ...live.says.map(subject),
      subject(deadLetterSubject(user)),
      // JetStream: every service provisions the streams (idempotently) and its own consumers.
      '$JS.API.INFO',
      ...streams.flatMap((stream) =>
        ['INFO', 'CREATE', 'UPDATE'].map((verb) => `$JS.API.STREAM.${verb}.${stream}`),
      ),
      ...consumers.flatMap((consumer) => [
        `$JS.API.CONSUMER.INFO.${eventStream}.${consumer}`,
        `$JS.API.CONSUMER.CREATE.${eventStream}.${consumer}`,
        `$JS.API.CONSUMER.CREATE.${eventStream}.${consumer}.>`,
        `$JS.API.CONSUMER.DURABLE.CREATE.${eventStream}.${consumer}`,
        `$JS.API.CONSUMER.MSG.NEXT.${eventStream}.${consumer}`,
        `$JS.ACK.${eventStream}.${consumer}.>`,
      ]),
      ...(bridge?.publish ?? []),
    ],
    subscribe: [
      inbox,
      ...answers.map(subject),
      ...live.hears.map(subject),
      ...(bridge?.subscribe ?? []),
    ],
    allowResponses: true,
  };
}

/** What the integration bridge needs besides a service's usual rights. */
function bridgePermissions(subject: (s: string) => string, name: (n: string) => string) {
  const stream = name(INTEGRATION_EVENTS_STREAM.name);
  return {
    publish: [
      ...[...INTEGRATION_QUERIES, ...INTEGRATION_COMMANDS].map(subject),
      subject('helpdesk.ws.>'),
      ...['INFO', 'CREATE', 'UPDATE'].map((verb) => `$JS.API.STREAM.${verb}.${stream}`),
      // Each credential's consumer: made when it is issued, deleted when it is revoked.
      ...['INFO', 'CREATE', 'DURABLE.CREATE', 'DELETE'].flatMap((verb) => [
        `$JS.API.CONSUMER.${verb}.${stream}.*`,
        `$JS.API.CONSUMER.${verb}.${stream}.*.>`,
      ]),
    ],
    subscribe: [subject(`${INTEGRATION_PREFIX}.*.>`)],
  };
}
