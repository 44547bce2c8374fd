import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Min,
  ValidateNested,
} from 'class-validator';
import type { Channel, Priority, Status } from '../common';
import type { CustomerV1 } from '../customer/customers.v1';
import type { MessageV1 } from './ticket.v1';

/*
 * ticket-core's events, published through its outbox. Each carries the ticket's id and number,
 * who acted, and a snapshot of the ticket after the change, so a consumer never has to call back.
 * Consumers validate the decorated fields and tolerate fields they do not know (added later).
 */

export class TicketSnapshotV1 {
  id: string;
  number: number;
  channel: Channel;
  subject: string;
  status: Status;
  priority: Priority;
  teamId: string | null;
  assigneeId: string | null;
  customerId: string;
  customerName: string | null;
  customerEmail: string | null;
  labels: string[];
  participantIds: string[];
  /** For the customer's public link ({{ticket_url}}) in notifications. */
  publicToken: string;
  remindAt: string | null;
  autoSolveAt: string | null;
}

export class TicketEventV1 {
  @IsUUID()
  ticketId: string;

  @IsInt()
  @Min(1)
  number: number;

  @IsIn(['agent', 'customer', 'system'])
  actorKind: 'agent' | 'customer' | 'system';

  @IsOptional()
  @IsUUID()
  actorId: string | null;

  @IsObject()
  ticket: TicketSnapshotV1;
}

export const TICKET_CREATED_V1 = 'helpdesk.evt.ticket.created.v1';
export class TicketCreatedV1 extends TicketEventV1 {
  firstMessage: MessageV1 | null;
}

export const TICKET_CLAIMED_V1 = 'helpdesk.evt.ticket.claimed.v1';
export class TicketClaimedV1 extends TicketEventV1 {
  @IsUUID()
  assigneeId: string;
}

export const TICKET_ASSIGNED_V1 = 'helpdesk.evt.ticket.assigned.v1';
export class TicketAssignedV1 extends TicketEventV1 {
  assigneeId: string | null;
  teamId: string | null;
  previousAssigneeId: string | null;
  previousTeamId: string | null;
}

export const TICKET_RETURNED_V1 = 'helpdesk.evt.ticket.returned.v1';
export class TicketReturnedV1 extends TicketEventV1 {
  previousAssigneeId: string | null;
}

export const TICKET_STATUS_CHANGED_V1 = 'helpdesk.evt.ticket.status-changed.v1';
export class TicketStatusChangedV1 extends TicketEventV1 {
  @IsString()
  from: Status;

  @IsString()
  to: Status;
}

/**
 * Where an added message stands in its ticket's history, counted from 1 in the order readers
 * see it: among all messages (agents, notes included) and among the public ones (the customer).
 * A live client that holds the messages before it takes it as the next, without reading.
 */
export class MessagePlaceV1 {
  @IsInt()
  @Min(1)
  all: number;

  @IsInt()
  @Min(0)
  public: number;
}

export const TICKET_MESSAGE_ADDED_V1 = 'helpdesk.evt.ticket.message-added.v1';
export class TicketMessageAddedV1 extends TicketEventV1 {
  @IsObject()
  message: MessageV1;

  /** Absent in events written before it was added. */
  @IsOptional()
  @ValidateNested()
  @Type(() => MessagePlaceV1)
  place?: MessagePlaceV1;
}

export const TICKET_NOTE_ADDED_V1 = 'helpdesk.evt.ticket.note-added.v1';
export class TicketNoteAddedV1 extends TicketEventV1 {
  @IsObject()
  message: MessageV1;

  @IsOptional()
  @ValidateNested()
  @Type(() => MessagePlaceV1)
  place?: MessagePlaceV1;
}

export const TICKET_LABELS_CHANGED_V1 = 'helpdesk.evt.ticket.labels-changed.v1';
export class TicketLabelsChangedV1 extends TicketEventV1 {
  added: string[];
  removed: string[];
}

export const TICKET_PARTICIPANTS_CHANGED_V1 = 'helpdesk.evt.ticket.participants-changed.v1';
export class TicketParticipantsChangedV1 extends TicketEventV1 {
  added: string[];
  removed: string[];
}

export const TICKET_PRIORITY_CHANGED_V1 = 'helpdesk.evt.ticket.priority-changed.v1';
export class TicketPriorityChangedV1 extends TicketEventV1 {
  from: Priority;
  to: Priority;
}

export const TICKET_SOLVED_V1 = 'helpdesk.evt.ticket.solved.v1';
export class TicketSolvedV1 extends TicketEventV1 {
  /** Email the transcript to the customer. */
  withSummary: boolean;
}

export const TICKET_REOPENED_V1 = 'helpdesk.evt.ticket.reopened.v1';
export class TicketReopenedV1 extends TicketEventV1 {
  by: 'agent' | 'customer';
}

export const TICKET_REMINDER_DUE_V1 = 'helpdesk.evt.ticket.reminder-due.v1';
export class TicketReminderDueV1 extends TicketEventV1 {
  assigneeId: string | null;
  remindAt: string;
}

export const TICKET_MERGED_V1 = 'helpdesk.evt.ticket.merged.v1';
export class TicketMergedV1 extends TicketEventV1 {
  @IsUUID()
  intoTicketId: string;
  intoNumber: number;
}

export const TICKET_DELETED_V1 = 'helpdesk.evt.ticket.deleted.v1';
export class TicketDeletedV1 extends TicketEventV1 {}

export const TICKET_RESTORED_V1 = 'helpdesk.evt.ticket.restored.v1';
export class TicketRestoredV1 extends TicketEventV1 {}

export const TICKET_INTAKE_CLOSED_V1 = 'helpdesk.evt.ticket.intake-closed.v1';
/** The out-of-hours intake of a chat ticket closed after the customer's silence. */
export class TicketIntakeClosedV1 extends TicketEventV1 {}

export const CUSTOMER_UPDATED_V1 = 'helpdesk.evt.customer.updated.v1';
export class CustomerUpdatedV1 {
  @IsUUID()
  customerId: string;

  /** Who changed the customer, as on ticket events. */
  @IsIn(['agent', 'customer', 'system'])
  actorKind: 'agent' | 'customer' | 'system';

  @IsOptional()
  @IsUUID()
  actorId: string | null;

  @IsObject()
  customer: CustomerV1;

  changes: Record<string, { before: unknown; after: unknown }>;
}

export const TICKET_CHANNEL_CHANGED_V1 = 'helpdesk.evt.ticket.channel-changed.v1';
/** A chat continued by mail ("continue by mail", "answer later"): replies now go by email. */
export class TicketChannelChangedV1 extends TicketEventV1 {
  @IsString()
  from: Channel;

  @IsString()
  to: Channel;
}

export const TICKET_TRANSCRIPT_REQUESTED_V1 = 'helpdesk.evt.ticket.transcript-requested.v1';
/** Someone asked for the conversation by mail (the customer, from the chat widget). */
export class TicketTranscriptRequestedV1 extends TicketEventV1 {}

export const TICKET_ACCESS_REQUESTED_V1 = 'helpdesk.evt.ticket.access-requested.v1';
/** An agent asked to take part in a ticket; its assignee (or a supervisor) decides. */
export class TicketAccessRequestedV1 extends TicketEventV1 {
  @IsUUID()
  requestId: string;

  @IsUUID()
  agentId: string;
}
