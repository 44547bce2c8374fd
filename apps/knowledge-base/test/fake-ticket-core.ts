import type { Subscription } from '@nats-io/transport-node';
import * as c from '@switchboard/contracts';
import { NatsConnection } from '@switchboard/messaging';

type Handler = (data: never) => unknown;

/**
 * Answers the ticket-core queries knowledge-base asks (a ticket, a workspace, its settings) from
 * fixtures: the medium tests run without ticket-core; the e2e spec uses the real one.
 */
export class FakeTicketCore {
  readonly tickets = new Map<string, Pick<c.TicketDetailV1, 'id' | 'subject' | 'messages'>>();
  readonly workspaces = new Map<string, string>();
  readonly ticketReads: c.GetTicketV1[] = [];
  publicBaseUrl = 'https://help.acme.test';
  private readonly subscriptions: Subscription[] = [];

  constructor(private readonly nats: NatsConnection) {}

  start(): this {
    const handlers: Partial<Record<c.RequestSubject, Handler>> = {
      [c.GET_WORKSPACE_SETTINGS_V1]: (data: c.GetWorkspaceSettingsV1) => ({
        workspaceId: data.actor.workspaceId,
        publicBaseUrl: this.publicBaseUrl,
      }),
      [c.FIND_WORKSPACE_V1]: (data: c.FindWorkspaceV1) => {
        const slug = this.workspaces.get(data.workspaceId ?? '');
        return slug ? { id: data.workspaceId, slug, name: slug } : notFound();
      },
      [c.GET_TICKET_V1]: (data: c.GetTicketV1) => {
        this.ticketReads.push(data);
        return this.tickets.get(data.ticketId) ?? notFound();
      },
    };
    for (const [subject, handler] of Object.entries(handlers)) {
      const subscription = this.nats.client.subscribe(this.nats.subject(subject), {
        callback: (error, message) => {
          if (error) return;
          const { id, data } = message.json<{ id: string; data: never }>();
          let reply: unknown;
          try {
            reply = { id, response: handler(data), isDisposed: true };
          } catch (failure) {
            reply = { id, err: (failure as { envelope: unknown }).envelope, isDisposed: true };
          }
          message.respond(JSON.stringify(reply));
        },
      });
      this.subscriptions.push(subscription);
    }
    return this;
  }

  stop(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.unsubscribe();
  }
}

function notFound(): never {
  throw { envelope: { code: c.ErrorCode.NOT_FOUND, message: 'not found' } };
}
