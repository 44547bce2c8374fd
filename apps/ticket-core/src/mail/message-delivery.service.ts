import { Injectable } from '@nestjs/common';
import { DeliveryRecordedV1, MessageDeliveryV1, RecordDeliveryV1 } from '@switchboard/contracts';
import { TicketMessagesService } from '../tickets/ticket-messages.service';
import { TicketStore } from '../tickets/ticket-store';
import { TicketCoreException } from '../core/ticket-core.exception';

/**
 * What became of a message sent by mail, as notification (sent, failed) and mail-ingest (a
 * bounce) report it. A failure also leaves a system note, so agents see it in the conversation;
 * the first Message-ID a message went out with is kept on it, so a reply threads back.
 */
@Injectable()
export class MessageDeliveryService {
  constructor(
    private readonly store: TicketStore,
    private readonly messages: TicketMessagesService,
  ) {}

  async record(command: RecordDeliveryV1): Promise<DeliveryRecordedV1> {
    let messageId = '';
    await this.store.mutate(
      command.actor,
      command.ticketId,
      async (change, context) => {
        if (change.actor.kind !== 'system') {
          throw TicketCoreException.forbidden('only the mail services record deliveries');
        }
        const [message] = await context.manager.query(
          `SELECT id FROM messages
            WHERE ticket_id = $1 AND (id = $2::uuid OR mail_message_id = $3)
            ORDER BY created_at LIMIT 1`,
          [change.ticket.id, command.messageId ?? null, command.mailMessageId ?? null],
        );
        if (!message) throw TicketCoreException.notFound('message');
        messageId = message.id;
        const delivery: MessageDeliveryV1 = {
          state: command.state,
          recipient: command.recipient ?? null,
          reason: command.reason ?? null,
          at: context.now.toISOString(),
        };
        await context.manager.query(
          `UPDATE messages SET delivery = $2, mail_message_id = coalesce(mail_message_id, $3)
            WHERE id = $1`,
          [messageId, JSON.stringify(delivery), command.mailMessageId ?? null],
        );
        if (command.state !== 'failed') return;
        const to = command.recipient ? ` to ${command.recipient}` : '';
        await this.messages.append(context, change, {
          visibility: 'internal',
          authorKind: 'system',
          authorId: null,
          bodyText: `Mail${to} could not be delivered: ${command.reason ?? 'no reason given'}`,
          bodyHtml: null,
          attachments: [],
          mail: null,
        });
      },
      // A bounce may come back after the ticket was deleted: it is still recorded.
      { allowDeleted: true },
    );
    return { messageId, state: command.state };
  }
}
