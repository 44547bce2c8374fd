import { Injectable } from '@nestjs/common';
import { EventEnvelope, TicketEventV1 } from '@switchboard/contracts';
import { ReplyTokenCodec } from '@switchboard/reply-tokens';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { NotificationConfig } from '../config';
import { Clock } from '../core/clock';
import { NotificationContext } from '../events/notification-plan';
import { AgentKind, CustomerKind, NotificationKind } from '../templates/notification-kinds';

/** How many Message-IDs of a thread are kept and put in References. */
const THREAD_DEPTH = 20;

/** A mail an event's handler queues; the Message-ID is chosen when it is planned. */
export interface QueuedMail {
  event: EventEnvelope<TicketEventV1>;
  kind: NotificationKind;
  ticketMessageId: string | null;
  recipient: string | null;
  recipientAgentId: string | null;
  messageId: string;
  /** A customer's mail: it answers the ticket's thread and joins it. */
  threaded: boolean;
  context: NotificationContext;
}

/** What joins the queue: a mail of ours, or an inbound mail's Message-ID joining its thread. */
export type QueueEntry =
  { mail: QueuedMail } | { inbound: { workspaceId: string; ticketId: string; messageId: string } };

interface OutgoingRow {
  mail: QueuedMail;
  inReplyTo: string | null;
  references: string[];
}

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

  /** A mail to the ticket's customer, in the ticket's thread, its Message-ID carrying the reply token. */
  customerMail(
    event: EventEnvelope<TicketEventV1>,
    mail: { kind: CustomerKind; recipient: string; ticketMessageId?: string },
    context: NotificationContext,
  ): QueueEntry {
    const messageId = this.codec.messageId(
      event.workspaceId,
      event.data.ticketId,
      this.config.MAIL_DOMAIN,
    );
    return {
      mail: {
        event,
        kind: mail.kind,
        ticketMessageId: mail.ticketMessageId ?? null,
        recipient: mail.recipient,
        recipientAgentId: null,
        messageId,
        threaded: true,
        context,
      },
    };
  }

  /** A mail to an agent: outside the customer's thread, with no reply token (they answer in the desk). */
  agentMail(
    event: EventEnvelope<TicketEventV1>,
    mail: { kind: AgentKind; agentId: string },
    context: NotificationContext,
  ): QueueEntry {
    return {
      mail: {
        event,
        kind: mail.kind,
        ticketMessageId: null,
        recipient: null,
        recipientAgentId: mail.agentId,
        messageId: `<${randomUUID()}@${this.config.MAIL_DOMAIN}>`,
        threaded: false,
        context,
      },
    };
  }

  /** A Message-ID seen on the ticket (an inbound mail), for the next answer's In-Reply-To. */
  inbound(workspaceId: string, ticketId: string, messageId: string): QueueEntry {
    return { inbound: { workspaceId, ticketId, messageId } };
  }

  /**
   * Writes the entries, in their order, in two statements however many there are: the threads
   * they touch are read and locked, each customer mail answers its thread as it stands after the
   * entries before it (In-Reply-To the last Message-ID, References the thread), and then the
   * threads and the mails are written together.
   */
  async write(manager: EntityManager, entries: QueueEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const threads = await this.lockThreads(manager, entries);
    /** The Message-IDs each ticket's thread gains, in order. */
    const joined = new Map<string, { workspaceId: string; ids: string[] }>();
    const join = (workspaceId: string, ticketId: string, messageId: string) => {
      const thread = [...(threads.get(ticketId) ?? []), messageId];
      threads.set(ticketId, thread.slice(-THREAD_DEPTH));
      const gained = joined.get(ticketId) ?? { workspaceId, ids: [] };
      gained.ids.push(messageId);
      joined.set(ticketId, gained);
    };
    const rows: OutgoingRow[] = [];
    for (const entry of entries) {
      if ('inbound' in entry) {
        join(entry.inbound.workspaceId, entry.inbound.ticketId, entry.inbound.messageId);
        continue;
      }
      const { mail } = entry;
      if (!mail.threaded) {
        rows.push({ mail, inReplyTo: null, references: [] });
        continue;
      }
      const before = (threads.get(mail.event.data.ticketId) ?? [])
        .filter((id) => id !== mail.messageId)
        .slice(1 - THREAD_DEPTH);
      rows.push({ mail, inReplyTo: before.at(-1) ?? null, references: before });
      join(mail.event.workspaceId, mail.event.data.ticketId, mail.messageId);
    }
    await this.insert(manager, joined, rows);
  }

  /** The threads of the entries' tickets, locked until the transaction ends. */
  private async lockThreads(
    manager: EntityManager,
    entries: QueueEntry[],
  ): Promise<Map<string, string[]>> {
    const tickets = new Set<string>();
    for (const entry of entries) {
      if ('inbound' in entry) tickets.add(entry.inbound.ticketId);
      else if (entry.mail.threaded) tickets.add(entry.mail.event.data.ticketId);
    }
    if (tickets.size === 0) return new Map();
    const rows: { ticket_id: string; message_ids: string[] }[] = await manager.query(
      // message_ids as JSON: pg reads a text[] character by character in JavaScript.
      `SELECT ticket_id, array_to_json(message_ids) AS message_ids FROM ticket_threads
        WHERE ticket_id = ANY($1::uuid[]) ORDER BY ticket_id FOR UPDATE`,
      [[...tickets]],
    );
    return new Map(rows.map((row) => [row.ticket_id, row.message_ids]));
  }

  /**
   * One statement: the threads gain their Message-IDs (appended, should another replica have
   * started a thread that was not there to lock) and the mails are inserted.
   */
  private async insert(
    manager: EntityManager,
    joined: Map<string, { workspaceId: string; ids: string[] }>,
    rows: OutgoingRow[],
  ): Promise<void> {
    const threadRows = [...joined].flatMap(([ticketId, { workspaceId, ids }]) =>
      ids.map((messageId) => ({ ticketId, workspaceId, messageId })),
    );
    const now = this.clock.now();
    await manager.query(
      `WITH gained AS (
         SELECT ticket_id, workspace_id, array_agg(message_id ORDER BY n) AS ids
           FROM unnest($1::uuid[], $2::uuid[], $3::text[]) WITH ORDINALITY
                AS g(ticket_id, workspace_id, message_id, n)
          GROUP BY ticket_id, workspace_id),
       threads AS (
         INSERT INTO ticket_threads (ticket_id, workspace_id, message_ids)
         SELECT ticket_id, workspace_id, ids[greatest(1, cardinality(ids) + 1 - $4):] FROM gained
         ON CONFLICT (ticket_id) DO UPDATE
           SET message_ids = (ticket_threads.message_ids || excluded.message_ids)[
                 greatest(1, cardinality(ticket_threads.message_ids)
                               + cardinality(excluded.message_ids) + 1 - $4):],
               updated_at = now())
       INSERT INTO outgoing_mail (id, workspace_id, event_id, kind, ticket_id, ticket_number,
              ticket_message_id, recipient, recipient_agent_id, message_id, automatic, context,
              next_attempt_at, in_reply_to, "references")
       SELECT m.id, m.workspace_id, m.event_id, m.kind, m.ticket_id, m.ticket_number,
              m.ticket_message_id, m.recipient, m.recipient_agent_id, m.message_id, m.automatic,
              m.context, $5, m.in_reply_to,
              ARRAY(SELECT jsonb_array_elements_text(m.refs))
         FROM unnest($6::uuid[], $7::uuid[], $8::uuid[], $9::text[], $10::uuid[], $11::int[],
                     $12::uuid[], $13::text[], $14::uuid[], $15::text[], $16::bool[], $17::jsonb[],
                     $18::text[], $19::jsonb[])
           AS m(id, workspace_id, event_id, kind, ticket_id, ticket_number, ticket_message_id,
                recipient, recipient_agent_id, message_id, automatic, context, in_reply_to, refs)`,
      [
        threadRows.map((row) => row.ticketId),
        threadRows.map((row) => row.workspaceId),
        threadRows.map((row) => row.messageId),
        THREAD_DEPTH,
        now,
        rows.map(() => randomUUID()),
        rows.map((row) => row.mail.event.workspaceId),
        rows.map((row) => row.mail.event.id),
        rows.map((row) => row.mail.kind),
        rows.map((row) => row.mail.event.data.ticketId),
        rows.map((row) => row.mail.event.data.number),
        rows.map((row) => row.mail.ticketMessageId),
        rows.map((row) => row.mail.recipient),
        rows.map((row) => row.mail.recipientAgentId),
        rows.map((row) => row.mail.messageId),
        rows.map((row) => row.mail.kind !== 'customer_reply'),
        rows.map((row) => JSON.stringify(row.mail.context)),
        rows.map((row) => row.inReplyTo),
        rows.map((row) => JSON.stringify(row.references)),
      ],
    );
  }
}
