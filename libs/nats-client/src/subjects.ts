import {
  EventSubject,
  INTEGRATION_COMMANDS,
  INTEGRATION_EVENTS_STREAM,
  INTEGRATION_QUERIES,
  IntegrationSubject,
  eventClasses,
  eventSubjectOfWorkspaceEvent,
  integrationSubject,
} from '@switchboard/contracts';

/*
 * Where the contracts' subjects are on the wire for one integration. A namespace (a test's or a
 * shared server's NATS_NAMESPACE) prefixes subjects with `ns.` and stream names with `ns_`, as the
 * services do; the `$JS` API and the inbox prefix are never namespaced.
 */

const INTEGRATION_SUBJECTS: ReadonlySet<string> = new Set([
  ...INTEGRATION_QUERIES,
  ...INTEGRATION_COMMANDS,
]);

/** Whether a subject is one an integration may send (for JavaScript callers and typos). */
export const isIntegrationSubject = (subject: string): subject is IntegrationSubject =>
  INTEGRATION_SUBJECTS.has(subject);

const namespaced = (namespace: string, subject: string) =>
  namespace ? `${namespace}.${subject}` : subject;

/** `helpdesk.qry.ticket.get.v1` as this credential sends it: `[ns.]helpdesk.int.<id>.qry.…`. */
export const requestSubject = (
  credentialId: string,
  subject: IntegrationSubject,
  namespace = '',
): string => namespaced(namespace, integrationSubject(credentialId, subject));

/** The integration events stream's name on the wire. */
export const eventStreamName = (namespace = ''): string =>
  namespace ? `${namespace}_${INTEGRATION_EVENTS_STREAM.name}` : INTEGRATION_EVENTS_STREAM.name;

/**
 * The service event subject of a message on the integration stream
 * (`[ns.]helpdesk.ws.<workspace>.evt.ticket.created.v1` → `helpdesk.evt.ticket.created.v1`), or
 * undefined when it is not one this version of the contracts knows: a newer Switchboard may
 * publish events an older integration has no type for, and readers skip what they do not know
 * (the versioning rules), rather than hand the handler a subject its types do not cover.
 */
export function eventSubjectOfMessage(subject: string, namespace = ''): EventSubject | undefined {
  const prefix = namespaced(namespace, 'helpdesk.ws.');
  if (!subject.startsWith(prefix)) return undefined;
  const local = subject.slice(namespace ? namespace.length + 1 : 0);
  if (local.split('.')[3] !== 'evt') return undefined;
  const eventSubject = eventSubjectOfWorkspaceEvent(local);
  return Object.hasOwn(eventClasses, eventSubject) ? (eventSubject as EventSubject) : undefined;
}
