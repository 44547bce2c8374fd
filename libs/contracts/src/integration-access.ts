/**
 * What an integration (a service outside the monorepo, holding NATS credentials an admin issued)
 * may do on the bus. It never reaches the services' own subjects: it sends to
 * `helpdesk.int.<credentialId>.<cmd|qry>.…`, where api-gateway's bridge takes the workspace and
 * the actor from the credential (never from the payload) and forwards to the service; it reads the
 * events of its own workspace from a durable consumer that api-gateway made for it on a stream of
 * per-workspace subjects (`helpdesk.ws.<workspaceId>.evt.…`). The NATS server enforces all of it:
 * the credential's permissions come from the role's template below, filled with its id.
 */
import { RequestSubject } from './subject-map';

export const INTEGRATION_ROLES = ['read-only', 'agent'] as const;
export type IntegrationRole = (typeof INTEGRATION_ROLES)[number];

/** The queries every integration may ask (all of them scoped to its workspace by the bridge). */
export const INTEGRATION_QUERIES = [
  'helpdesk.qry.agent.list.v1',
  'helpdesk.qry.canned-reply.list.v1',
  'helpdesk.qry.customer.get.v1',
  'helpdesk.qry.kb-article.get.v1',
  'helpdesk.qry.kb-article.search.v1',
  'helpdesk.qry.label.list.v1',
  'helpdesk.qry.team.list.v1',
  'helpdesk.qry.ticket.get-by-number.v1',
  'helpdesk.qry.ticket.get.v1',
  'helpdesk.qry.ticket.search.v1',
  'helpdesk.qry.ticket.view-counts.v1',
  'helpdesk.qry.ticket.view.v1',
] as const satisfies readonly RequestSubject[];

/** The commands an `agent` integration may send: an agent's work on tickets, no settings. */
export const INTEGRATION_COMMANDS = [
  'helpdesk.cmd.customer.update.v1',
  'helpdesk.cmd.ticket.add-note.v1',
  'helpdesk.cmd.ticket.assign.v1',
  'helpdesk.cmd.ticket.change-labels.v1',
  'helpdesk.cmd.ticket.create.v1',
  'helpdesk.cmd.ticket.reopen.v1',
  'helpdesk.cmd.ticket.reply.v1',
  'helpdesk.cmd.ticket.set-pending.v1',
  'helpdesk.cmd.ticket.set-priority.v1',
  'helpdesk.cmd.ticket.solve.v1',
] as const satisfies readonly RequestSubject[];

export type IntegrationQuery = (typeof INTEGRATION_QUERIES)[number];
export type IntegrationCommand = (typeof INTEGRATION_COMMANDS)[number];
export type IntegrationSubject = IntegrationQuery | IntegrationCommand;

/** The service subjects a role may reach through the bridge. */
export function integrationSubjects(role: IntegrationRole): readonly IntegrationSubject[] {
  return role === 'agent' ? [...INTEGRATION_QUERIES, ...INTEGRATION_COMMANDS] : INTEGRATION_QUERIES;
}

/** Everything an integration sends starts so; `*` is its credential's id. */
export const INTEGRATION_PREFIX = 'helpdesk.int';

/** `helpdesk.qry.ticket.get.v1` as credential `id` sends it: `helpdesk.int.<id>.qry.ticket.get.v1`. */
export const integrationSubject = (credentialId: string, subject: IntegrationSubject) =>
  `${INTEGRATION_PREFIX}.${credentialId}.${subject.slice('helpdesk.'.length)}`;

/** The stream that holds each workspace's events under its own subjects, for integrations. */
export const INTEGRATION_EVENTS_STREAM = {
  name: 'HELPDESK_INTEGRATION_EVENTS',
  subjects: 'helpdesk.ws.*.evt.>',
} as const;

/** `helpdesk.evt.ticket.created.v1` of workspace `w`: `helpdesk.ws.<w>.evt.ticket.created.v1`. */
export const workspaceEventSubject = (workspaceId: string, eventSubject: string) =>
  `helpdesk.ws.${workspaceId}.${eventSubject.slice('helpdesk.'.length)}`;

/** The service subject behind a workspace event subject (the inverse of the above). */
export const eventSubjectOfWorkspaceEvent = (subject: string) =>
  `helpdesk.${subject.split('.').slice(3).join('.')}`;

/** An integration's replies come to `_INBOX_integration.<id>.…`, which only it may read. */
export const integrationInboxPrefix = (credentialId: string) =>
  `_INBOX_integration.${credentialId}`;

/** The JWT tag that carries a credential's id, which the permission template reads. */
export const CREDENTIAL_TAG = 'credential';

export interface PermissionTemplate {
  publish: string[];
  subscribe: string[];
}

/**
 * A role's permissions as a NATS scoped-signing-key template: `{{tag(credential)}}` is the id of
 * the credential being signed, so one key signs every credential of the role and none can reach
 * another's subjects. The JetStream consumer named after the credential is the only one it may
 * read, and only api-gateway creates or deletes it (revoking a credential deletes it).
 */
export function integrationPermissions(role: IntegrationRole, namespace = ''): PermissionTemplate {
  const id = `{{tag(${CREDENTIAL_TAG})}}`;
  const subject = (s: string) => (namespace ? `${namespace}.${s}` : s);
  const stream = namespace
    ? `${namespace}_${INTEGRATION_EVENTS_STREAM.name}`
    : INTEGRATION_EVENTS_STREAM.name;
  return {
    publish: [
      ...integrationSubjects(role).map((s) => subject(integrationSubject(id, s))),
      `$JS.API.CONSUMER.INFO.${stream}.${id}`,
      `$JS.API.CONSUMER.MSG.NEXT.${stream}.${id}`,
      `$JS.ACK.${stream}.${id}.>`,
    ],
    subscribe: [`${integrationInboxPrefix(id)}.>`],
  };
}
