import { HistoryEntryV1, TicketDetailV1 } from '@switchboard/contracts';
import { EntityManager } from 'typeorm';
import { MessageRow, toMessage } from '../tickets/ticket-messages.sql';
import { TicketRow, toSummary } from '../tickets/ticket-row';

interface HistoryRow {
  id: string;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  changes: HistoryEntryV1['changes'];
  created_at: Date;
}

interface AccessRequestRow {
  id: string;
  agent_id: string;
  status: string;
  created_at: Date;
}

/**
 * A ticket's messages, oldest first (messages_ticket). The author's name is the agent's only when
 * they sign replies (PRODUCT §1) and the customer's for customer messages; agents' emails are
 * never read here. Internal notes only when `withNotes`.
 */
export function loadMessages(
  manager: EntityManager,
  ticket: Pick<TicketRow, 'id' | 'workspace_id' | 'customer_id'>,
  withNotes: boolean,
): Promise<MessageRow[]> {
  return manager.query(
    `SELECT m.id, m.visibility, m.author_kind, m.author_id, m.body_text, m.body_html,
            m.attachments, m.mail_message_id, m.mail_in_reply_to, m.mail_references, m.created_at,
            CASE m.author_kind
              WHEN 'agent' THEN (SELECT a.name FROM agents a
                                  WHERE a.id = m.author_id AND a.workspace_id = $2 AND a.sign_replies)
              WHEN 'customer' THEN (SELECT coalesce(c.name, nullif(concat_ws(' ', c.first_name, c.last_name), ''))
                                     FROM customers c
                                    WHERE c.id = coalesce(m.author_id, $3) AND c.workspace_id = $2)
            END AS author_name
       FROM messages m
      WHERE m.ticket_id = $1 AND ($4 OR m.visibility = 'public')
      ORDER BY m.created_at, m.id`,
    [ticket.id, ticket.workspace_id, ticket.customer_id, withNotes],
  );
}

/** Everything the desk shows about one ticket the caller may see. */
export async function loadDetail(
  manager: EntityManager,
  row: TicketRow,
  withNotes: boolean,
): Promise<TicketDetailV1> {
  const messages = await loadMessages(manager, row, withNotes);
  // ticket_history_ticket (ticket_id, id): in the order things happened.
  const history: HistoryRow[] = await manager.query(
    `SELECT id::text, actor_kind, actor_id, action, changes, created_at
       FROM ticket_history WHERE ticket_id = $1 ORDER BY id`,
    [row.id],
  );
  // Only pending requests are indexed by ticket (access_requests_pending is partial), so this
  // reads the whole, small, table: an index on access_requests (ticket_id) would serve it.
  const accessRequests: AccessRequestRow[] = await manager.query(
    `SELECT id, agent_id, status, created_at FROM access_requests
      WHERE ticket_id = $1 ORDER BY created_at, id`,
    [row.id],
  );
  return {
    ...toSummary(row),
    originIp: row.origin_ip,
    userAgent: row.user_agent,
    mailboxAddress: row.mailbox_address,
    firstResponseAt: row.first_response_at?.toISOString() ?? null,
    lastCustomerMessageAt: row.last_customer_message_at?.toISOString() ?? null,
    lastAgentMessageAt: row.last_agent_message_at?.toISOString() ?? null,
    mergedIntoId: row.merged_into_id,
    followUpOfId: row.follow_up_of_id,
    publicToken: row.public_token,
    messages: messages.map(toMessage),
    history: history.map((entry) => ({
      id: entry.id,
      actorKind: entry.actor_kind,
      actorId: entry.actor_id,
      action: entry.action,
      changes: entry.changes,
      createdAt: entry.created_at.toISOString(),
    })),
    accessRequests: accessRequests.map((request) => ({
      id: request.id,
      agentId: request.agent_id,
      status: request.status,
      createdAt: request.created_at.toISOString(),
    })),
  };
}
