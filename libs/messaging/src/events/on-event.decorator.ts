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
}

export interface OnEventsOptions extends Omit<OnEventOptions, 'concurrency'> {
  /** At most this many events to one call. */
  batch: number;
  /**
   * How long a call short of `batch` events waits for more to join it (default 0: only those
   * already in hand). A handler whose writes cost mostly per call, not per event, gains by it.
   */
  lingerMs?: number;
}

export interface OnEventMetadata extends OnEventOptions {
  subject: EventSubject;
  /** Set by `@OnEvents`: the handler takes a list of up to this many events. */
  batch?: number;
  lingerMs?: number;
}

type EventHandler<S extends EventSubject> = (
  event: EventEnvelope<EventOf<S>>,
  manager: EntityManager,
) => Promise<void>;

type EventsHandler<S extends EventSubject> = (
  events: EventEnvelope<EventOf<S>>[],
  manager: EntityManager,
) => Promise<void>;

/**
 * Handles an event from JetStream, at most once per event id: the handler runs inside a
 * transaction that also records the event as processed, and its message is acknowledged only
 * after that commit. Write with the `manager` given, so the work and the record commit together.
 */
export function OnEvent<S extends EventSubject>(subject: S, options: OnEventOptions = {}) {
  return onEvent<S, EventHandler<S>>({ subject, ...options });
}

/**
 * `@OnEvent` for a busy subject whose handler writes little: the events in hand (up to `batch`,
 * in stream order, each not yet processed) go to one call in one transaction, so they share a
 * BEGIN, a processed-events insert and a COMMIT, and the handler can write all their rows in one
 * statement. A batch that fails is handled again one event at a time, so a bad event fails
 * alone. Batches of a subject run one at a time. Logs in the handler carry no correlation id
 * (the events each have their own).
 */
export function OnEvents<S extends EventSubject>(subject: S, options: OnEventsOptions) {
  return onEvent<S, EventsHandler<S>>({ subject, ...options });
}

/** Marks a method as a handler, typed by what it takes (one event or a list). */
function onEvent<S extends EventSubject, Handler>(metadata: OnEventMetadata & { subject: S }) {
  return <H extends Handler>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ): void => {
    SetMetadata<symbol, OnEventMetadata>(ON_EVENT, metadata)(target, key, descriptor);
  };
}
