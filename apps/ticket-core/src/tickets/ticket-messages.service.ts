import { Injectable } from '@nestjs/common';
import {
  AddNoteV1,
  MessageAddedReplyV1,
  ReplyTicketV1,
  TICKET_CLAIMED_V1,
  TICKET_MESSAGE_ADDED_V1,
  TICKET_NOTE_ADDED_V1,
  TICKET_REOPENED_V1,
} from '@switchboard/contracts';
import { TicketChange } from './ticket-change';
import { TicketCreationService } from './ticket-creation.service';
import { MessageInput, insertMessage, toStoredMessage } from './ticket-messages.sql';
import { canWork, requireStaff, requireWork } from './ticket-permissions';
import { TicketRow, toSummary } from './ticket-row';
import { CommandContext, TicketStore } from './ticket-store';
import { TicketException } from './ticket.exception';
import { isActiveAgent } from './workspace-refs';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Public replies and internal notes, with the status rules a reply carries (PRODUCT §2.1). */
@Injectable()
export class TicketMessagesService {
  constructor(
    private readonly store: TicketStore,
    private readonly creation: TicketCreationService,
  ) {}

  reply(command: ReplyTicketV1): Promise<MessageAddedReplyV1> {
    return this.store.transaction(command.actor, async (context) => {
      const ticket = await this.store.lock(context, command.ticketId);
      const input: MessageInput = {
        visibility: 'public',
        authorKind: context.actor.kind,
        authorId: context.actor.agentId ?? context.actor.customerId,
        bodyText: command.body,
        bodyHtml: command.bodyHtml ?? null,
        attachments: command.attachments ?? [],
        mail: command.mail ?? null,
      };
      if (context.actor.kind === 'customer' && ticket.status === 'solved') {
        return this.customerReplyToSolved(context, ticket, input);
      }
      const change = new TicketChange(context.actor, ticket, context.now);
      if (context.actor.kind === 'agent') this.agentReply(change);
      if (context.actor.kind === 'customer') this.customerReply(change);
      return this.addMessage(context, change, input);
    });
  }

  note(command: AddNoteV1): Promise<MessageAddedReplyV1> {
    return this.store.transaction(command.actor, async (context) => {
      requireStaff(context.actor);
      const change = new TicketChange(
        context.actor,
        await this.store.lock(context, command.ticketId),
        context.now,
      );
      return this.addMessage(context, change, {
        visibility: 'internal',
        authorKind: context.actor.kind,
        authorId: context.actor.agentId,
        bodyText: command.body,
        bodyHtml: null,
        attachments: [],
        mail: null,
      });
    });
  }

  /** An agent answering an unclaimed ticket takes it; a solved one must be reopened first. */
  private agentReply(change: TicketChange): void {
    const me = change.actor.agentId!;
    const wasNew = change.ticket.status === 'new';
    if (!wasNew) requireWork(change.actor, change.ticket);
    change.transition('agentReply');
    if (wasNew) {
      change.set('assignee_id', me);
      change.record('claimed', { assignee: { before: null, after: me } });
      change.emit(TICKET_CLAIMED_V1, { assigneeId: me });
    }
    if (!change.ticket.first_response_at) change.set('first_response_at', change.now);
    change.set('last_agent_message_at', change.now);
  }

  /** A customer's reply wakes a parked ticket and cancels a pending auto-solve. */
  private customerReply(change: TicketChange): void {
    change.transition('customerReply');
    change.set('remind_at', null);
    change.set('auto_solve_at', null);
    change.set('last_customer_message_at', change.now);
  }

  /**
   * Inside the reopen window the ticket opens again for its previous assignee (or goes back to
   * the queue if they left); after it, the reply starts a new ticket linked to the old one.
   */
  private async customerReplyToSolved(
    context: CommandContext,
    ticket: TicketRow,
    input: MessageInput,
  ): Promise<MessageAddedReplyV1> {
    const windowEnds =
      ticket.solved_at!.getTime() + context.actor.settings.reopenWindowDays * DAY_MS;
    if (ticket.merged_into_id === null && context.now.getTime() <= windowEnds) {
      const change = new TicketChange(context.actor, ticket, context.now);
      const assigneeActive =
        ticket.assignee_id !== null && (await isActiveAgent(context, ticket.assignee_id));
      change.setStatus(assigneeActive ? 'open' : 'new');
      if (!assigneeActive) change.set('assignee_id', null);
      change.set('solved_at', null);
      change.set('solved_by', null);
      change.set('archived_at', null);
      change.set('last_customer_message_at', context.now);
      change.emit(TICKET_REOPENED_V1, { by: 'customer' });
      return this.addMessage(context, change, input);
    }
    const followUp = await this.creation.insert(context, {
      channel: ticket.channel,
      subject: ticket.subject,
      customerId: ticket.customer_id,
      customerName: ticket.customer_name,
      customerEmail: ticket.customer_email,
      teamId: ticket.team_id,
      priority: ticket.priority,
      labels: [],
      assigneeId: null,
      mailboxAddress: ticket.mailbox_address ?? undefined,
      followUpOfId: ticket.id,
      firstMessage: toStoredMessage(input),
    });
    return { ticket: toSummary(followUp.ticket), message: followUp.message! };
  }

  /** Writes a message on a locked ticket with its history and event, and saves the change. */
  async addMessage(
    context: CommandContext,
    change: TicketChange,
    input: MessageInput,
  ): Promise<MessageAddedReplyV1> {
    if (input.visibility === 'internal' && !canWork(context.actor, change.ticket)) {
      // Notes are open to any agent who can see the ticket: colleagues leave hints.
      if (context.actor.kind !== 'agent') throw TicketException.forbidden('only agents add notes');
    }
    const message = await insertMessage(
      context.manager,
      change.ticket.workspace_id,
      change.ticket.id,
      input,
      context.now,
    );
    change.record(input.visibility === 'internal' ? 'note-added' : 'replied', {
      message: { before: null, after: message.id },
    });
    if (input.visibility === 'internal') change.emit(TICKET_NOTE_ADDED_V1, { message });
    else change.emit(TICKET_MESSAGE_ADDED_V1, { message });
    return { ticket: toSummary(await this.store.save(context, change)), message };
  }
}
