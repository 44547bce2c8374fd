import * as c from '@switchboard/contracts';
import { NatsConnection } from '@switchboard/messaging';
import { FakeHandler, FakeResponders, fakeNotFound } from '@switchboard/testing';

/**
 * Answers the ticket-core queries knowledge-base asks (a ticket, a workspace, its settings) from
 * fixtures: the medium tests run without ticket-core; the e2e spec uses the real one.
 */
export class FakeTicketCore {
  readonly tickets = new Map<string, Pick<c.TicketDetailV1, 'id' | 'subject' | 'messages'>>();
  readonly workspaces = new Map<string, string>();
  readonly ticketReads: c.GetTicketV1[] = [];
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
      [c.FIND_WORKSPACE_V1]: (data: c.FindWorkspaceV1) => {
        const slug = this.workspaces.get(data.workspaceId ?? '');
        return slug ? { id: data.workspaceId, slug, name: slug } : fakeNotFound();
      },
      [c.GET_TICKET_V1]: (data: c.GetTicketV1) => {
        this.ticketReads.push(data);
        return this.tickets.get(data.ticketId) ?? fakeNotFound();
      },
    };
    this.responders.answer(handlers);
    return this;
  }

  stop(): void {
    this.responders.stop();
  }
}
