import * as c from '@switchboard/contracts';
import { NatsConnection } from '@switchboard/messaging';
import type { Subscription } from '@nats-io/transport-node';

type Handler = (data: never) => unknown;

/**
 * Answers the ticket-core queries notification asks (settings, agents, teams, a ticket, the
 * public ticket) from fixtures, and records the delivery outcomes it is told: notification's
 * medium tests run without ticket-core; the e2e specs use the real one.
 */
export class FakeTicketCore {
  readonly deliveries: c.RecordDeliveryV1[] = [];
  readonly agents = new Map<string, c.AgentV1>();
  readonly teams: c.TeamV1[] = [];
  readonly publicTickets = new Map<string, c.PublicTicketV1>();
  readonly mailboxes = new Map<string, string>();
  publicBaseUrl = 'https://help.acme.test';
  private readonly subscriptions: Subscription[] = [];

  constructor(private readonly nats: NatsConnection) {}

  start(): this {
    const handlers: Partial<Record<c.RequestSubject, Handler>> = {
      [c.GET_WORKSPACE_SETTINGS_V1]: (data: c.GetWorkspaceSettingsV1) => ({
        workspaceId: data.actor.workspaceId,
        publicBaseUrl: this.publicBaseUrl,
      }),
      [c.GET_AGENT_V1]: (data: c.GetAgentV1) => this.agents.get(data.agentId) ?? notFound(),
      [c.LIST_TEAMS_V1]: () => ({ items: this.teams }),
      [c.GET_TICKET_V1]: (data: c.GetTicketV1) => ({
        id: data.ticketId,
        mailboxAddress: this.mailboxes.get(data.ticketId) ?? null,
      }),
      [c.GET_TICKET_BY_TOKEN_V1]: (data: c.GetTicketByTokenV1) =>
        this.publicTickets.get(data.token) ?? notFound(),
      [c.RECORD_DELIVERY_V1]: (data: c.RecordDeliveryV1) => {
        this.deliveries.push(data);
        return { messageId: data.messageId, state: data.state };
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
