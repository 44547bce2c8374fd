/**
 * The wire contract. Subjects are frozen: never rename one in place; a breaking change is a new
 * version (`.v2`) published beside the old one. Each subject decides its payload type here, so the
 * publish, request and subscribe helpers are type-checked against it.
 */
import { PingV1, PongV1, SERVICE_NAMES, pingSubject } from './messages/system/ping.v1';
import {
  CREATE_WORKSPACE_V1,
  CreateWorkspaceV1,
  WorkspaceV1,
} from './messages/workspace/create-workspace.v1';
import {
  WORKSPACE_CREATED_V1,
  WorkspaceCreatedV1,
} from './messages/workspace/workspace-created.v1';

type Class<T> = new () => T;

/** Commands and queries: request/reply subjects with their request and reply types. */
export interface RequestMap {
  [CREATE_WORKSPACE_V1]: { request: CreateWorkspaceV1; reply: WorkspaceV1 };
  'helpdesk.qry.api-gateway.ping.v1': { request: PingV1; reply: PongV1 };
  'helpdesk.qry.ticket-core.ping.v1': { request: PingV1; reply: PongV1 };
  'helpdesk.qry.mail-ingest.ping.v1': { request: PingV1; reply: PongV1 };
  'helpdesk.qry.chat-gateway.ping.v1': { request: PingV1; reply: PongV1 };
  'helpdesk.qry.notification.ping.v1': { request: PingV1; reply: PongV1 };
  'helpdesk.qry.knowledge-base.ping.v1': { request: PingV1; reply: PongV1 };
}

/** Events: JetStream subjects with their payload (the envelope's `data`). */
export interface EventMap {
  [WORKSPACE_CREATED_V1]: WorkspaceCreatedV1;
}

export type RequestSubject = keyof RequestMap;
export type RequestOf<S extends RequestSubject> = RequestMap[S]['request'];
export type ReplyOf<S extends RequestSubject> = RequestMap[S]['reply'];
export type EventSubject = keyof EventMap;
export type EventOf<S extends EventSubject> = EventMap[S];

/** The payload class of every request subject, for validation where a message arrives. */
export const requestClasses: { [S in RequestSubject]: Class<RequestOf<S>> } = {
  [CREATE_WORKSPACE_V1]: CreateWorkspaceV1,
  ...(Object.fromEntries(SERVICE_NAMES.map((service) => [pingSubject(service), PingV1])) as {
    [S in ReturnType<typeof pingSubject>]: Class<PingV1>;
  }),
};

/** The payload class of every event subject, for validation before a consumer acts. */
export const eventClasses: { [S in EventSubject]: Class<EventOf<S>> } = {
  [WORKSPACE_CREATED_V1]: WorkspaceCreatedV1,
};
