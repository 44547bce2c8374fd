import * as c from '@switchboard/contracts';
import { NatsConnection } from '@switchboard/messaging';
import { FakeHandler, FakeResponders, fakeNotFound } from '@switchboard/testing';

/**
 * Answers the ticket-core queries notification asks (settings, agents, teams, a ticket, the
 * public ticket) from fixtures, and records the delivery outcomes it is told: notification's
 * medium tests run without ticket-core; the e2e specs use the real one.
 */
export class FakeTicketCore {
  readonly deliveries: c.DeliveryReportV1[] = [];
  readonly agents = new Map<string, c.AgentV1>();
  readonly teams: c.TeamV1[] = [];
  readonly publicTickets = new Map<string, c.PublicTicketV1>();
  readonly mailboxes = new Map<string, string>();
  publicBaseUrl = 'https://help.acme.test';
  private readonly responders: FakeResponders;

  constructor(nats: NatsConnection) {
    this.responders = new FakeResponders(nats);
  }

  start(): this {
    const handlers: Partial<Record<c.RequestSubject, FakeHandler>> = {
      [c.GET_WORKSPACE_SETTINGS_V1]: (data: c.GetWorkspaceSettingsV1) => ({
        workspaceId: data.actor.workspaceId,
        publicBaseUrl: this.publicBaseUrl,
      }),
      [c.GET_AGENT_V1]: (data: c.GetAgentV1) => this.agents.get(data.agentId) ?? fakeNotFound(),
      [c.LIST_TEAMS_V1]: () => ({ items: this.teams }),
      [c.GET_TICKET_V1]: (data: c.GetTicketV1) => ({
        id: data.ticketId,
        mailboxAddress: this.mailboxes.get(data.ticketId) ?? null,
      }),
      [c.GET_TICKET_BY_TOKEN_V1]: (data: c.GetTicketByTokenV1) =>
        this.publicTickets.get(data.token) ?? fakeNotFound(),
      [c.RECORD_DELIVERIES_V1]: (data: c.RecordDeliveriesV1) => {
        this.deliveries.push(...data.deliveries);
        return { messageIds: data.deliveries.map((delivery) => delivery.messageId ?? null) };
      },
    };
    this.responders.answer(handlers);
    return this;
  }

  stop(): void {
    this.responders.stop();
  }
}
