import { Injectable } from '@nestjs/common';
import {
  Actor,
  CreateTicketV1,
  MessageV1,
  TICKET_CREATED_V1,
  TicketSummaryV1,
} from '@switchboard/contracts';
import { Batcher } from '@switchboard/database';
import { randomBytes, randomUUID } from 'node:crypto';
import { CustomerLinker } from '../customers/customer-linker';
import { CommandContext, Transactions } from '../core/command-context';
import { requireStaff } from '../core/resolved-actor';
import { TicketCoreException } from '../core/ticket-core.exception';
import { customerSearchTextSql, ticketSearchVectorSql } from '../search/search-vector';
import { SanitizedHtml, sanitizeMessageHtml } from './message-html';
import { StoredMessageInput, toMessage } from './ticket-messages.sql';
import { TicketRow, toSummary } from './ticket-row';
import { initialStatus } from './ticket-state-machine';
import { TicketStore } from './ticket-store';
import { requireTeam } from './workspace-refs';

/** 192 bits from the CSPRNG, URL-safe: the customer's public link (PRODUCT §6). */
export function newPublicToken(): string {
  return randomBytes(24).toString('base64url');
}

export interface NewTicket {
  channel: CreateTicketV1['channel'];
  subject: string;
  customerId: string;
  customerName: string | null;
  customerEmail: string | null;
  teamId: string | null;
  priority: CreateTicketV1['priority'];
  labels: string[];
  assigneeId: string | null;
  originIp?: string;
  userAgent?: string;
  mailboxAddress?: string;
  followUpOfId?: string;
  /** Sanitized before it gets here (creations are batched: no sanitizing while locks are held). */
  firstMessage: StoredMessageInput | null;
}

/** A creation as it waits for its batch: its HTML already sanitized. */
interface PreparedCreation {
  command: CreateTicketV1;
  bodyHtml: SanitizedHtml | null;
}

/** The most creations one transaction takes (one counter bump, one insert statement). */
const MAX_BATCH = 100;

@Injectable()
export class TicketCreationService {
  /**
   * Concurrent creations by the same caller share one transaction: mail-ingest and the chat
   * gateway create in bursts, and one workspace's numbers are handed out under one row lock, so
   * one-by-one creation tops out at a hundred or so per second. Batched, the lock is taken once
   * per batch; numbers stay gap-free (a failed batch rolls back and its commands run alone).
   */
  private readonly batches = new Batcher<PreparedCreation, TicketSummaryV1>(
    (creations) => this.createMany(creations[0].command.actor, creations),
    MAX_BATCH,
  );

  constructor(
    private readonly transactions: Transactions,
    private readonly store: TicketStore,
    private readonly customers: CustomerLinker,
  ) {}

  create(command: CreateTicketV1): Promise<TicketSummaryV1> {
    // A large mail's HTML takes milliseconds to sanitize: here, one command at a time, not
    // for a whole batch inside its transaction.
    const bodyHtml = sanitizeMessageHtml(command.bodyHtml);
    return this.batches.submit(batchKey(command.actor), { command, bodyHtml });
  }

  /** Creates the tickets of one caller in one transaction; answers them in order. */
  private createMany(actor: Actor, creations: PreparedCreation[]): Promise<TicketSummaryV1[]> {
    const commands = creations.map(({ command }) => command);
    return this.transactions.transaction(actor, async (context) => {
      const { manager } = context;
      requireStaff(context.actor);
      for (const teamId of new Set(commands.map((command) => command.teamId))) {
        if (teamId) await requireTeam(context, teamId);
      }
      const customers = await this.customers.linkMany(
        manager,
        context.actor.workspaceId,
        commands.map((command) => command.customer),
      );
      commands.forEach((command, index) => {
        // Mail is answered by mail: a customer known only by an external id cannot be.
        if (command.channel === 'mail' && !customers[index].email) {
          throw TicketCoreException.invalid(
            'customer.email',
            "a mail ticket needs the customer's email address",
          );
        }
      });
      // An agent composing a ticket (or any manual one they create) gets it open and assigned.
      const assigneeId = context.actor.kind === 'agent' ? context.actor.agentId : null;
      const created = await this.insertMany(
        context,
        commands.map((command, index) => {
          const customer = customers[index];
          const body = command.body?.trim() ? command.body : null;
          // A mail of files only is still a message: its attachments are what it says.
          const attachments = command.attachments ?? [];
          return {
            channel: command.channel,
            subject: command.subject.trim(),
            customerId: customer.id,
            customerName: customer.name,
            customerEmail: customer.email,
            teamId: command.teamId ?? null,
            priority: command.priority,
            labels: [...new Set(command.labels ?? [])],
            assigneeId,
            originIp: command.originIp,
            userAgent: command.userAgent,
            mailboxAddress: command.mailboxAddress,
            firstMessage:
              body || attachments.length > 0
                ? {
                    visibility: 'public',
                    authorKind: assigneeId ? 'agent' : 'customer',
                    authorId: assigneeId ?? customer.id,
                    bodyText: body ?? '',
                    bodyHtml: creations[index].bodyHtml,
                    attachments,
                    mail: command.mail ?? null,
                  }
                : null,
          };
        }),
      );
      return created.map((one) => toSummary(one.ticket));
    });
  }

  /** Inserts a ticket (and its first message) with the next number of its workspace. */
  async insert(
    context: CommandContext,
    ticket: NewTicket,
  ): Promise<{ ticket: TicketRow; message: MessageV1 | null }> {
    const [created] = await this.insertMany(context, [ticket]);
    return created;
  }

  /**
   * Inserts tickets with the next numbers of their workspace, in two statements: the counter
   * bump (its row lock serializes numbering per workspace until commit; a rollback returns the
   * numbers), then one statement writing the tickets, their search vectors, first messages,
   * history, labels, read mark and `ticket.created` events. Everything else is prepared before
   * the lock is taken, and the rows are answered from what was written, without reading back.
   * The customer's searchable text is read in that statement under the key-share lock its foreign
   * key takes anyway, so an edit of the customer (which re-indexes their tickets) either waits for
   * these tickets or is what they index.
   */
  async insertMany(
    context: CommandContext,
    tickets: NewTicket[],
  ): Promise<{ ticket: TicketRow; message: MessageV1 | null }[]> {
    const { manager, actor, now } = context;
    const authorNames = await this.signingAgentNames(context, tickets);
    const [counter] = await manager.query(
      `INSERT INTO ticket_counters (workspace_id, last_number) VALUES ($1, $2)
       ON CONFLICT (workspace_id) DO UPDATE SET last_number = ticket_counters.last_number + $2
       RETURNING last_number`,
      [actor.workspaceId, tickets.length],
    );
    const firstNumber = (counter.last_number as number) - tickets.length + 1;
    const created = tickets.map((ticket, index) => {
      const row = newTicketRow(actor.workspaceId, ticket, firstNumber + index, now);
      const input = ticket.firstMessage;
      const message = input
        ? toMessage({
            id: randomUUID(),
            visibility: input.visibility,
            author_kind: input.authorKind,
            author_id: input.authorId,
            author_name: (input.authorId && authorNames.get(input.authorId)) ?? null,
            body_text: input.bodyText,
            body_html: input.bodyHtml,
            attachments: input.attachments,
            mail_message_id: input.mail?.messageId ?? null,
            mail_in_reply_to: input.mail?.inReplyTo ?? null,
            mail_references: input.mail?.references ?? null,
            mail_inbound: input.mail?.inbound ?? null,
            delivery: null,
            created_at: now,
          })
        : null;
      return { ticket: row, message, input, followUpOfId: ticket.followUpOfId };
    });
    const rows = created.map(({ ticket, message, input }) => ({
      ...ticket,
      message_id: message?.id ?? null,
      visibility: input?.visibility ?? null,
      author_kind: input?.authorKind ?? null,
      author_id: input?.authorId ?? null,
      body_text: input?.bodyText ?? null,
      body_html: input?.bodyHtml ?? null,
      attachments: input?.attachments ?? [],
      mail_message_id: input?.mail?.messageId ?? null,
      mail_in_reply_to: input?.mail?.inReplyTo ?? null,
      mail_references: input?.mail?.references ?? null,
      mail_inbound: input?.mail?.inbound ?? null,
    }));
    await manager.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($2::jsonb) AS i(
           id uuid, number int, channel text, subject text, status text, priority text,
           team_id uuid, assignee_id uuid, customer_id uuid, labels text[], origin_ip inet,
           user_agent text, mailbox_address text, public_token text,
           last_customer_message_at timestamptz, last_agent_message_at timestamptz,
           follow_up_of_id uuid, message_id uuid, visibility text,
           author_kind text, author_id uuid, body_text text, body_html text, attachments jsonb,
           mail_message_id text, mail_in_reply_to text, mail_references text[], mail_inbound jsonb)),
       tickets AS (
         INSERT INTO tickets (id, workspace_id, number, channel, subject, status, priority, team_id,
           assignee_id, customer_id, labels, origin_ip, user_agent, mailbox_address, public_token,
           created_at, updated_at, last_activity_at, last_customer_message_at,
           last_agent_message_at, follow_up_of_id)
         SELECT id, $1, number, channel, subject, status, priority, team_id, assignee_id,
           customer_id, labels, origin_ip, user_agent, mailbox_address, public_token, $3, $3, $3,
           last_customer_message_at, last_agent_message_at, follow_up_of_id
           FROM input),
       customer AS (
         SELECT id, ${customerSearchTextSql('name', 'email')} AS text FROM customers
          WHERE id IN (SELECT customer_id FROM input)
            FOR KEY SHARE),
       search AS (
         INSERT INTO ticket_search (ticket_id, workspace_id, created_at, search_vector)
         SELECT i.id, $1, $3, ${ticketSearchVectorSql('i.subject', 'c.text', 'i.body_text')}
           FROM input i JOIN customer c ON c.id = i.customer_id),
       messages AS (
         INSERT INTO messages (id, workspace_id, ticket_id, visibility, author_kind, author_id,
           body_text, body_html, attachments, mail_message_id, mail_in_reply_to, mail_references,
           mail_inbound, created_at)
         SELECT message_id, $1, id, visibility, author_kind, author_id, body_text, body_html,
           attachments, mail_message_id, mail_in_reply_to, mail_references, mail_inbound, $3
           FROM input WHERE message_id IS NOT NULL),
       catalog AS (
         INSERT INTO labels (workspace_id, name)
         SELECT DISTINCT $1::uuid, unnest(labels) FROM input
         ON CONFLICT DO NOTHING)
       SELECT 1 AS done`,
      [actor.workspaceId, JSON.stringify(rows), now],
    );
    // History, the created events and the creator's read mark, as every change writes them.
    await this.store.writeEffects(
      context,
      created.map(({ ticket, message, followUpOfId }) => ({
        ticket,
        history: [
          {
            action: 'created',
            changes: {
              status: { before: null, after: ticket.status },
              channel: { before: null, after: ticket.channel },
              ...(followUpOfId ? { followUpOf: { before: null, after: followUpOfId } } : {}),
            },
          },
        ],
        events: [{ subject: TICKET_CREATED_V1, extra: { firstMessage: message } }],
        readMark: actor.agentId ? { agentId: actor.agentId, at: now } : null,
        timers: new Map(),
      })),
    );
    return created.map(({ ticket, message }) => ({ ticket, message }));
  }

  /** Names of agents who write a first message and sign their replies (PRODUCT §1). */
  private async signingAgentNames(
    { manager }: CommandContext,
    tickets: NewTicket[],
  ): Promise<Map<string, string>> {
    const ids = tickets.flatMap((ticket) =>
      ticket.firstMessage?.authorKind === 'agent' && ticket.firstMessage.authorId
        ? [ticket.firstMessage.authorId]
        : [],
    );
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await manager.query(
      `SELECT id, name FROM agents WHERE id = ANY($1::uuid[]) AND sign_replies`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}

/** Requests of the same caller are batched together (the batch runs as that caller). */
function batchKey(actor: Actor): string {
  return [
    actor.workspaceId,
    actor.kind,
    actor.agentId ?? '',
    actor.customerId ?? '',
    actor.role ?? '',
  ].join(' ');
}

/** The ticket exactly as the insert writes it. */
function newTicketRow(workspaceId: string, ticket: NewTicket, number: number, now: Date) {
  const authorKind = ticket.firstMessage?.authorKind;
  const row: TicketRow = {
    id: randomUUID(),
    workspace_id: workspaceId,
    number,
    channel: ticket.channel,
    subject: ticket.subject,
    status: initialStatus(ticket.assigneeId !== null),
    priority: ticket.priority ?? 'normal',
    team_id: ticket.teamId,
    assignee_id: ticket.assigneeId,
    previous_assignee_id: null,
    customer_id: ticket.customerId,
    labels: ticket.labels,
    origin_ip: ticket.originIp ?? null,
    user_agent: ticket.userAgent ?? null,
    mailbox_address: ticket.mailboxAddress ?? null,
    public_token: newPublicToken(),
    created_at: now,
    updated_at: now,
    last_activity_at: now,
    first_response_at: null,
    last_customer_message_at: authorKind === 'customer' ? now : null,
    last_agent_message_at: authorKind === 'agent' ? now : null,
    solved_at: null,
    solved_by: null,
    remind_at: null,
    auto_solve_at: null,
    archived_at: null,
    deleted_at: null,
    merged_into_id: null,
    follow_up_of_id: ticket.followUpOfId ?? null,
    version: 1,
    customer_name: ticket.customerName,
    customer_email: ticket.customerEmail,
    participant_ids: [],
    unread: false,
  };
  return row;
}
