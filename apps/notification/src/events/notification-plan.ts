import * as c from '@switchboard/contracts';
import { AgentKind, CustomerKind } from '../templates/notification-kinds';

/** What a mail or in-app notification needs of its event, kept with it until it is sent. */
export interface NotificationContext {
  ticketSubject: string;
  customerName: string | null;
  publicToken: string;
  /** The message the notification carries (an agent's reply, a new ticket's first words). */
  message: string;
  /** The replying agent's name when they sign replies. */
  authorName: string | null;
  /** The agent who acted (assigned, added), named in agent notifications. */
  actorAgentId: string | null;
  attachments: c.AttachmentRefV1[];
}

export type Planned =
  | { audience: 'customer'; kind: CustomerKind; recipient: string; ticketMessageId?: string }
  | { audience: 'agent'; kind: AgentKind; agentId: string };

export function contextOf(
  event: c.TicketEventV1,
  message?: c.MessageV1 | null,
): NotificationContext {
  return {
    ticketSubject: event.ticket.subject,
    customerName: event.ticket.customerName,
    publicToken: event.ticket.publicToken,
    message: message?.bodyText ?? '',
    authorName: message?.authorName ?? null,
    actorAgentId: event.actorKind === 'agent' ? event.actorId : null,
    attachments: message?.attachments ?? [],
  };
}

/**
 * Who hears of a ticket event, as pure rules: the customer by mail (an agent's public reply on a
 * mail-like ticket, a solve with summary, the out-of-hours acknowledgement), agents in-app (and by
 * mail as their preferences say) when someone else gave them work. A chat ticket's replies reach
 * the customer in the widget, not by mail, until it continues by mail (its channel becomes mail).
 */
export function planFor(subject: c.EventSubject, data: unknown): Planned[] {
  switch (subject) {
    case c.TICKET_MESSAGE_ADDED_V1: {
      const event = data as c.TicketMessageAddedV1;
      const { message, ticket } = event;
      if (message.visibility !== 'public' || message.authorKind !== 'agent') return [];
      if (ticket.channel === 'chat' || !ticket.customerEmail) return [];
      return [
        {
          audience: 'customer',
          kind: 'customer_reply',
          recipient: ticket.customerEmail,
          ticketMessageId: message.id,
        },
      ];
    }
    case c.TICKET_SOLVED_V1: {
      const event = data as c.TicketSolvedV1;
      if (!event.withSummary || !event.ticket.customerEmail) return [];
      return [
        { audience: 'customer', kind: 'solve_summary', recipient: event.ticket.customerEmail },
      ];
    }
    case c.TICKET_INTAKE_CLOSED_V1: {
      const event = data as c.TicketIntakeClosedV1;
      if (!event.ticket.customerEmail) return [];
      return [
        { audience: 'customer', kind: 'out_of_hours', recipient: event.ticket.customerEmail },
      ];
    }
    case c.TICKET_ASSIGNED_V1: {
      const event = data as c.TicketAssignedV1;
      if (!event.assigneeId || event.assigneeId === event.actorId) return [];
      return [{ audience: 'agent', kind: 'assigned', agentId: event.assigneeId }];
    }
    case c.TICKET_PARTICIPANTS_CHANGED_V1: {
      const event = data as c.TicketParticipantsChangedV1;
      return (event.added ?? [])
        .filter((agentId) => agentId !== event.actorId)
        .map((agentId) => ({ audience: 'agent', kind: 'participant_added', agentId }));
    }
    case c.TICKET_CHANNEL_CHANGED_V1: {
      // The chat goes on by mail: the customer gets the chat so far, and answers that mail.
      const event = data as c.TicketChannelChangedV1;
      if (event.from !== 'chat' || event.to !== 'mail' || !event.ticket.customerEmail) return [];
      return [
        { audience: 'customer', kind: 'continue_by_mail', recipient: event.ticket.customerEmail },
      ];
    }
    case c.TICKET_TRANSCRIPT_REQUESTED_V1: {
      // The customer asked for the conversation by mail (the chat widget).
      const event = data as c.TicketTranscriptRequestedV1;
      if (!event.ticket.customerEmail) return [];
      return [
        { audience: 'customer', kind: 'chat_transcript', recipient: event.ticket.customerEmail },
      ];
    }
    case c.TICKET_ACCESS_REQUESTED_V1: {
      // The assignee decides; an unassigned ticket's request waits for a supervisor in the desk.
      const event = data as c.TicketAccessRequestedV1;
      const assignee = event.ticket.assigneeId;
      return assignee && assignee !== event.agentId
        ? [{ audience: 'agent', kind: 'access_requested', agentId: assignee }]
        : [];
    }
    case c.TICKET_REMINDER_DUE_V1: {
      const event = data as c.TicketReminderDueV1;
      const agentId = event.assigneeId ?? event.ticket.assigneeId;
      return agentId ? [{ audience: 'agent', kind: 'reminder_due', agentId }] : [];
    }
    default:
      return [];
  }
}
