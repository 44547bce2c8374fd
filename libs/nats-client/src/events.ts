import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { EventEnvelope, EventSubject } from '@switchboard/contracts';
import { eventSubjectOfMessage } from './subjects';

/** Handles one event; resolving acknowledges it, throwing has it delivered again later. */
export type EventHandler = (event: EventEnvelope, subject: EventSubject) => Promise<void>;

export interface EventOptions {
  /** Only these events reach the handler; the others are acknowledged and skipped. */
  subjects?: EventSubject[];
  /** How long an event whose handler threw waits before it comes again. Default 5 s. */
  retryDelayMs?: number;
}

export interface EventSubscription {
  /**
   * Resolves once the credential's consumer is found and events are being pulled; rejects when
   * it cannot start (no such consumer: a revoked credential, or not this server's).
   */
  readonly ready: Promise<void>;
  /** Resolves when the loop has ended (stop(), close()); rejects if it ended on an error. */
  readonly closed: Promise<void>;
  /**
   * Ends the loop: the handler running now finishes (and its event is acknowledged), events
   * already fetched but not handled are given back at once. Resolves when the loop has ended.
   */
  stop(): Promise<void>;
}

const DEFAULT_RETRY_DELAY_MS = 5_000;

/*
 * Events are handled one at a time, in the order the stream has them (a ticket's events stay in
 * order). Few are fetched ahead: the consumer's ack wait runs from delivery, so a large batch
 * behind a slow handler would time out and come twice.
 */
const PULL_BATCH = 10;

/**
 * Reads the credential's durable consumer. The integration may only ask its consumer's info, pull
 * from it and acknowledge (no stream info, no consumer creation), which is exactly what
 * `consumers.get` (CONSUMER.INFO) and `consume()` (MSG.NEXT, and CONSUMER.INFO again after a
 * reconnect or missed heartbeats, to re-pull) do; `consume()` keeps pulling across reconnects.
 */
export function consumeEvents(
  js: JetStreamClient,
  stream: string,
  consumerName: string,
  namespace: string,
  handler: EventHandler,
  options: EventOptions = {},
): EventSubscription {
  const wanted = options.subjects ? new Set<string>(options.subjects) : undefined;
  const retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  let stopped = false;
  let messages: ConsumerMessages | undefined;
  let started = () => {};

  const handle = async (message: JsMsg) => {
    if (stopped) {
      // Fetched ahead but not handled: back to the consumer now rather than after the ack wait.
      settle(() => message.nak());
      return;
    }
    const subject = eventSubjectOfMessage(message.subject, namespace);
    if (!subject || (wanted && !wanted.has(subject))) {
      settle(() => message.ack());
      return;
    }
    let event: EventEnvelope;
    try {
      event = message.json<EventEnvelope>();
    } catch {
      // It can never parse, so redelivering it would only loop: the server drops it.
      settle(() => message.term('not a JSON event envelope'));
      return;
    }
    try {
      await handler(event, subject);
    } catch {
      // The handler reports its own failures; the event comes back after the delay.
      settle(() => message.nak(retryDelayMs));
      return;
    }
    settle(() => message.ack());
  };

  const run = async () => {
    const consumer = await js.consumers.get(stream, consumerName);
    if (stopped) return;
    messages = await consumer.consume({ max_messages: PULL_BATCH });
    started();
    for await (const message of messages) await handle(message);
  };

  const closed = run();
  // Settles once: when the loop starts, or with the loop's end if it never got that far (its
  // error, or nothing when stopped first).
  const ready = new Promise<void>((resolve, reject) => {
    started = resolve;
    closed.then(resolve, reject);
  });
  // Both are marked handled, so an integration that awaits only one of them (or neither, and
  // ends with stop()) gets no unhandled rejection from the other.
  ready.catch(() => undefined);
  closed.catch(() => undefined);

  return {
    ready,
    closed,
    stop: async () => {
      stopped = true;
      messages?.stop();
      await closed.catch(() => undefined);
    },
  };
}

/**
 * Acks and naks are fire-and-forget publishes; on a connection that is closing they throw, and
 * the message then comes again after the ack wait anyway, so that is no reason to end the loop.
 */
function settle(reply: () => void): void {
  try {
    reply();
  } catch {
    // the server redelivers it after the consumer's ack wait
  }
}
