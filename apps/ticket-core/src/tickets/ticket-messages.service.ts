import { Injectable } from '@nestjs/common';
import {
  AddNoteV1,
  MessageAddedReplyV1,
  MessageV1,
  ReplyTicketV1,
  TICKET_MESSAGE_ADDED_V1,
  TICKET_NOTE_ADDED_V1,
} from '@switchboard/contracts';
import { CommandContext } from '../core/command-context';
import { requireStaff } from '../core/resolved-actor';
import { TicketCoreException } from '../core/ticket-core.exception';
import { TicketChange } from './ticket-change';
import { TicketCreationService } from './ticket-creation.service';
import { MessageInput, insertMessage, toStoredMessage } from './ticket-messages.sql';
import { canWork, requireWork } from './ticket-permissions';
import { TicketRow, toSummary } from './ticket-row';
import { ReopenFacts } from './ticket-state-machine';
import { TicketStore } from './ticket-store';
import { isActiveAgent } from './workspace-refs';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Public replies and internal notes, with the status rules a reply carries (PRODUCT §2.1). */
@Injectable()
export class TicketMessagesService {
  constructor(
    private readonly store: TicketStore,
    private readonly creation: TicketCreationService,
  ) {}

  async reply(command: ReplyTicketV1): Promise<MessageAddedReplyV1> {
    let message: MessageV1 | undefined;
    let followUp: MessageAddedReplyV1 | undefined;
    const row = await this.store.mutate(
      command.actor,
      command.ticketId,
      async (change, context) => {
        const input: MessageInput = {
          visibility: 'public',
          authorKind: change.actor.kind,
          authorId: change.actor.agentId ?? change.actor.customerId,
          bodyText: command.body,
          bodyHtml: command.bodyHtml ?? null,
          attachments: command.attachments ?? [],
          mail: command.mail ?? null,
        };
        if (change.actor.kind === 'agent') this.agentReply(change);
        if (change.actor.kind === 'customer') {
          const facts =
            change.ticket.status === 'solved'
              ? await this.reopenFacts(context, change.ticket)
              : undefined;
          if (change.customerReply(facts) === 'followUp') {
            followUp = await this.startFollowUp(context, change.ticket, input);
            return;
          }
        }
        message = await this.append(context, change, input);
      },
    );
    return followUp ?? { ticket: toSummary(row), message: message! };
  }

  async note(command: AddNoteV1): Promise<MessageAddedReplyV1> {
    let message: MessageV1 | undefined;
    const row = await this.store.mutate(
      command.actor,
      command.ticketId,
      async (change, context) => {
        message = await this.append(context, change, {
          visibility: 'internal',
          authorKind: change.actor.kind,
          authorId: change.actor.agentId,
          bodyText: command.body,
          bodyHtml: null,
          attachments: [],
          mail: null,
        });
      },
      { guard: requireStaff },
    );
    return { ticket: toSummary(row), message: message! };
  }

  /**
   * Writes a message on a locked ticket and records and announces it on the change, which the
   * caller's store saves: a reply, a note, a system note about a failed delivery.
   */
  async append(
    context: CommandContext,
    change: TicketChange,
    input: MessageInput,
  ): Promise<MessageV1> {
    if (input.visibility === 'internal' && !canWork(context.actor, change.ticket)) {
      // Notes are open to any agent who can see the ticket: colleagues leave hints.
      if (context.actor.kind !== 'agent') {
        throw TicketCoreException.forbidden('only agents add notes');
      }
    }
    const { message, place } = await insertMessage(
      context.manager,
      change.ticket.workspace_id,
      change.ticket.id,
      input,
      context.now,
    );
    change.record(input.visibility === 'internal' ? 'note-added' : 'replied', {
      message: { before: null, after: message.id },
    });
    if (input.visibility === 'internal') change.emit(TICKET_NOTE_ADDED_V1, { message, place });
    else change.emit(TICKET_MESSAGE_ADDED_V1, { message, place });
    return message;
  }

  /** An agent answering an unclaimed ticket takes it; a solved one must be reopened first. */
  private agentReply(change: TicketChange): void {
    if (change.ticket.status === 'new') {
      change.claim(change.actor.agentId!, 'agentReply');
    } else {
      requireWork(change.actor, change.ticket);
      change.transition('agentReply');
    }
    if (!change.ticket.first_response_at) change.set('first_response_at', change.now);
    change.set('last_agent_message_at', change.now);
  }

  /** Inside the reopen window a solved ticket opens again, for its assignee if they are still here. */
  private async reopenFacts(context: CommandContext, ticket: TicketRow): Promise<ReopenFacts> {
    const windowEnds =
      ticket.solved_at!.getTime() + context.actor.settings.reopenWindowDays * DAY_MS;
    return {
      mayReopen: ticket.merged_into_id === null && context.now.getTime() <= windowEnds,
      assigneeActive:
        ticket.assignee_id !== null && (await isActiveAgent(context, ticket.assignee_id)),
    };
  }

  /** After the reopen window, the customer's reply starts a new ticket linked to the old one. */
  private async startFollowUp(
    context: CommandContext,
    ticket: TicketRow,
    input: MessageInput,
  ): Promise<MessageAddedReplyV1> {
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
}
