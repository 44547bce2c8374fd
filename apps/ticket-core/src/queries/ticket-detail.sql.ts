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
 * A ticket's messages, oldest first (messages_ticket), with $1 the ticket, $2 its workspace, $3 its
 * customer and $4 whether internal notes are included. The author's name is the agent's only when
 * they sign replies (PRODUCT §1) and the customer's for customer messages; agents' emails are
 * never read here.
 */
const MESSAGES_SQL = `SELECT m.id, m.visibility, m.author_kind, m.author_id, m.body_text, m.body_html,
            m.attachments, m.mail_message_id, m.mail_in_reply_to, m.mail_references,
            m.mail_inbound, m.delivery, m.created_at,
            CASE m.author_kind
              WHEN 'agent' THEN (SELECT a.name FROM agents a
                                  WHERE a.id = m.author_id AND a.workspace_id = $2 AND a.sign_replies)
              WHEN 'customer' THEN (SELECT coalesce(c.name, nullif(concat_ws(' ', c.first_name, c.last_name), ''))
                                     FROM customers c
                                    WHERE c.id = coalesce(m.author_id, $3) AND c.workspace_id = $2)
            END AS author_name
       FROM messages m
      WHERE m.ticket_id = $1 AND ($4 OR m.visibility = 'public')`;

type MessageParams = [
  ticketId: string,
  workspaceId: string,
  customerId: string,
  withNotes: boolean,
];

function messageParams(
  ticket: Pick<TicketRow, 'id' | 'workspace_id' | 'customer_id'>,
  withNotes: boolean,
): MessageParams {
  return [ticket.id, ticket.workspace_id, ticket.customer_id, withNotes];
}

/** A ticket's messages (see MESSAGES_SQL); internal notes only when `withNotes`. */
export function loadMessages(
  manager: EntityManager,
  ticket: Pick<TicketRow, 'id' | 'workspace_id' | 'customer_id'>,
  withNotes: boolean,
  options: { after?: number } = {},
): Promise<MessageRow[]> {
  // Skipping the first `after` still walks them in messages_ticket: a chat is short.
  return manager.query(`${MESSAGES_SQL} ORDER BY m.created_at, m.id OFFSET $5`, [
    ...messageParams(ticket, withNotes),
    options.after ?? 0,
  ]);
}

/** A row read back from a JSON array, where timestamps arrive as text. */
type FromJson<T extends { created_at: Date }> = Omit<T, 'created_at'> & { created_at: string };

function withDates<T extends { created_at: Date }>(rows: FromJson<T>[]): T[] {
  return rows.map((row) => ({ ...row, created_at: new Date(row.created_at) }) as T);
}

/**
 * The messages, the history (ticket_history_ticket, in the order things happened) and the
 * access requests of one ticket, as three JSON arrays in one round trip instead of three. Only
 * pending access requests are indexed by ticket (access_requests_pending is partial), so the last
 * list reads the whole, small, table.
 */
const DETAIL_LISTS_SQL = `SELECT
    coalesce((SELECT json_agg(m ORDER BY m.created_at, m.id) FROM (${MESSAGES_SQL}) m), '[]') AS messages,
    coalesce((SELECT json_agg(h ORDER BY h.seq)
                FROM (SELECT id AS seq, id::text AS id, actor_kind, actor_id, action, changes, created_at
                        FROM ticket_history WHERE ticket_id = $1) h), '[]') AS history,
    coalesce((SELECT json_agg(r ORDER BY r.created_at, r.id)
                FROM (SELECT id, agent_id, status, created_at
                        FROM access_requests WHERE ticket_id = $1) r), '[]') AS access_requests`;

interface DetailLists {
  messages: FromJson<MessageRow>[];
  history: FromJson<HistoryRow>[];
  access_requests: FromJson<AccessRequestRow>[];
}

/** Everything the desk shows about one ticket the caller may see. */
export async function loadDetail(
  manager: EntityManager,
  row: TicketRow,
  withNotes: boolean,
): Promise<TicketDetailV1> {
  const [lists]: DetailLists[] = await manager.query(
    DETAIL_LISTS_SQL,
    messageParams(row, withNotes),
  );
  const messages = withDates<MessageRow>(lists.messages);
  const history = withDates<HistoryRow>(lists.history);
  const accessRequests = withDates<AccessRequestRow>(lists.access_requests);
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
