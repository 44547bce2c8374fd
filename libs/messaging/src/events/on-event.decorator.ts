import { SetMetadata } from '@nestjs/common';
import { EventEnvelope, EventOf, EventSubject } from '@switchboard/contracts';
import { EntityManager } from 'typeorm';

export const ON_EVENT = Symbol('ON_EVENT');

export interface OnEventOptions {
  /** Tries before the event goes to the dead-letter subject; defaults to EVENT_MAX_ATTEMPTS. */
  maxAttempts?: number;
  /**
   * Events handled at once (default 1: one after the other, in stream order). More is for
   * handlers whose events need no order among themselves; each is still once per event id.
   */
  concurrency?: number;
  /**
   * Events handled in one transaction, in stream order (default 1). More suits a busy subject
   * whose handler writes little: the batch shares one BEGIN, one processed-events insert and one
   * COMMIT, which cost more than such a handler's own work. A batch that fails is handled again
   * one event at a time, so a bad event fails alone. Batches of a subject run one at a time.
   */
  batch?: number;
}

export interface OnEventMetadata extends OnEventOptions {
  subject: EventSubject;
}

type EventHandler<S extends EventSubject> = (
  event: EventEnvelope<EventOf<S>>,
  manager: EntityManager,
) => Promise<void>;

/**
 * Handles an event from JetStream, at most once per event id: the handler runs inside a
 * transaction that also records the event as processed, and its message is acknowledged only
 * after that commit. Write with the `manager` given, so the work and the record commit together.
 */
export function OnEvent<S extends EventSubject>(subject: S, options: OnEventOptions = {}) {
  return <H extends EventHandler<S>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ): void => {
    SetMetadata<symbol, OnEventMetadata>(ON_EVENT, { subject, ...options })(
      target,
      key,
      descriptor,
    );
  };
}
