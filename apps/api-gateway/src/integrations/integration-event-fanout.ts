import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import {
  AckPolicy,
  ConsumerMessages,
  DeliverPolicy,
  JsMsg,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { headers as natsHeaders, nanos } from '@nats-io/transport-node';
import {
  EventEnvelope,
  Headers,
  INTEGRATION_EVENTS_STREAM,
  INTEGRATION_FANOUT_CONSUMER,
  STREAMS,
  workspaceEventSubject,
} from '@switchboard/contracts';
import { NatsConnection, StreamProvisioner } from '@switchboard/messaging';

const DAY_NS = nanos(24 * 60 * 60 * 1000);

/**
 * Copies every event to its workspace's subject on the integration stream
 * (`helpdesk.ws.<workspaceId>.evt.…`), where each credential's consumer reads only its own
 * workspace's part. Event subjects name no workspace, and nats-server 2.9 cannot map one into
 * them, so a durable consumer of api-gateway does it: the copy is acknowledged by JetStream
 * before the original is, and carries the event's id as its Nats-Msg-Id, so a redelivery is not
 * stored twice. The stream keeps a copy only while some consumer still needs it (interest).
 */
@Injectable()
export class IntegrationEventFanout implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IntegrationEventFanout.name);
  private running = false;
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;

  constructor(
    private readonly nats: NatsConnection,
    private readonly streams: StreamProvisioner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    await this.provision();
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    await this.messages?.close().catch(() => undefined);
    await this.loop;
  }

  private get eventStream(): string {
    return this.streams.streamName('events');
  }

  private get durable(): string {
    return this.nats.name(INTEGRATION_FANOUT_CONSUMER);
  }

  private async provision(): Promise<void> {
    await this.streams.ensure({
      name: this.nats.name(INTEGRATION_EVENTS_STREAM.name),
      subjects: [this.nats.subject(INTEGRATION_EVENTS_STREAM.subjects)],
      retention: RetentionPolicy.Interest,
      storage: StorageType.File,
      max_age: 7 * DAY_NS,
      duplicate_window: nanos(10 * 60 * 1000),
    });
    await this.streams.ensureConsumer(this.eventStream, {
      durable_name: this.durable,
      filter_subject: this.nats.subject(STREAMS.events.subjects),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.New,
      ack_wait: nanos(30_000),
      max_deliver: -1,
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const consumer = await this.nats.js.consumers.get(this.eventStream, this.durable);
        this.messages = await consumer.consume({ max_messages: 200 });
        for await (const message of this.messages) {
          await this.copy(message);
          if (!this.running) break;
        }
      } catch (error) {
        if (!this.running) break;
        this.logger.warn(`copying events for integrations paused: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await this.provision().catch(() => undefined);
      }
    }
  }

  private async copy(message: JsMsg): Promise<void> {
    let envelope: EventEnvelope;
    try {
      envelope = message.json<EventEnvelope>();
    } catch {
      message.term(); // not an event: the services' own consumers dead-letter it
      return;
    }
    if (typeof envelope?.workspaceId !== 'string' || typeof envelope.id !== 'string') {
      message.term();
      return;
    }
    const subject = workspaceEventSubject(
      envelope.workspaceId,
      this.nats.unqualified(message.subject),
    );
    try {
      await this.nats.js.publish(this.nats.subject(subject), message.data, {
        msgID: envelope.id,
        headers: correlationHeaders(envelope.correlationId),
      });
      message.ack();
    } catch (error) {
      this.logger.warn(`event ${envelope.id} not copied yet: ${(error as Error).message}`);
      message.nak(1000);
    }
  }
}

function correlationHeaders(correlationId: string) {
  const headers = natsHeaders();
  if (correlationId) headers.set(Headers.correlationId, correlationId);
  return headers;
}
