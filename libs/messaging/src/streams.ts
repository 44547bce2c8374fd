import { Injectable, Logger } from '@nestjs/common';
import { ConsumerConfig, RetentionPolicy, StorageType, StreamConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { STREAMS } from '@switchboard/contracts';
import { retryWhileElecting } from './jetstream-retry';
import { NatsConnection } from './nats-connection';

/** The streams every service relies on (libs/contracts); each provisions them at startup. */
export { STREAMS };

const DAY_NS = nanos(24 * 60 * 60 * 1000);

@Injectable()
export class StreamProvisioner {
  private readonly logger = new Logger(StreamProvisioner.name);

  constructor(private readonly nats: NatsConnection) {}

  streamName(stream: keyof typeof STREAMS): string {
    return this.nats.name(STREAMS[stream].name);
  }

  async provision(): Promise<void> {
    await this.ensure({
      name: this.streamName('events'),
      subjects: [this.nats.subject(STREAMS.events.subjects)],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: 7 * DAY_NS,
      // Outbox rows republished after a relay crash are dropped by Nats-Msg-Id within this window.
      duplicate_window: nanos(10 * 60 * 1000),
    });
    await this.ensure({
      name: this.streamName('deadLetters'),
      subjects: [this.nats.subject(STREAMS.deadLetters.subjects)],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: 30 * DAY_NS,
      duplicate_window: nanos(10 * 60 * 1000),
    });
  }

  /** A stream as configured: made, or updated when its settings differ; replicas from settings. */
  async ensure(config: Partial<StreamConfig> & { name: string }): Promise<void> {
    const jsm = this.nats.jsm;
    config.num_replicas = this.nats.settings.streamReplicas ?? 1;
    await retryWhileElecting(`provisioning ${config.name}`, this.logger, async () => {
      const existing = await jsm.streams.info(config.name).catch((error: unknown) => {
        if (isNotFound(error)) return undefined;
        throw error;
      });
      if (!existing) await this.add(config);
      // An update goes through the stream's replicas: only when something changed.
      else if (differs(existing.config, config)) await jsm.streams.update(config.name, config);
    });
  }

  /**
   * A durable consumer of `stream`, made unless it exists. Its settings are the first maker's:
   * replicas of a service race to make the same one, and the loser's add is no error.
   */
  async ensureConsumer(
    stream: string,
    config: Partial<ConsumerConfig> & { durable_name: string },
  ): Promise<void> {
    const jsm = this.nats.jsm;
    await retryWhileElecting(`consumer ${config.durable_name}`, this.logger, async () => {
      try {
        await jsm.consumers.info(stream, config.durable_name);
      } catch (error) {
        if (!isNotFound(error)) throw error;
        await jsm.consumers.add(stream, config).catch((addError: Error) => {
          if (!/already (in use|exists)/i.test(addError.message)) throw addError;
        });
      }
    });
  }

  private async add(config: Partial<StreamConfig> & { name: string }): Promise<void> {
    try {
      await this.nats.jsm.streams.add(config);
      this.logger.log(`created stream ${config.name}`);
    } catch (addError) {
      // Another replica created it between our look and our add.
      if (!/already in use|exists/i.test((addError as Error).message)) throw addError;
    }
  }
}

/** Whether a stream's settings differ from the ones we want. */
function differs(existing: Partial<StreamConfig>, wanted: Partial<StreamConfig>): boolean {
  return (Object.keys(wanted) as (keyof StreamConfig)[]).some(
    (key) => JSON.stringify(existing[key]) !== JSON.stringify(wanted[key]),
  );
}

export function isNotFound(error: unknown): boolean {
  const message = (error as Error)?.message ?? '';
  return /not found/i.test(message) || (error as { code?: number })?.code === 404;
}
