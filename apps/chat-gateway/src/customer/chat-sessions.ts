import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IntakeState } from './intake';

/** An out-of-hours chat's first message and sender, kept until the customer says YES. */
export interface HeldChat {
  body: string;
  name?: string;
  email?: string;
  externalId?: string;
  originIp?: string;
  userAgent?: string;
  /** The widget's team, which the ticket goes to. */
  teamId?: string;
}

export interface ChatSession {
  /** The token's hash: the row's key. */
  key: string;
  workspaceId: string;
  customerId: string | null;
  /** Null while an out-of-hours chat asks whether to leave a message. */
  ticketId: string | null;
  intake: IntakeState | null;
  held: HeldChat | null;
}

interface SessionRow {
  token_hash: string;
  workspace_id: string;
  customer_id: string | null;
  ticket_id: string | null;
  intake: IntakeState | null;
  held: HeldChat | null;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const toSession = (row: SessionRow): ChatSession => ({
  key: row.token_hash,
  workspaceId: row.workspace_id,
  customerId: row.customer_id,
  ticketId: row.ticket_id,
  intake: row.intake,
  held: row.held,
});

/** A customer's chat, resumable with the token the widget keeps (only its hash is stored). */
@Injectable()
export class ChatSessions {
  constructor(private readonly dataSource: DataSource) {}

  async open(session: Omit<ChatSession, 'key'>): Promise<{ token: string; session: ChatSession }> {
    const token = `cs_${randomBytes(24).toString('base64url')}`;
    const [row]: SessionRow[] = await this.dataSource.query(
      `INSERT INTO chat_sessions (token_hash, workspace_id, customer_id, ticket_id, intake, held)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [
        hash(token),
        session.workspaceId,
        session.customerId,
        session.ticketId,
        session.intake,
        session.held,
      ],
    );
    return { token, session: toSession(row) };
  }

  async find(workspaceId: string, token: string): Promise<ChatSession | undefined> {
    const [row]: SessionRow[] = await this.dataSource.query(
      `SELECT * FROM chat_sessions WHERE token_hash = $1 AND workspace_id = $2`,
      [hash(token), workspaceId],
    );
    return row && toSession(row);
  }

  async update(
    session: ChatSession,
    fields: Partial<Pick<ChatSession, 'customerId' | 'ticketId' | 'intake' | 'held'>>,
  ): Promise<ChatSession> {
    const next = { ...session, ...fields };
    await this.dataSource.query(
      `UPDATE chat_sessions SET customer_id = $2, ticket_id = $3, intake = $4, held = $5
        WHERE token_hash = $1`,
      [next.key, next.customerId, next.ticketId, next.intake, next.held],
    );
    return next;
  }

  /** A merged chat goes on in the ticket it was merged into. */
  async moveTicket(fromTicketId: string, toTicketId: string): Promise<void> {
    await this.dataSource.query(`UPDATE chat_sessions SET ticket_id = $2 WHERE ticket_id = $1`, [
      fromTicketId,
      toTicketId,
    ]);
  }

  /** The silence closed the intake (ticket-core's timer): the chats collecting into it end. */
  async endIntake(ticketId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE chat_sessions SET intake = 'ended' WHERE ticket_id = $1 AND intake = 'collecting'`,
      [ticketId],
    );
  }
}
