import { Injectable } from '@nestjs/common';
import {
  DeliveriesRecordedV1,
  DeliveryRecordedV1,
  MessageDeliveryV1,
  RecordDeliveriesV1,
  RecordDeliveryV1,
} from '@switchboard/contracts';
import { Transactions } from '../core/command-context';
import { TicketMessagesService } from '../tickets/ticket-messages.service';
import { TicketStore } from '../tickets/ticket-store';
import { TicketCoreErrorCode, TicketCoreException } from '../core/ticket-core.exception';

const onlyMailServices = () =>
  TicketCoreException.forbidden('only the mail services record deliveries');

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
    private readonly transactions: Transactions,
  ) {}

  async record(command: RecordDeliveryV1): Promise<DeliveryRecordedV1> {
    let messageId = '';
    await this.store.mutate(
      command.actor,
      command.ticketId,
      async (change, context) => {
        if (change.actor.kind !== 'system') throw onlyMailServices();
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

  /**
   * A sending round's outcomes. `queued` and `sent` change nothing but their messages (no
   * history, no event), so they are written by one statement for all; a failure also leaves its
   * note, one transaction each as in `record`. A message that is gone answers null.
   */
  async recordMany(command: RecordDeliveriesV1): Promise<DeliveriesRecordedV1> {
    if (command.actor.kind !== 'system') throw onlyMailServices();
    const messageIds: (string | null)[] = command.deliveries.map(() => null);
    const quiet = command.deliveries.flatMap((report, index) =>
      report.state === 'failed' ? [] : [{ index, report }],
    );
    if (quiet.length > 0) {
      await this.transactions.transaction(command.actor, async ({ manager, actor, now }) => {
        // An UPDATE answers its rows and their count.
        const [rows]: [{ index: number; id: string }[], number] = await manager.query(
          `WITH target AS (
             SELECT d.index, d.delivery, d.mail_message_id, found.id
               FROM jsonb_to_recordset($2::jsonb)
                    AS d(index int, ticket_id uuid, message_id uuid, mail_message_id text, delivery jsonb)
               CROSS JOIN LATERAL (
                 SELECT m.id FROM messages m
                  WHERE m.workspace_id = $1 AND m.ticket_id = d.ticket_id
                    AND (m.id = d.message_id OR m.mail_message_id = d.mail_message_id)
                  ORDER BY m.created_at LIMIT 1) found)
           UPDATE messages m
              SET delivery = target.delivery,
                  mail_message_id = coalesce(m.mail_message_id, target.mail_message_id)
             FROM target WHERE m.id = target.id
           RETURNING target.index, m.id`,
          [
            actor.workspaceId,
            JSON.stringify(
              quiet.map(({ index, report }) => ({
                index,
                ticket_id: report.ticketId,
                message_id: report.messageId ?? null,
                mail_message_id: report.mailMessageId ?? null,
                delivery: {
                  state: report.state,
                  recipient: report.recipient ?? null,
                  reason: report.reason ?? null,
                  at: now.toISOString(),
                } satisfies MessageDeliveryV1,
              })),
            ),
          ],
        );
        for (const row of rows) messageIds[row.index] = row.id;
      });
    }
    for (const [index, report] of command.deliveries.entries()) {
      if (report.state !== 'failed') continue;
      try {
        messageIds[index] = (await this.record({ ...report, actor: command.actor })).messageId;
      } catch (error) {
        const gone =
          error instanceof TicketCoreException && error.reason === TicketCoreErrorCode.NotFound;
        if (!gone) throw error;
      }
    }
    return { messageIds };
  }
}
