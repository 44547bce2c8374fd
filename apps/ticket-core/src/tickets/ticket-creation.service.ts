import { Injectable } from '@nestjs/common';
import {
  CreateTicketV1,
  MessageV1,
  TICKET_CREATED_V1,
  TicketSummaryV1,
} from '@switchboard/contracts';
import { randomBytes } from 'node:crypto';
import { CustomerLinker } from '../customers/customer-linker';
import { TicketChange } from './ticket-change';
import { MessageInput, insertMessage } from './ticket-messages.sql';
import { TicketRow, toSummary } from './ticket-row';
import { CommandContext, TicketStore } from './ticket-store';
import { ticketSearchVector } from './search-vector';
import { requireTeam } from './workspace-refs';
import { requireStaff } from './ticket-permissions';

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
  firstMessage: MessageInput | null;
}

@Injectable()
export class TicketCreationService {
  constructor(
    private readonly store: TicketStore,
    private readonly customers: CustomerLinker,
  ) {}

  create(command: CreateTicketV1): Promise<TicketSummaryV1> {
    return this.store.transaction(command.actor, async (context) => {
      const { actor, manager } = context;
      requireStaff(actor);
      if (command.teamId) await requireTeam(context, command.teamId);
      const customer = await this.customers.link(manager, actor.workspaceId, command.customer);
      // An agent composing a ticket (or any manual one they create) gets it open and assigned.
      const assigneeId = actor.kind === 'agent' ? actor.agentId : null;
      const body = command.body?.trim() ? command.body : null;
      const created = await this.insert(context, {
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
        firstMessage: body
          ? {
              visibility: 'public',
              authorKind: assigneeId ? 'agent' : 'customer',
              authorId: assigneeId ?? customer.id,
              bodyText: body,
              bodyHtml: command.bodyHtml ?? null,
              attachments: [],
              mail: command.mail ?? null,
            }
          : null,
      });
      return toSummary(created.ticket);
    });
  }

  /** Inserts a ticket (and its first message) with the next number of its workspace. */
  async insert(
    context: CommandContext,
    ticket: NewTicket,
  ): Promise<{ ticket: TicketRow; message: MessageV1 | null }> {
    const { manager, actor, now } = context;
    const status = ticket.assigneeId ? 'open' : 'new';
    const params: unknown[] = [];
    const vector = ticketSearchVector(
      params,
      ticket.subject,
      [ticket.customerName, ticket.customerEmail].filter(Boolean).join(' '),
      ticket.firstMessage?.bodyText ?? null,
    );
    const p = (value: unknown) => `$${params.push(value)}`;
    const fromCustomer = ticket.firstMessage?.authorKind === 'customer';
    const fromAgent = ticket.firstMessage?.authorKind === 'agent';
    // The counter row's lock serializes numbering per workspace; a rollback returns the number.
    const [row] = await manager.query(
      `WITH next AS (
         INSERT INTO ticket_counters (workspace_id, last_number) VALUES (${p(actor.workspaceId)}, 1)
         ON CONFLICT (workspace_id) DO UPDATE SET last_number = ticket_counters.last_number + 1
         RETURNING last_number)
       INSERT INTO tickets (workspace_id, number, channel, subject, status, priority, team_id,
         assignee_id, customer_id, labels, origin_ip, user_agent, mailbox_address, public_token,
         created_at, updated_at, last_activity_at, last_customer_message_at, last_agent_message_at,
         follow_up_of_id, search_vector)
       SELECT ${p(actor.workspaceId)}, next.last_number, ${p(ticket.channel)}, ${p(ticket.subject)},
         ${p(status)}, ${p(ticket.priority ?? 'normal')}, ${p(ticket.teamId)}, ${p(ticket.assigneeId)},
         ${p(ticket.customerId)}, ${p(ticket.labels)}, ${p(ticket.originIp ?? null)},
         ${p(ticket.userAgent ?? null)}, ${p(ticket.mailboxAddress ?? null)}, ${p(newPublicToken())},
         ${p(now)}, $${params.length}, $${params.length},
         ${p(fromCustomer ? now : null)}, ${p(fromAgent ? now : null)},
         ${p(ticket.followUpOfId ?? null)}, ${vector}
       FROM next
       RETURNING id`,
      params,
    );
    if (ticket.labels.length > 0) await this.catalogLabels(context, ticket.labels);
    let message: MessageV1 | null = null;
    if (ticket.firstMessage) {
      message = await insertMessage(manager, actor.workspaceId, row.id, ticket.firstMessage, now);
    }
    const saved = await this.store.lock(context, row.id);
    const change = new TicketChange(actor, saved, now);
    change.record('created', {
      status: { before: null, after: status },
      channel: { before: null, after: ticket.channel },
      ...(ticket.followUpOfId ? { followUpOf: { before: null, after: ticket.followUpOfId } } : {}),
    });
    change.emit(TICKET_CREATED_V1, { firstMessage: message });
    return { ticket: await this.store.save(context, change, { created: true }), message };
  }

  async catalogLabels({ manager, actor }: CommandContext, labels: string[]): Promise<void> {
    await manager.query(
      `INSERT INTO labels (workspace_id, name) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
      [actor.workspaceId, labels],
    );
  }
}
