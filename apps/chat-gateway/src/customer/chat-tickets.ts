import { Injectable, Logger } from '@nestjs/common';
import {
  Actor,
  CREATE_TICKET_V1,
  GET_CUSTOMER_V1,
  LINK_CUSTOMER_V1,
  MERGE_TICKET_V1,
  REPLY_TICKET_V1,
  SCHEDULE_INTAKE_CLOSE_V1,
  TicketSummaryV1,
} from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { randomUUID } from 'node:crypto';
import { HeldChat } from './chat-sessions';

const system = (workspaceId: string): Actor => ({ kind: 'system', workspaceId, teamIds: [] });

/** The chat's subject: the start of the first message, on one line. */
const subjectOf = (body: string) => {
  const line = body.trim().split(/\r?\n/, 1)[0] ?? '';
  return (line.length > 80 ? `${line.slice(0, 79)}…` : line) || 'Chat';
};

const isOpen = (ticket: TicketSummaryV1) => ticket.status !== 'solved' && !ticket.deleted;

/**
 * The tickets behind chats, made through ticket-core's commands: a live chat's new ticket (and
 * the customer's older open chat closed into it), or an out-of-hours message collected into the
 * customer's open ticket when there is one.
 */
@Injectable()
export class ChatTickets {
  private readonly logger = new Logger(ChatTickets.name);

  constructor(private readonly rpc: NatsRpcClient) {}

  /** A live chat: a new ticket; an older open chat ticket of the customer is merged into it. */
  async startLive(workspaceId: string, chat: HeldChat): Promise<TicketSummaryV1> {
    const ticket = await this.create(workspaceId, chat);
    for (const older of await this.openTicketsOf(workspaceId, ticket.customer.id)) {
      if (older.id === ticket.id || older.channel !== 'chat') continue;
      await this.rpc
        .request(MERGE_TICKET_V1, {
          actor: system(workspaceId),
          ticketId: older.id,
          intoTicketId: ticket.id,
        })
        .catch((error: Error) =>
          this.logger.warn(
            `could not close ticket ${older.id} into ${ticket.id}: ${error.message}`,
          ),
        );
    }
    return ticket;
  }

  /**
   * The customer said YES: their message goes into their open ticket, or a new one; either way
   * the intake closes after the workspace's silence (ticket-core's timer).
   */
  async collect(workspaceId: string, chat: HeldChat): Promise<TicketSummaryV1> {
    const known = chat.email || chat.externalId;
    const customerId = known ? await this.customerIdOf(workspaceId, chat) : undefined;
    const [open] = customerId ? await this.openTicketsOf(workspaceId, customerId) : [];
    let ticket: TicketSummaryV1;
    if (open) {
      const added = await this.rpc.request(REPLY_TICKET_V1, {
        actor: { kind: 'customer', workspaceId, customerId, teamIds: [] },
        ticketId: open.id,
        body: chat.body,
      });
      ticket = added.ticket;
    } else {
      ticket = await this.create(workspaceId, chat);
    }
    await this.scheduleClose(workspaceId, ticket.id);
    return ticket;
  }

  /** Every message collected out of hours starts the silence again. */
  async scheduleClose(workspaceId: string, ticketId: string): Promise<void> {
    await this.rpc
      .request(SCHEDULE_INTAKE_CLOSE_V1, { actor: system(workspaceId), ticketId })
      .catch((error: Error) =>
        // A ticket that left new/open (solved meanwhile) has no intake to close.
        this.logger.warn(`no intake close for ticket ${ticketId}: ${error.message}`),
      );
  }

  private create(workspaceId: string, chat: HeldChat): Promise<TicketSummaryV1> {
    return this.rpc.request(CREATE_TICKET_V1, {
      actor: system(workspaceId),
      channel: 'chat',
      subject: subjectOf(chat.body),
      body: chat.body,
      customer: {
        name: chat.name,
        email: chat.email,
        // ticket-core keeps customers by email or external id: an anonymous visitor is one of
        // their own, who can be merged with a known customer later.
        externalId: chat.externalId ?? (chat.email ? undefined : `visitor:${randomUUID()}`),
      },
      originIp: chat.originIp,
      userAgent: chat.userAgent,
      teamId: chat.teamId,
    });
  }

  private async customerIdOf(workspaceId: string, chat: HeldChat): Promise<string> {
    const customer = await this.rpc.request(LINK_CUSTOMER_V1, {
      actor: system(workspaceId),
      email: chat.email,
      externalId: chat.externalId,
      name: chat.name,
    });
    return customer.id;
  }

  /** The customer's tickets that are not solved, newest first. */
  private async openTicketsOf(workspaceId: string, customerId: string) {
    const profile = await this.rpc.request(GET_CUSTOMER_V1, {
      actor: system(workspaceId),
      customerId,
    });
    return profile.tickets.filter(isOpen).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}
