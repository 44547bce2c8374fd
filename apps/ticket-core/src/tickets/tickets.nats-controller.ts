import { Payload } from '@nestjs/microservices';
import * as c from '@switchboard/contracts';
import { NatsController, OnRequest } from '@switchboard/messaging';
import { TicketCommandsService } from './ticket-commands.service';
import { TicketCreationService } from './ticket-creation.service';
import { TicketMessagesService } from './ticket-messages.service';

/** ticket-core's ticket commands on NATS: validated payloads in, one service call each. */
@NatsController()
export class TicketsNatsController {
  constructor(
    private readonly creation: TicketCreationService,
    private readonly messages: TicketMessagesService,
    private readonly commands: TicketCommandsService,
  ) {}

  @OnRequest(c.CREATE_TICKET_V1)
  create(@Payload() command: c.CreateTicketV1) {
    return this.creation.create(command);
  }

  @OnRequest(c.REPLY_TICKET_V1)
  reply(@Payload() command: c.ReplyTicketV1) {
    return this.messages.reply(command);
  }

  @OnRequest(c.ADD_NOTE_V1)
  note(@Payload() command: c.AddNoteV1) {
    return this.messages.note(command);
  }

  @OnRequest(c.CLAIM_TICKET_V1)
  claim(@Payload() command: c.ClaimTicketV1) {
    return this.commands.claim(command);
  }

  @OnRequest(c.QUICK_ACCEPT_V1)
  quickAccept(@Payload() command: c.QuickAcceptV1) {
    return this.commands.quickAccept(command);
  }

  @OnRequest(c.ASSIGN_TICKET_V1)
  assign(@Payload() command: c.AssignTicketV1) {
    return this.commands.assign(command);
  }

  @OnRequest(c.RETURN_TICKET_V1)
  returnToQueue(@Payload() command: c.ReturnTicketV1) {
    return this.commands.returnToQueue(command);
  }

  @OnRequest(c.SET_PENDING_V1)
  setPending(@Payload() command: c.SetPendingV1) {
    return this.commands.setPending(command);
  }

  @OnRequest(c.SET_AUTO_SOLVE_V1)
  setAutoSolve(@Payload() command: c.SetAutoSolveV1) {
    return this.commands.setAutoSolve(command);
  }

  @OnRequest(c.SOLVE_TICKET_V1)
  solve(@Payload() command: c.SolveTicketV1) {
    return this.commands.solve(command);
  }

  @OnRequest(c.REOPEN_TICKET_V1)
  reopen(@Payload() command: c.ReopenTicketV1) {
    return this.commands.reopen(command);
  }

  @OnRequest(c.SET_PRIORITY_V1)
  setPriority(@Payload() command: c.SetPriorityV1) {
    return this.commands.setPriority(command);
  }

  @OnRequest(c.CHANGE_LABELS_V1)
  changeLabels(@Payload() command: c.ChangeLabelsV1) {
    return this.commands.changeLabels(command);
  }

  @OnRequest(c.CHANGE_PARTICIPANTS_V1)
  changeParticipants(@Payload() command: c.ChangeParticipantsV1) {
    return this.commands.changeParticipants(command);
  }

  @OnRequest(c.REQUEST_ACCESS_V1)
  requestAccess(@Payload() command: c.RequestAccessV1) {
    return this.commands.requestAccess(command);
  }

  @OnRequest(c.SEND_TRANSCRIPT_V1)
  sendTranscript(@Payload() command: c.SendTranscriptV1) {
    return this.commands.sendTranscript(command);
  }

  @OnRequest(c.DECIDE_ACCESS_V1)
  decideAccess(@Payload() command: c.DecideAccessV1) {
    return this.commands.decideAccess(command);
  }

  @OnRequest(c.MARK_READ_V1)
  markRead(@Payload() command: c.MarkReadV1) {
    return this.commands.markRead(command);
  }

  @OnRequest(c.DELETE_TICKET_V1)
  delete(@Payload() command: c.DeleteTicketV1) {
    return this.commands.delete(command);
  }

  @OnRequest(c.RESTORE_TICKET_V1)
  restore(@Payload() command: c.RestoreTicketV1) {
    return this.commands.restore(command);
  }

  @OnRequest(c.MERGE_TICKET_V1)
  merge(@Payload() command: c.MergeTicketV1) {
    return this.commands.merge(command);
  }

  @OnRequest(c.CONVERT_TO_MAIL_V1)
  convertToMail(@Payload() command: c.ConvertToMailV1) {
    return this.commands.convertToMail(command);
  }

  @OnRequest(c.ANSWER_LATER_V1)
  answerLater(@Payload() command: c.AnswerLaterV1) {
    return this.commands.answerLater(command);
  }

  @OnRequest(c.SCHEDULE_INTAKE_CLOSE_V1)
  scheduleIntakeClose(@Payload() command: c.ScheduleIntakeCloseV1) {
    return this.commands.scheduleIntakeClose(command);
  }

  @OnRequest(c.ROTATE_PUBLIC_TOKEN_V1)
  rotatePublicToken(@Payload() command: c.RotatePublicTokenV1) {
    return this.commands.rotatePublicToken(command);
  }
}
