import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  Actor,
  LIVE_PRESENCE_PREFIX,
  SET_AVAILABILITY_V1,
  livePresenceSubject,
} from '@switchboard/contracts';
import { NatsConnection, NatsRpcClient } from '@switchboard/messaging';
import type { Subscription } from '@nats-io/transport-node';

/** How long the replicas have to say they still hold a socket of the agent. */
const ASK_MS = 500;

/**
 * Agents' presence from their desks' sockets: online when one connects, as they set it while
 * connected, offline when their last socket on every replica has closed. ticket-core keeps the
 * availability (it decides whether a new chat is live or out of hours).
 */
@Injectable()
export class Presence implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Presence.name);
  /** This replica's open sockets per agent. */
  private readonly sockets = new Map<string, number>();
  private subscription?: Subscription;

  constructor(
    private readonly nats: NatsConnection,
    private readonly rpc: NatsRpcClient,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.nats.client.subscribe(this.nats.subject(`${LIVE_PRESENCE_PREFIX}.*`), {
      callback: (error, message) => {
        const agentId = this.nats
          .unqualified(message.subject)
          .slice(LIVE_PRESENCE_PREFIX.length + 1);
        if (!error && (this.sockets.get(agentId) ?? 0) > 0) message.respond('here');
      },
    });
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  async connected(actor: Actor): Promise<void> {
    const agentId = actor.agentId!;
    this.sockets.set(agentId, (this.sockets.get(agentId) ?? 0) + 1);
    await this.set(actor, 'online');
  }

  async disconnected(actor: Actor): Promise<void> {
    const agentId = actor.agentId!;
    const left = (this.sockets.get(agentId) ?? 1) - 1;
    if (left > 0) {
      this.sockets.set(agentId, left);
      return;
    }
    this.sockets.delete(agentId);
    const elsewhere = await this.nats.client
      .request(this.nats.subject(livePresenceSubject(agentId)), '', { timeout: ASK_MS })
      .then(
        () => true,
        () => false, // no responders, or none in time
      );
    if (!elsewhere && !this.sockets.has(agentId)) await this.set(actor, 'offline');
  }

  async set(actor: Actor, availability: 'online' | 'away' | 'offline'): Promise<void> {
    await this.rpc
      .request(SET_AVAILABILITY_V1, { actor, availability })
      .catch((error: Error) =>
        this.logger.warn(`availability of agent ${actor.agentId} not set: ${error.message}`),
      );
  }
}
