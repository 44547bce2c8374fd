import { Injectable } from '@nestjs/common';
import { GetTicketByTokenV1, PublicTicketV1, Status } from '@switchboard/contracts';
import { DataSource } from 'typeorm';
import { TicketCoreException } from '../core/ticket-core.exception';
import { loadMessages } from './ticket-detail.sql';

interface PublicRow {
  id: string;
  workspace_id: string;
  customer_id: string;
  number: number;
  subject: string;
  status: Status;
  created_at: Date;
}

/**
 * The customer's public page (PRODUCT §6). There is no actor: holding the unguessable token is
 * the permission. So it answers only what the customer may see: public messages, no internal
 * notes, no agent ids or emails, and an agent's name only when that agent signs replies.
 */
@Injectable()
export class PublicTicketService {
  constructor(private readonly dataSource: DataSource) {}

  async get(request: GetTicketByTokenV1): Promise<PublicTicketV1> {
    const manager = this.dataSource.manager;
    // The UNIQUE index on public_token; a deleted ticket's link stops working.
    const [ticket]: PublicRow[] = await manager.query(
      `SELECT id, workspace_id, customer_id, number, subject, status, created_at
         FROM tickets WHERE public_token = $1 AND deleted_at IS NULL`,
      [request.token],
    );
    if (!ticket) throw TicketCoreException.notFound();
    const messages = await loadMessages(manager, ticket, false);
    return {
      // For the gateway, which acts for the link's holder; it never shows them to the customer.
      ticketId: ticket.id,
      workspaceId: ticket.workspace_id,
      customerId: ticket.customer_id,
      number: ticket.number,
      subject: ticket.subject,
      status: ticket.status,
      createdAt: ticket.created_at.toISOString(),
      messages: messages.map((message) => ({
        id: message.id,
        authorKind: message.author_kind,
        // The contract names only signing agents; the customer's own name is not needed there.
        authorName: message.author_kind === 'agent' ? message.author_name : null,
        bodyText: message.body_text,
        bodyHtml: message.body_html,
        attachments: message.attachments,
        createdAt: message.created_at.toISOString(),
      })),
    };
  }
}
