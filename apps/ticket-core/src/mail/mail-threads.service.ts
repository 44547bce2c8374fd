import { Injectable } from '@nestjs/common';
import { FindTicketByMailV1, FoundTicketV1 } from '@switchboard/contracts';
import { requireStaff } from '../core/resolved-actor';
import { TicketStore } from '../tickets/ticket-store';
import { Transactions } from '../core/command-context';

/**
 * The ticket a mail belongs to by its In-Reply-To and References: the newest message of the
 * workspace carrying one of the Message-IDs (inbound ones as they arrived, outbound ones as
 * notification recorded them with their delivery). Only tickets the caller sees are found.
 */
@Injectable()
export class MailThreadsService {
  constructor(
    private readonly store: TicketStore,
    private readonly transactions: Transactions,
  ) {}

  find(request: FindTicketByMailV1): Promise<FoundTicketV1> {
    return this.transactions.read(request.actor, async (context) => {
      requireStaff(context.actor);
      // messages_mail_id serves the lookup; $1 and $2 lead the visibility's own parameters.
      const ticket = await this.store.find(
        context,
        `t.id = (SELECT m.ticket_id FROM messages m
                  WHERE m.workspace_id = $1 AND m.mail_message_id = ANY($2::text[])
                  ORDER BY m.created_at DESC LIMIT 1)`,
        [context.actor.workspaceId, request.messageIds],
      );
      return { ticketId: ticket?.id ?? null, number: ticket?.number ?? null };
    });
  }
}
