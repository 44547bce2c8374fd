import { Body, Controller, Delete, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import * as c from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { CurrentActor } from '../auth/auth.decorators';
import { UuidParam } from '../http/params';
import { TicketRepliesService } from './ticket-replies.service';
import {
  AnswerLaterBody,
  AssignBody,
  AutoSolveBody,
  DecideAccessBody,
  LabelsBody,
  MergeBody,
  NoteBody,
  ParticipantsBody,
  PendingBody,
  PriorityBody,
  PublicTokenReply,
  QuickAcceptBody,
  ReadBody,
  ReplyBody,
  RequestAccessReply,
  SolveBody,
} from './tickets.dto';

/**
 * Every command on a ticket, as `POST /api/v1/tickets/:id/<command>` (and `DELETE` for the soft
 * delete). ticket-core validates the transition, scopes it to the caller's teams and workspace
 * (another workspace's or team's ticket is a 404), and answers the ticket after the change.
 */
@ApiTags('ticket commands')
@Controller('api/v1/tickets')
export class TicketCommandsController {
  constructor(
    private readonly rpc: NatsRpcClient,
    private readonly replies: TicketRepliesService,
  ) {}

  /** Claims the N oldest claimable tickets of the caller's teams, atomically. */
  @Post('quick-accept')
  @HttpCode(200)
  quickAccept(
    @CurrentActor() actor: c.Actor,
    @Body() body: QuickAcceptBody,
  ): Promise<c.TicketListV1> {
    return this.rpc.request(c.QUICK_ACCEPT_V1, { ...body, actor });
  }

  /** `new → open`, assigned to the caller; 409 when someone else claimed it first. */
  @Post(':id/claim')
  @HttpCode(200)
  claim(@CurrentActor() actor: c.Actor, @UuidParam() id: string): Promise<c.TicketSummaryV1> {
    return this.rpc.request(c.CLAIM_TICKET_V1, { actor, ticketId: id });
  }

  /** Assigns or transfers to an agent and/or a team. */
  @Post(':id/assign')
  @HttpCode(200)
  assign(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
    @Body() body: AssignBody,
  ): Promise<c.TicketSummaryV1> {
    return this.rpc.request(c.ASSIGN_TICKET_V1, { ...body, actor, ticketId: id });
  }

  /** `open → new`: back to the queue, unassigned. */
  @Post(':id/return')
  @HttpCode(200)
  return(@CurrentActor() actor: c.Actor, @UuidParam() id: string): Promise<c.TicketSummaryV1> {
    return this.rpc.request(c.RETURN_TICKET_V1, { actor, ticketId: id });
  }

  /**
   * A public reply to the customer. Attachments name this workspace's uploads by key; each is
   * recorded with the name, type and size of its upload, whatever else the body says.
   */
  @Post(':id/replies')
  reply(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
    @Body() body: ReplyBody,
  ): Promise<c.MessageAddedReplyV1> {
    return this.replies.reply(actor, id, body);
  }

  /** An internal note: agents only, never sent or shown to the customer. */
  @Post(':id/notes')
  note(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
    @Body() body: NoteBody,
  ): Promise<c.MessageAddedReplyV1> {
    return this.rpc.request(c.ADD_NOTE_V1, { ...body, actor, ticketId: id });
  }

  /** `open → pending` until `remindAt` (or a customer reply). */
  @Post(':id/pending')
  @HttpCode(200)
  pending(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
    @Body() body: PendingBody,
  ): Promise<c.TicketSummaryV1> {
    return this.rpc.request(c.SET_PENDING_V1, { ...body, actor, ticketId: id });
  }

  /** Solves the ticket at `autoSolveAt` unless the customer replies first; null clears it. */
  @Post(':id/auto-solve')
  @HttpCode(200)
  autoSolve(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
    @Body() body: AutoSolveBody,
  ): Promise<c.TicketSummaryV1> {
    return this.rpc.request(c.SET_AUTO_SOLVE_V1, { ...body, actor, ticketId: id });
  }

  /** `open|pending → solved`, with or without the transcript mailed to the customer. */
  @Post(':id/solve')
  @HttpCode(200)
  solve(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
    @Body() body: SolveBody,
  ): Promise<c.TicketSummaryV1> {
    return this.rpc.request(c.SOLVE_TICKET_V1, { ...body, actor, ticketId: id });
  }

  /** `solved → open`. */
  @Post(':id/reopen')
  @HttpCode(200)
  reopen(@CurrentActor() actor: c.Actor, @UuidParam() id: string): Promise<c.TicketSummaryV1> {
    return this.rpc.request(c.REOPEN_TICKET_V1, { actor, ticketId: id });
  }

  @Post(':id/priority')
  @HttpCode(200)
  priority(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
    @Body() body: PriorityBody,
  ): Promise<c.TicketSummaryV1> {
    return this.rpc.request(c.SET_PRIORITY_V1, { ...body, actor, ticketId: id });
  }

  /** Adds and removes labels in one change. */
  @Post(':id/labels')
  @HttpCode(200)
  labels(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
    @Body() body: LabelsBody,
  ): Promise<c.TicketSummaryV1> {
    return this.rpc.request(c.CHANGE_LABELS_V1, { ...body, actor, ticketId: id });
  }

  /** Invites and removes participants (the ticket shows in their Open view). */
  @Post(':id/participants')
  @HttpCode(200)
  participants(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
    @Body() body: ParticipantsBody,
  ): Promise<c.TicketSummaryV1> {
    return this.rpc.request(c.CHANGE_PARTICIPANTS_V1, { ...body, actor, ticketId: id });
  }

  /** Asks the assignee for access to a team ticket. */
  @Post(':id/access-requests')
  requestAccess(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
  ): Promise<RequestAccessReply> {
    return this.rpc.request(c.REQUEST_ACCESS_V1, { actor, ticketId: id });
  }

  /** The assignee (or a supervisor) grants or denies an access request. */
  @Post(':id/access-requests/:requestId/decision')
  @HttpCode(200)
  decideAccess(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
    @UuidParam('requestId') requestId: string,
    @Body() body: DecideAccessBody,
  ): Promise<c.TicketSummaryV1> {
    return this.rpc.request(c.DECIDE_ACCESS_V1, { ...body, actor, ticketId: id, requestId });
  }

  /** Marks the ticket read or unread for the caller. */
  @Post(':id/read')
  @HttpCode(200)
  read(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
    @Body() body: ReadBody,
  ): Promise<c.TicketSummaryV1> {
    return this.rpc.request(c.MARK_READ_V1, { ...body, actor, ticketId: id });
  }

  /** Soft delete; admins can restore it. */
  @Delete(':id')
  delete(@CurrentActor() actor: c.Actor, @UuidParam() id: string): Promise<c.TicketSummaryV1> {
    return this.rpc.request(c.DELETE_TICKET_V1, { actor, ticketId: id });
  }

  @Post(':id/restore')
  @HttpCode(200)
  restore(@CurrentActor() actor: c.Actor, @UuidParam() id: string): Promise<c.TicketSummaryV1> {
    return this.rpc.request(c.RESTORE_TICKET_V1, { actor, ticketId: id });
  }

  /** Moves the messages into another ticket of the same customer and solves this one. */
  @Post(':id/merge')
  @HttpCode(200)
  merge(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
    @Body() body: MergeBody,
  ): Promise<c.TicketSummaryV1> {
    return this.rpc.request(c.MERGE_TICKET_V1, { ...body, actor, ticketId: id });
  }

  /** A chat ticket becomes a mail ticket: replies now go by email. */
  @Post(':id/continue-by-mail')
  @HttpCode(200)
  continueByMail(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
  ): Promise<c.TicketSummaryV1> {
    return this.rpc.request(c.CONVERT_TO_MAIL_V1, { actor, ticketId: id });
  }

  /** A chat becomes a mail ticket parked until `remindAt`, in one step. */
  @Post(':id/answer-later')
  @HttpCode(200)
  answerLater(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
    @Body() body: AnswerLaterBody,
  ): Promise<c.TicketSummaryV1> {
    return this.rpc.request(c.ANSWER_LATER_V1, { ...body, actor, ticketId: id });
  }

  /** A new public link for the customer; the old one stops working. */
  @Post(':id/public-token/rotate')
  @HttpCode(200)
  rotatePublicToken(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
  ): Promise<PublicTokenReply> {
    return this.rpc.request(c.ROTATE_PUBLIC_TOKEN_V1, { actor, ticketId: id });
  }
}
