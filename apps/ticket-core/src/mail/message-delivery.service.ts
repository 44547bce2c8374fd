import { Injectable } from '@nestjs/common';
import {
  DeliveriesRecordedV1,
  DeliveryRecordedV1,
  DeliveryReportV1,
  MessageDeliveryV1,
  RecordDeliveriesV1,
  RecordDeliveryV1,
} from '@switchboard/contracts';
import { CommandContext, Transactions } from '../core/command-context';
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
        const [found] = await writeDeliveries(context, [command]);
        if (!found) throw TicketCoreException.notFound('message');
        messageId = found;
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
    const quiet = command.deliveries.filter((report) => report.state !== 'failed');
    const written =
      quiet.length > 0
        ? await this.transactions.transaction(command.actor, (context) =>
            writeDeliveries(context, quiet),
          )
        : [];
    const messageIds: (string | null)[] = [];
    let nextQuiet = 0;
    for (const report of command.deliveries) {
      if (report.state !== 'failed') {
        messageIds.push(written[nextQuiet++]);
        continue;
      }
      try {
        messageIds.push((await this.record({ ...report, actor: command.actor })).messageId);
      } catch (error) {
        const gone =
          error instanceof TicketCoreException && error.reason === TicketCoreErrorCode.NotFound;
        if (!gone) throw error;
        messageIds.push(null);
      }
    }
    return { messageIds };
  }
}

/**
 * Puts each outcome on its message (named by id, or by the Message-ID it went out with: the
 * first of the ticket's messages to carry it) in one statement; keeps the first Message-ID a
 * message went out with. Answers each report's message id, in order, null where there is none
 * in the caller's workspace.
 */
async function writeDeliveries(
  { manager, actor, now }: CommandContext,
  reports: DeliveryReportV1[],
): Promise<(string | null)[]> {
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
        reports.map((report, index) => ({
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
  const ids: (string | null)[] = reports.map(() => null);
  for (const row of rows) ids[row.index] = row.id;
  return ids;
}
