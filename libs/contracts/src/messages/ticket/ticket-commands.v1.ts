import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { ActorRequest, PRIORITIES, type Priority, TicketRequest } from '../common';

/*
 * The small ticket commands, each a subject and a payload class. Every one answers the ticket's
 * summary after the change (TicketSummaryV1), or an error envelope.
 */

export const CLAIM_TICKET_V1 = 'helpdesk.cmd.ticket.claim.v1';
export class ClaimTicketV1 extends TicketRequest {}

export const QUICK_ACCEPT_V1 = 'helpdesk.cmd.ticket.quick-accept.v1';
/** Claims the N oldest claimable tickets of the caller's teams, whatever the view filters. */
export class QuickAcceptV1 extends ActorRequest {
  @IsInt()
  @Min(1)
  @Max(50)
  count: number;
}

export const ASSIGN_TICKET_V1 = 'helpdesk.cmd.ticket.assign.v1';
/** Assign or transfer to an agent and/or a team; at least one of the two. */
export class AssignTicketV1 extends TicketRequest {
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @IsOptional()
  @IsUUID()
  teamId?: string;
}

export const RETURN_TICKET_V1 = 'helpdesk.cmd.ticket.return-to-queue.v1';
export class ReturnTicketV1 extends TicketRequest {}

export const SET_PENDING_V1 = 'helpdesk.cmd.ticket.set-pending.v1';
export class SetPendingV1 extends TicketRequest {
  @IsISO8601({ strict: true })
  remindAt: string;
}

export const SET_AUTO_SOLVE_V1 = 'helpdesk.cmd.ticket.set-auto-solve.v1';
/** Solve the ticket at this time unless the customer replies first; null clears it. */
export class SetAutoSolveV1 extends TicketRequest {
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true })
  autoSolveAt: string | null;
}

export const SOLVE_TICKET_V1 = 'helpdesk.cmd.ticket.solve.v1';
export class SolveTicketV1 extends TicketRequest {
  /** Email the transcript to the customer. */
  @IsBoolean()
  withSummary: boolean;
}

export const REOPEN_TICKET_V1 = 'helpdesk.cmd.ticket.reopen.v1';
export class ReopenTicketV1 extends TicketRequest {}

export const SET_PRIORITY_V1 = 'helpdesk.cmd.ticket.set-priority.v1';
export class SetPriorityV1 extends TicketRequest {
  @IsIn(PRIORITIES)
  priority: Priority;
}

export const CHANGE_LABELS_V1 = 'helpdesk.cmd.ticket.change-labels.v1';
export class ChangeLabelsV1 extends TicketRequest {
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  add: string[];

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  remove: string[];
}

export const CHANGE_PARTICIPANTS_V1 = 'helpdesk.cmd.ticket.change-participants.v1';
export class ChangeParticipantsV1 extends TicketRequest {
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  add: string[];

  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  remove: string[];
}

export const SEND_TRANSCRIPT_V1 = 'helpdesk.cmd.ticket.send-transcript.v1';
/**
 * The customer (from the chat widget) or staff asks for the conversation by mail, to the
 * ticket's customer email: an event that notification answers with the transcript.
 */
export class SendTranscriptV1 extends TicketRequest {}

export const REQUEST_ACCESS_V1 = 'helpdesk.cmd.ticket.request-access.v1';
export class RequestAccessV1 extends TicketRequest {}

export const DECIDE_ACCESS_V1 = 'helpdesk.cmd.ticket.decide-access.v1';
/** The assignee (or a supervisor) grants or denies a pending access request. */
export class DecideAccessV1 extends TicketRequest {
  @IsUUID()
  requestId: string;

  @IsBoolean()
  grant: boolean;
}

export const MARK_READ_V1 = 'helpdesk.cmd.ticket.mark-read.v1';
export class MarkReadV1 extends TicketRequest {
  @IsBoolean()
  read: boolean;
}

export const DELETE_TICKET_V1 = 'helpdesk.cmd.ticket.delete.v1';
export class DeleteTicketV1 extends TicketRequest {}

export const RESTORE_TICKET_V1 = 'helpdesk.cmd.ticket.restore.v1';
export class RestoreTicketV1 extends TicketRequest {}

export const MERGE_TICKET_V1 = 'helpdesk.cmd.ticket.merge.v1';
/** Moves the ticket's messages into another ticket of the same customer and solves it. */
export class MergeTicketV1 extends TicketRequest {
  @IsUUID()
  intoTicketId: string;
}

export const CONVERT_TO_MAIL_V1 = 'helpdesk.cmd.ticket.convert-to-mail.v1';
export class ConvertToMailV1 extends TicketRequest {}

export const ANSWER_LATER_V1 = 'helpdesk.cmd.ticket.answer-later.v1';
/** A chat becomes a mail ticket and is parked until `remindAt`, in one step. */
export class AnswerLaterV1 extends TicketRequest {
  @IsISO8601({ strict: true })
  remindAt: string;
}

export const SCHEDULE_INTAKE_CLOSE_V1 = 'helpdesk.cmd.ticket.schedule-intake-close.v1';
/** Out of hours: close the intake of this chat ticket after a silence (default 10 minutes). */
export class ScheduleIntakeCloseV1 extends TicketRequest {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  afterMinutes?: number;
}

export const ROTATE_PUBLIC_TOKEN_V1 = 'helpdesk.cmd.ticket.rotate-public-token.v1';
export class RotatePublicTokenV1 extends TicketRequest {}

export const GET_TICKET_V1 = 'helpdesk.qry.ticket.get.v1';
export class GetTicketV1 extends TicketRequest {}

export const GET_TICKET_MESSAGES_V1 = 'helpdesk.qry.ticket.messages.v1';
/**
 * A ticket's messages after the first `after` of them, as one kind of reader sees its history
 * (`customer`: public messages only; `agent`: internal notes too), oldest first: what a live
 * client lacks, without the whole ticket.
 */
export class GetTicketMessagesV1 extends TicketRequest {
  @IsIn(['customer', 'agent'])
  reader: 'customer' | 'agent';

  @IsInt()
  @Min(0)
  @Max(1_000_000)
  after: number;
}

export const GET_TICKET_BY_NUMBER_V1 = 'helpdesk.qry.ticket.get-by-number.v1';
export class GetTicketByNumberV1 extends ActorRequest {
  @IsInt()
  @Min(1)
  @Max(2_147_483_647) // the column is a PostgreSQL integer
  number: number;
}

export const GET_TICKET_BY_TOKEN_V1 = 'helpdesk.qry.ticket.get-by-public-token.v1';
/** The customer's public page: the actor is the system acting for the link's holder. */
export class GetTicketByTokenV1 {
  @IsString()
  @Length(22, 100)
  token: string;
}

export const VIEWS = ['new', 'open', 'team', 'pending', 'solved'] as const;
export type ViewName = (typeof VIEWS)[number];

export const LIST_VIEW_V1 = 'helpdesk.qry.ticket.view.v1';
export class ListViewV1 extends ActorRequest {
  @IsIn(VIEWS)
  view: ViewName;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  /** Solved view: only tickets I solved. */
  @IsOptional()
  @IsBoolean()
  solvedByMe?: boolean;

  /** Solved view: only tickets with this label. */
  @IsOptional()
  @IsString()
  @Length(1, 50)
  label?: string;
}

export const VIEW_COUNTS_V1 = 'helpdesk.qry.ticket.view-counts.v1';
export class ViewCountsV1 extends ActorRequest {}
