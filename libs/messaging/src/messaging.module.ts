import { DynamicModule, Global, Injectable, Module, OnModuleInit, Type } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PingV1, PongV1, ServiceName, pingSubject } from '@switchboard/contracts';
import { instanceName } from '@switchboard/observability';
import { DataSource } from 'typeorm';
import { EventConsumers } from './events/event-consumers';
import { NatsConnection, NatsReadiness } from './nats-connection';
import { Outbox } from './outbox/outbox';
import { OutboxRelay } from './outbox/outbox.relay';
import { NatsController, OnRequest } from './rpc/nats-controller.decorator';
import { NatsRpcClient } from './rpc/nats-rpc.client';
import { RpcContextInterceptor } from './rpc/rpc-context.interceptor';
import { StreamProvisioner } from './streams';

export interface MessagingOptions {
  service: ServiceName;
  natsUrl: string;
  namespace: string;
  /** The service's own NATS user and password (none on an open server). */
  natsAuth: { credentials?: string };
  streamReplicas: number;
  instance?: string;
  /** Tries per event before dead-lettering. */
  maxEventAttempts: number;
  /** Relay this service's outbox to JetStream (for services that write events). */
  outbox?: { pollIntervalMs: number; batchSize: number };
}

/** Connects to NATS and provisions the streams before anything else starts. */
@Injectable()
class MessagingStartup implements OnModuleInit {
  constructor(
    private readonly nats: NatsConnection,
    private readonly streams: StreamProvisioner,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.nats.connect();
    await this.streams.provision();
  }
}

function pingControllerFor(service: ServiceName, instance: string): Type {
  @NatsController()
  class PingController {
    @OnRequest(pingSubject(service))
    ping(payload: PingV1): PongV1 {
      return { service, instance, echo: payload.echo, at: new Date().toISOString() };
    }
  }
  return PingController;
}

@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    const instance = instanceName(options.instance);
    const outboxProviders = options.outbox
      ? [
          {
            provide: OutboxRelay,
            useFactory: (dataSource: DataSource, nats: NatsConnection) =>
              new OutboxRelay(dataSource, nats, options.outbox!),
            inject: [DataSource, NatsConnection],
          },
        ]
      : [];
    return {
      module: MessagingModule,
      imports: [DiscoveryModule],
      controllers: [pingControllerFor(options.service, instance)],
      providers: [
        {
          provide: NatsConnection,
          useFactory: () =>
            new NatsConnection({
              servers: options.natsUrl,
              namespace: options.namespace,
              name: `${options.service}:${instance}`,
              streamReplicas: options.streamReplicas,
              ...options.natsAuth,
            }),
        },
        StreamProvisioner,
        MessagingStartup,
        NatsReadiness,
        NatsRpcClient,
        RpcContextInterceptor,
        Outbox,
        ...outboxProviders,
        {
          provide: EventConsumers,
          useFactory: (
            discovery: DiscoveryService,
            scanner: MetadataScanner,
            reflector: Reflector,
            dataSource: DataSource,
            nats: NatsConnection,
            streams: StreamProvisioner,
          ) =>
            new EventConsumers(discovery, scanner, reflector, dataSource, nats, streams, {
              service: options.service,
              maxAttempts: options.maxEventAttempts,
            }),
          inject: [
            DiscoveryService,
            MetadataScanner,
            Reflector,
            DataSource,
            NatsConnection,
            StreamProvisioner,
          ],
        },
      ],
      exports: [
        NatsConnection,
        StreamProvisioner,
        NatsReadiness,
        NatsRpcClient,
        Outbox,
        RpcContextInterceptor,
        ...outboxProviders.map((provider) => provider.provide),
      ],
    };
  }
}
