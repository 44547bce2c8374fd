import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  EventEnvelope,
  LIVE_TICKET_PREFIX,
  LiveSignalV1,
  NOTIFICATION_CREATED_V1,
  NotificationCreatedV1,
  TicketEventV1,
  liveTicketSubject,
} from '@switchboard/contracts';
import { NatsConnection } from '@switchboard/messaging';
import type { Subscription } from '@nats-io/transport-node';

export type TicketEventListener = (
  type: string,
  event: EventEnvelope<TicketEventV1>,
) => Promise<void>;
export type NotificationListener = (event: EventEnvelope<NotificationCreatedV1>) => Promise<void>;
export type LiveSignalListener = (signal: LiveSignalV1) => Promise<void>;

const TICKET_EVENTS = 'helpdesk.evt.ticket.>';

/**
 * What this replica's sockets are told: ticket-core's ticket events, notification's in-app
 * notifications and the other replicas' signals (typing, viewing). Every replica subscribes on its own (no queue group), so each sees every event
 * and delivers it to the sockets connected to it: no socket.io adapter is needed to cross them.
 */
@Injectable()
export class LiveFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LiveFeed.name);
  private readonly ticketListeners: TicketEventListener[] = [];
  private readonly signalListeners: LiveSignalListener[] = [];
  private readonly notificationListeners: NotificationListener[] = [];
  private subscriptions: Subscription[] = [];

  constructor(private readonly nats: NatsConnection) {}

  onTicketEvent(listener: TicketEventListener): void {
    this.ticketListeners.push(listener);
  }

  onNotification(listener: NotificationListener): void {
    this.notificationListeners.push(listener);
  }

  onSignal(listener: LiveSignalListener): void {
    this.signalListeners.push(listener);
  }

  publish(signal: LiveSignalV1): void {
    this.nats.client.publish(
      this.nats.subject(liveTicketSubject(signal.ticketId)),
      JSON.stringify(signal),
    );
  }

  onApplicationBootstrap(): void {
    this.subscriptions = [
      this.listen(TICKET_EVENTS, (subject, body) =>
        Promise.all(
          this.ticketListeners.map((listener) =>
            listener(subject, body as EventEnvelope<TicketEventV1>),
          ),
        ),
      ),
      this.listen(NOTIFICATION_CREATED_V1, (_subject, body) =>
        Promise.all(
          this.notificationListeners.map((listener) =>
            listener(body as EventEnvelope<NotificationCreatedV1>),
          ),
        ),
      ),
      this.listen(`${LIVE_TICKET_PREFIX}.*`, (_subject, body) =>
        Promise.all(this.signalListeners.map((listener) => listener(body as LiveSignalV1))),
      ),
    ];
  }

  onApplicationShutdown(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }

  private listen(
    subject: string,
    deliver: (subject: string, body: unknown) => Promise<unknown>,
  ): Subscription {
    // The connection resubscribes by itself after a reconnect; what was published meanwhile is
    // not lost to clients: the next message pushes every message they miss, by sequence.
    const subscription = this.nats.client.subscribe(this.nats.subject(subject));
    void (async () => {
      for await (const message of subscription) {
        let body: unknown;
        try {
          body = message.json();
        } catch {
          this.logger.warn(`ignored a message that is not JSON on ${message.subject}`);
          continue;
        }
        // Not awaited: one slow ticket must not hold up the others (each gateway keeps a ticket's
        // own deliveries in order).
        void deliver(this.nats.unqualified(message.subject), body).catch((error: Error) =>
          this.logger.error(`delivering ${message.subject} failed: ${error.stack ?? error}`),
        );
      }
    })();
    return subscription;
  }
}
