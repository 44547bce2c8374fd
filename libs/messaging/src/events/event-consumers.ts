import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { AckPolicy, ConsumerMessages, DeliverPolicy, JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders, nanos } from '@nats-io/transport-node';
import {
  EventEnvelope,
  EventSubject,
  Headers,
  consumerName,
  deadLetterSubject,
  eventClasses,
} from '@switchboard/contracts';
import { Batcher, inTransaction } from '@switchboard/database';
import { natsHandlerDuration, runWithCorrelation } from '@switchboard/observability';
import { DataSource, EntityManager } from 'typeorm';
import { eventsDeadLettered } from '../metrics';
import { NatsConnection } from '../nats-connection';
import { StreamProvisioner } from '../streams';
import { validatePayload } from '../validation';
import { ON_EVENT, OnEventMetadata } from './on-event.decorator';

export interface EventConsumerSettings {
  /** The service name: durable consumers are named after it, so its replicas share them. */
  service: string;
  maxAttempts: number;
}

interface Subscription {
  durable: string;
  subject: EventSubject;
  maxAttempts: number;
  concurrency: number;
  /** The handler, given the fresh events of one transaction. */
  handle: (events: EventEnvelope[], manager: EntityManager) => Promise<void>;
  /** With `@OnEvents`: gathers the events in hand into one transaction. */
  batches?: Batcher<EventEnvelope, void>;
}

/** Backoff before a failed event is delivered again: 1 s, 2 s, 4 s … capped at a minute. */
export function redeliveryDelayMs(deliveryCount: number): number {
  return Math.min(1000 * 2 ** (deliveryCount - 1), 60_000);
}

/** A message that can never succeed (unparseable, invalid) is dead-lettered at once. */
class PoisonMessage extends Error {}

/**
 * Finds every `@OnEvent` handler and runs it from a durable JetStream consumer named after the
 * service and the subject; replicas of the service share that consumer.
 */
@Injectable()
export class EventConsumers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EventConsumers.name);
  private readonly active: ConsumerMessages[] = [];
  private readonly loops: Promise<void>[] = [];
  private running = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly nats: NatsConnection,
    private readonly streams: StreamProvisioner,
    private readonly settings: EventConsumerSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    for (const subscription of this.discover()) {
      await this.ensureConsumer(subscription);
      this.loops.push(this.consume(subscription));
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    for (const messages of this.active.splice(0)) await messages.close().catch(() => undefined);
    await Promise.all(this.loops);
  }

  private discover(): Subscription[] {
    const found: Subscription[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const handler = instance[method] as (...args: unknown[]) => Promise<void>;
        const metadata = this.reflector.get<OnEventMetadata | undefined>(ON_EVENT, handler);
        if (!metadata) continue;
        const batch = metadata.batch;
        const subscription: Subscription = {
          durable: this.nats.name(consumerName(this.settings.service, metadata.subject)),
          subject: metadata.subject,
          maxAttempts: metadata.maxAttempts ?? this.settings.maxAttempts,
          // A batch forms from the events in hand: as many as it may hold.
          concurrency: Math.max(1, metadata.concurrency ?? 1, batch ?? 1),
          handle: batch
            ? (events, manager) => handler.call(instance, events, manager)
            : async (events, manager) => {
                for (const event of events) {
                  await runWithCorrelation(event.correlationId, () =>
                    handler.call(instance, event, manager),
                  );
                }
              },
        };
        if (batch) {
          subscription.batches = new Batcher(
            (events) => this.handleInTransaction(subscription, events),
            Math.max(1, batch),
            metadata.lingerMs,
          );
        }
        found.push(subscription);
      }
    }
    return found;
  }

  private async ensureConsumer(subscription: Subscription): Promise<void> {
    const stream = this.streams.streamName('events');
    const config = {
      durable_name: subscription.durable,
      filter_subject: this.nats.subject(subscription.subject),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(30_000),
      // Redelivery is ours to decide (nak with backoff, then dead-letter), not the server's.
      max_deliver: -1,
      max_ack_pending: 1000,
    };
    await this.streams.ensureConsumer(stream, config);
  }

  private async consume(subscription: Subscription): Promise<void> {
    const stream = this.streams.streamName('events');
    while (this.running) {
      try {
        const consumer = await this.nats.js.consumers.get(stream, subscription.durable);
        const messages = await consumer.consume({ max_messages: 100 });
        this.active.push(messages);
        // Each message is acknowledged on its own, so several may be in hand at once.
        const inHand = new Set<Promise<void>>();
        for await (const message of messages) {
          const handled: Promise<void> = this.process(subscription, message).finally(() =>
            inHand.delete(handled),
          );
          inHand.add(handled);
          if (inHand.size >= subscription.concurrency) await Promise.race(inHand);
          if (!this.running) break;
        }
        await Promise.all(inHand);
      } catch (error) {
        if (!this.running) break;
        this.logger.warn(`consumer ${subscription.durable} stopped: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await this.ensureConsumer(subscription).catch(() => undefined);
      }
    }
  }

  private async process(subscription: Subscription, message: JsMsg): Promise<void> {
    const end = natsHandlerDuration.startTimer({ subject: subscription.subject, kind: 'event' });
    let envelope: EventEnvelope | undefined;
    try {
      envelope = await this.parse(subscription.subject, message);
      if (subscription.batches) await subscription.batches.submit('', envelope);
      else await this.handleInTransaction(subscription, [envelope]);
      message.ack();
      end({ outcome: 'ok' });
    } catch (error) {
      end({ outcome: 'error' });
      await this.fail(subscription, message, envelope, error as Error);
    }
  }

  /**
   * Records the events as processed and runs the handler for each that was not yet, all in one
   * transaction: a redelivered event is skipped, and nothing of a failed one is kept.
   */
  private async handleInTransaction(
    subscription: Subscription,
    events: EventEnvelope[],
  ): Promise<void[]> {
    await inTransaction(this.dataSource, async (manager) => {
      const fresh: { event_id: string }[] = await manager.query(
        `INSERT INTO processed_events (consumer, event_id)
         SELECT $1, unnest($2::uuid[])
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [subscription.durable, events.map((event) => event.id)],
      );
      const unhandled = new Set(fresh.map((row) => row.event_id));
      const toHandle = events.filter((event) => unhandled.delete(event.id));
      if (toHandle.length > 0) await subscription.handle(toHandle, manager);
    });
    return events.map(() => undefined);
  }

  private async parse(subject: EventSubject, message: JsMsg): Promise<EventEnvelope> {
    let envelope: EventEnvelope;
    try {
      envelope = message.json<EventEnvelope>();
    } catch {
      throw new PoisonMessage('message is not JSON');
    }
    if (typeof envelope?.id !== 'string' || typeof envelope.workspaceId !== 'string') {
      throw new PoisonMessage('message is not an event envelope');
    }
    try {
      const payloadClass = eventClasses[subject] as new () => object;
      envelope.data = await validatePayload(payloadClass, envelope.data, { allowUnknown: true });
    } catch (error) {
      throw new PoisonMessage(`invalid ${subject} payload: ${(error as Error).message}`);
    }
    return envelope;
  }

  private async fail(
    subscription: Subscription,
    message: JsMsg,
    envelope: EventEnvelope | undefined,
    error: Error,
  ): Promise<void> {
    const attempt = message.info.deliveryCount;
    const poison = error instanceof PoisonMessage;
    if (!poison && attempt < subscription.maxAttempts) {
      this.logger.warn(
        `${subscription.durable}: event ${envelope?.id} failed (attempt ${attempt}): ${error.message}`,
      );
      message.nak(redeliveryDelayMs(attempt));
      return;
    }
    try {
      await this.deadLetter(subscription, message, error);
      eventsDeadLettered.inc({ consumer: subscription.durable });
      this.logger.error(
        { err: error, eventId: envelope?.id },
        `${subscription.durable}: event ${envelope?.id ?? message.seq} dead-lettered after ${attempt} attempt(s)`,
      );
      message.term(error.message.slice(0, 200));
    } catch (deadLetterError) {
      // Could not park it: keep it on the stream and try again later rather than lose it.
      this.logger.error(`dead-lettering failed: ${(deadLetterError as Error).message}`);
      message.nak(redeliveryDelayMs(attempt));
    }
  }

  private async deadLetter(subscription: Subscription, message: JsMsg, error: Error) {
    const headers = natsHeaders();
    headers.set(Headers.eventType, subscription.subject);
    headers.set('x-dead-letter-consumer', subscription.durable);
    headers.set('x-dead-letter-reason', error.message.slice(0, 500).replace(/[\r\n]+/g, ' '));
    headers.set('x-dead-letter-attempts', String(message.info.deliveryCount));
    await this.nats.js.publish(
      this.nats.subject(deadLetterSubject(this.settings.service)),
      message.data,
      {
        headers,
        msgID: `${subscription.durable}:${message.info.streamSequence}`,
      },
    );
  }
}
