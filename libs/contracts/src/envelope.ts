/** Every event on JetStream travels in this envelope; `data` is the payload class of its subject. */
export interface EventEnvelope<T = unknown> {
  /** Unique per event; also the outbox row id and the JetStream `Nats-Msg-Id`. */
  id: string;
  /** The versioned subject, e.g. `helpdesk.evt.workspace.created.v1` (without any test namespace). */
  type: string;
  /** ISO-8601 timestamp of the change that produced the event. */
  occurredAt: string;
  correlationId: string;
  workspaceId: string;
  data: T;
}

/** Header names used on NATS messages. */
export const Headers = {
  correlationId: 'x-correlation-id',
  eventType: 'x-event-type',
} as const;
