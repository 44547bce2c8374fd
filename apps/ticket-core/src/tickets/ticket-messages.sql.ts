import {
  InboundMailV1,
  MailHeadersV1,
  MessageDeliveryV1,
  MessagePlaceV1,
  MessageV1,
} from '@switchboard/contracts';
import { EntityManager } from 'typeorm';
import { SanitizedHtml, sanitizeMessageHtml } from './message-html';
import { messageSearchVectorSql } from '../search/search-vector';

/** A message as a command brings it: its HTML is untrusted, exactly as the sender sent it. */
export interface MessageInput {
  visibility: MessageV1['visibility'];
  authorKind: MessageV1['authorKind'];
  authorId: string | null;
  bodyText: string;
  bodyHtml: string | null;
  attachments: MessageV1['attachments'];
  mail: MailHeadersV1 | null;
}

/** A message as it is written: the only form the statements that write messages take. */
export interface StoredMessageInput extends Omit<MessageInput, 'bodyHtml'> {
  bodyHtml: SanitizedHtml | null;
}

/**
 * Sanitizes a message for the statements that write messages, which take only a
 * `StoredMessageInput` (`insertMessage`; `TicketCreationService.insertMany` for first messages,
 * whose HTML `create` sanitizes before batching), whoever sent it: mail-ingest, the gateway for agents and
 * customers, the chat gateway. Its HTML is sanitized once, before it is stored, served or put in
 * an event; nothing upstream is trusted to have done it.
 */
export function toStoredMessage(input: MessageInput): StoredMessageInput {
  return { ...input, bodyHtml: sanitizeMessageHtml(input.bodyHtml) };
}

/** A stored message with its author's display name (the row `toMessage` maps). */
export interface MessageRow {
  id: string;
  visibility: MessageV1['visibility'];
  author_kind: MessageV1['authorKind'];
  author_id: string | null;
  author_name: string | null;
  body_text: string;
  body_html: string | null;
  attachments: MessageV1['attachments'];
  mail_message_id: string | null;
  mail_in_reply_to: string | null;
  mail_references: string[] | null;
  mail_inbound: InboundMailV1 | null;
  delivery: MessageDeliveryV1 | null;
  created_at: Date;
}

export function toMessage(row: MessageRow): MessageV1 {
  const hasMail =
    row.mail_message_id ||
    row.mail_in_reply_to ||
    row.mail_references?.length ||
    row.mail_inbound ||
    row.delivery;
  return {
    id: row.id,
    visibility: row.visibility,
    authorKind: row.author_kind,
    authorId: row.author_id,
    authorName: row.author_name ?? null,
    bodyText: row.body_text,
    bodyHtml: row.body_html,
    attachments: row.attachments,
    mail: hasMail
      ? {
          messageId: row.mail_message_id,
          inReplyTo: row.mail_in_reply_to,
          references: row.mail_references ?? [],
          inbound: row.mail_inbound ?? null,
          delivery: row.delivery ?? null,
        }
      : null,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * Stores a message on a locked ticket, its HTML sanitized (`toStoredMessage`), adds its text to
 * the ticket's search vector, and answers its place in the ticket's history, in one statement.
 * It sorts after every message before it (created_at at least a microsecond past the last), so
 * the order of the history is the order the ticket's lock let them in, and its place, counted
 * under that lock, is its number for every later reader. Notes are searchable too: search is
 * for agents, never shown to customers.
 */
export async function insertMessage(
  manager: EntityManager,
  workspaceId: string,
  ticketId: string,
  input: MessageInput,
  at: Date,
): Promise<{ message: MessageV1; place: MessagePlaceV1 }> {
  const message = toStoredMessage(input);
  const [row] = await manager.query(
    `WITH prior AS (
       SELECT count(*)::int AS messages,
              (count(*) FILTER (WHERE visibility = 'public'))::int AS public_messages,
              max(created_at) AS last_at
         FROM messages WHERE ticket_id = $2),
     m AS (
       INSERT INTO messages (workspace_id, ticket_id, visibility, author_kind, author_id, body_text,
         body_html, attachments, mail_message_id, mail_in_reply_to, mail_references, mail_inbound,
         created_at)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $13,
              greatest($12::timestamptz, prior.last_at + interval '1 microsecond')
         FROM prior
       RETURNING *),
     indexed AS (
       UPDATE ticket_search SET search_vector = search_vector || ${messageSearchVectorSql('$6::text')}
        WHERE ticket_id = $2)
     SELECT m.*,
       (SELECT a.name FROM agents a WHERE a.id = m.author_id AND a.sign_replies) AS author_name,
       prior.messages + 1 AS place_all,
       prior.public_messages + (m.visibility = 'public')::int AS place_public
       FROM m, prior`,
    [
      workspaceId,
      ticketId,
      message.visibility,
      message.authorKind,
      message.authorId,
      message.bodyText,
      message.bodyHtml,
      JSON.stringify(message.attachments),
      message.mail?.messageId ?? null,
      message.mail?.inReplyTo ?? null,
      message.mail?.references ?? null,
      at,
      message.mail?.inbound ? JSON.stringify(message.mail.inbound) : null,
    ],
  );
  return {
    message: toMessage(row as MessageRow),
    place: { all: row.place_all, public: row.place_public },
  };
}
