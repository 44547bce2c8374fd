import type { Subscription } from '@nats-io/transport-node';
import { ErrorCode, RequestSubject } from '@switchboard/contracts';
import { NatsConnection } from '@switchboard/messaging';

export type FakeHandler = (data: never) => unknown;

/**
 * Answers request subjects from a test's fixtures, framed as Nest's NATS transport frames its
 * replies, so a service's medium tests run without the service it asks (its e2e specs use the
 * real one). A handler throws `fakeNotFound()` (or any `{ envelope }`) to answer an error.
 */
export class FakeResponders {
  private readonly subscriptions: Subscription[] = [];

  constructor(private readonly nats: NatsConnection) {}

  answer(handlers: Partial<Record<RequestSubject, FakeHandler>>): void {
    for (const [subject, handler] of Object.entries(handlers)) {
      const subscription = this.nats.client.subscribe(this.nats.subject(subject), {
        callback: (error, message) => {
          if (error) return;
          const { id, data } = message.json<{ id: string; data: never }>();
          let reply: unknown;
          try {
            reply = { id, response: handler!(data), isDisposed: true };
          } catch (failure) {
            reply = { id, err: (failure as { envelope: unknown }).envelope, isDisposed: true };
          }
          message.respond(JSON.stringify(reply));
        },
      });
      this.subscriptions.push(subscription);
    }
  }

  stop(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.unsubscribe();
  }
}

export function fakeNotFound(): never {
  throw { envelope: { code: ErrorCode.NOT_FOUND, message: 'not found' } };
}
