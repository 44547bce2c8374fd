import { DynamicModule } from '@nestjs/common';
import { ServiceConfig } from '@switchboard/config';
import { ServiceName } from '@switchboard/contracts';
import { DatabaseModule, DatabaseReadiness, ServiceDatabase } from '@switchboard/database';
import { HealthModule, MetricsModule, loggingModule } from '@switchboard/observability';
import { MessagingModule } from './messaging.module';
import { NatsReadiness, natsAuthFrom } from './nats-connection';

export interface InfrastructureOptions {
  service: ServiceName;
  config: ServiceConfig;
  database: ServiceDatabase;
  /** Services that write events relay their outbox. */
  outbox?: boolean;
}

/**
 * What every service process is made of besides its own domain modules: logs, its database
 * schema, NATS (requests, events, outbox), health and metrics.
 */
export function infrastructureModules(options: InfrastructureOptions): DynamicModule[] {
  const { config } = options;
  return [
    loggingModule({
      service: options.service,
      level: config.LOG_LEVEL,
      instance: config.INSTANCE_ID,
    }),
    DatabaseModule.forRoot(options.database, config.DATABASE_URL),
    MessagingModule.forRoot({
      service: options.service,
      natsUrl: config.NATS_URL,
      namespace: config.NATS_NAMESPACE,
      natsAuth: natsAuthFrom(config),
      streamReplicas: config.NATS_STREAM_REPLICAS,
      instance: config.INSTANCE_ID,
      maxEventAttempts: config.EVENT_MAX_ATTEMPTS,
      outbox: options.outbox
        ? { pollIntervalMs: config.OUTBOX_POLL_MS, batchSize: config.OUTBOX_BATCH_SIZE }
        : undefined,
    }),
    HealthModule.register([DatabaseReadiness, NatsReadiness]),
    { module: MetricsModule },
  ];
}
