import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

export interface ChatSession {
  workspaceId: string;
  customerId: string;
  ticketId: string;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A customer's chat, resumable with the token the widget keeps (only its hash is stored). */
@Injectable()
export class ChatSessions {
  constructor(private readonly dataSource: DataSource) {}

  async open(session: ChatSession): Promise<string> {
    const token = `cs_${randomBytes(24).toString('base64url')}`;
    await this.dataSource.query(
      `INSERT INTO chat_sessions (token_hash, workspace_id, customer_id, ticket_id)
       VALUES ($1, $2, $3, $4)`,
      [hash(token), session.workspaceId, session.customerId, session.ticketId],
    );
    return token;
  }

  async find(workspaceId: string, token: string): Promise<ChatSession | undefined> {
    const [row]: { customer_id: string; ticket_id: string }[] = await this.dataSource.query(
      `SELECT customer_id, ticket_id FROM chat_sessions
        WHERE token_hash = $1 AND workspace_id = $2`,
      [hash(token), workspaceId],
    );
    return row && { workspaceId, customerId: row.customer_id, ticketId: row.ticket_id };
  }

  /** A merged chat goes on in the ticket it was merged into. */
  async moveTicket(fromTicketId: string, toTicketId: string): Promise<void> {
    await this.dataSource.query(`UPDATE chat_sessions SET ticket_id = $2 WHERE ticket_id = $1`, [
      fromTicketId,
      toTicketId,
    ]);
  }
}
