import { Injectable } from '@nestjs/common';
import { EventEnvelope, TicketEventV1 } from '@switchboard/contracts';
import { ReplyTokenCodec } from '@switchboard/reply-tokens';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { NotificationConfig } from '../config';
import { Clock } from '../core/clock';
import { NotificationContext } from '../events/notification-plan';
import { AgentKind, CustomerKind } from '../templates/notification-kinds';

/** How many Message-IDs of a thread are kept and put in References. */
const THREAD_DEPTH = 20;

/**
 * Puts mail on the `outgoing_mail` table, in the event's transaction: once the event is recorded
 * as processed its mail is queued, and never twice. The Message-ID is chosen here and kept, so
 * every try sends the same one and a reply threads back whichever try arrived.
 */
@Injectable()
export class OutgoingMailQueue {
  constructor(
    private readonly config: NotificationConfig,
    private readonly codec: ReplyTokenCodec,
    private readonly clock: Clock,
  ) {}

  /**
   * A mail to the ticket's customer, in the ticket's thread: it answers the last Message-ID
   * seen on the ticket, and its own (carrying the signed reply token) joins the thread.
   */
  async customerMail(
    manager: EntityManager,
    event: EventEnvelope<TicketEventV1>,
    mail: { kind: CustomerKind; recipient: string; ticketMessageId?: string },
    context: NotificationContext,
  ): Promise<string> {
    const { ticketId } = event.data;
    const messageId = this.codec.messageId(event.workspaceId, ticketId, this.config.MAIL_DOMAIN);
    await this.insert(manager, event, {
      kind: mail.kind,
      ticketMessageId: mail.ticketMessageId ?? null,
      recipient: mail.recipient,
      recipientAgentId: null,
      messageId,
      threaded: true,
      context,
    });
    return messageId;
  }

  /** A mail to an agent: outside the customer's thread, with no reply token (they answer in the desk). */
  async agentMail(
    manager: EntityManager,
    event: EventEnvelope<TicketEventV1>,
    mail: { kind: AgentKind; agentId: string },
    context: NotificationContext,
  ): Promise<string> {
    const messageId = `<${randomUUID()}@${this.config.MAIL_DOMAIN}>`;
    await this.insert(manager, event, {
      kind: mail.kind,
      ticketMessageId: null,
      recipient: null,
      recipientAgentId: mail.agentId,
      messageId,
      threaded: false,
      context,
    });
    return messageId;
  }

  /** A Message-ID seen on the ticket (an inbound mail), for the next answer's In-Reply-To. */
  async rememberInbound(
    manager: EntityManager,
    workspaceId: string,
    ticketId: string,
    messageId: string,
  ): Promise<void> {
    await this.joinThread(manager, workspaceId, ticketId, messageId);
  }

  /** Appends a Message-ID to the ticket's thread; answers the thread before it. */
  private async joinThread(
    manager: EntityManager,
    workspaceId: string,
    ticketId: string,
    messageId: string,
  ): Promise<string[]> {
    const [row]: { message_ids: string[] }[] = await manager.query(
      `INSERT INTO ticket_threads (ticket_id, workspace_id, message_ids) VALUES ($1, $2, ARRAY[$3])
       ON CONFLICT (ticket_id) DO UPDATE
         SET message_ids = (ticket_threads.message_ids || $3::text)[
               greatest(1, cardinality(ticket_threads.message_ids) + 2 - $4):],
             updated_at = now()
       RETURNING message_ids`,
      [ticketId, workspaceId, messageId, THREAD_DEPTH],
    );
    return row.message_ids.filter((id) => id !== messageId);
  }

  /**
   * One statement: a threaded mail joins its ticket's thread and takes the Message-ID before
   * its own as In-Reply-To, the thread before it as References.
   */
  private async insert(
    manager: EntityManager,
    event: EventEnvelope<TicketEventV1>,
    row: {
      kind: string;
      ticketMessageId: string | null;
      recipient: string | null;
      recipientAgentId: string | null;
      messageId: string;
      threaded: boolean;
      context: NotificationContext;
    },
  ): Promise<void> {
    const values = [
      randomUUID(),
      event.workspaceId,
      event.id,
      row.kind,
      event.data.ticketId,
      event.data.number,
      row.ticketMessageId,
      row.recipient,
      row.recipientAgentId,
      row.messageId,
      row.kind !== 'customer_reply',
      JSON.stringify(row.context),
      this.clock.now(),
    ];
    const columns = `id, workspace_id, event_id, kind, ticket_id, ticket_number, ticket_message_id,
      recipient, recipient_agent_id, message_id, automatic, context, next_attempt_at,
      in_reply_to, "references"`;
    if (!row.threaded) {
      await manager.query(
        `INSERT INTO outgoing_mail (${columns})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, NULL, '{}')`,
        values,
      );
      return;
    }
    await manager.query(
      `WITH thread AS (
         INSERT INTO ticket_threads (ticket_id, workspace_id, message_ids)
         VALUES ($5, $2, ARRAY[$10::text])
         ON CONFLICT (ticket_id) DO UPDATE
           SET message_ids = (ticket_threads.message_ids || $10::text)[
                 greatest(1, cardinality(ticket_threads.message_ids) + 2 - $14):],
               updated_at = now()
         RETURNING array_remove(message_ids, $10::text) AS ids)
       INSERT INTO outgoing_mail (${columns})
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
              thread.ids[cardinality(thread.ids)], thread.ids
         FROM thread`,
      [...values, THREAD_DEPTH],
    );
  }
}
