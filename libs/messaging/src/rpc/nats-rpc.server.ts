import { CustomTransportStrategy, ServerNats } from '@nestjs/microservices';
import type { Subscription } from '@nats-io/transport-node';
import { NatsConnection } from '../nats-connection';

/**
 * Nest's NATS transport, run on the process's shared connection. Handlers are registered with
 * the contract's subject; on the wire they listen on the namespaced subject, in the service's
 * queue group so that replicas share the load.
 */
export class NatsRpcServer extends ServerNats implements CustomTransportStrategy {
  private readonly ownSubscriptions: Subscription[] = [];

  constructor(
    private readonly nats: NatsConnection,
    private readonly queue: string,
  ) {
    super({ queue });
  }

  override async createNatsClient() {
    return this.nats.client;
  }

  override bindEvents(): void {
    for (const pattern of this.messageHandlers.keys()) {
      const handle = this.getMessageHandler(pattern).bind(this);
      this.ownSubscriptions.push(
        this.nats.client.subscribe(this.nats.subject(pattern), {
          queue: this.queue,
          callback: handle,
        }),
      );
    }
  }

  /**
   * Our patterns are plain subjects. Nest's default first tries JSON.parse on every message's
   * subject, and the exception it throws and catches each time is measurable CPU.
   */
  override getRouteFromPattern(pattern: string): string {
    return pattern.startsWith('{') ? super.getRouteFromPattern(pattern) : pattern;
  }

  /** The shared connection reports its own state; nothing to watch here. */
  override async handleStatusUpdates(): Promise<void> {}

  /** Stops taking requests; the shared connection is closed by its owner. */
  override async close(): Promise<void> {
    for (const subscription of this.ownSubscriptions.splice(0)) subscription.unsubscribe();
  }
}
