import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

/** A mailbox a recipient address reached, as RCPT found it. */
export interface MailboxRef {
  id: string;
  workspaceId: string;
  address: string;
  teamId: string | null;
  maxMessageBytes: number | null;
}

/** One accepted mail as SMTP received it, before anything is parsed. */
export interface AcceptedMail {
  raw: Buffer;
  mailFrom: string;
  clientIp: string | null;
  helo: string | null;
  /** Each mailbox once, with the address the mail was sent to (plus-address included). */
  recipients: { mailbox: MailboxRef; address: string }[];
}

export type InboxStatus = 'pending' | 'done' | 'parked' | 'held';

/** What became of a mail: done, held or parked, with its ticket and sender. */
export interface FinishedMail {
  id: string;
  status: Exclude<InboxStatus, 'pending'>;
  outcome: string;
  ticketId?: string | null;
  sender?: string | null;
  error?: string | null;
  at: Date;
}

/** A stored mail as a worker takes it. */
export interface InboxRow {
  id: string;
  mailboxId: string;
  workspaceId: string;
  mailboxAddress: string;
  teamId: string | null;
  recipient: string;
  mailFrom: string;
  clientIp: string | null;
  helo: string | null;
  dedupKey: string;
  raw: Buffer;
  attempts: number;
  /** Replayed by an admin: a mail held as a loop goes through. */
  replayed: boolean;
}

/** The local part without its `+tag`, lowercased: the mailbox an address reaches. */
export function mailboxAddressOf(address: string): string {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at <= 0) return lower;
  return `${lower.slice(0, at).replace(/\+.*$/, '')}${lower.slice(at)}`;
}

/**
 * The key a second delivery of the same mail is recognised by: its Message-ID, read from the
 * header block without parsing the whole mail, or else the SHA-256 of its bytes.
 */
export function dedupKeyOf(raw: Buffer): string {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end >= 0 ? end : Math.min(raw.length, 65_536)).toString('latin1');
  const messageId = /^message-id:[ \t]*(?:\r?\n[ \t]+)?(<[^<>\s]+>)/im.exec(head)?.[1];
  if (messageId) return `mid:${messageId}`;
  return `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

/**
 * mail-ingest's durable inbox and work table (`inbound_mails`). `accept` is the only write
 * before the SMTP `250`; workers take rows with `FOR UPDATE SKIP LOCKED` and hold the lock
 * while they process, so a crash hands the row back to the next worker at once.
 */
/** How long a found mailbox is remembered: a changed limit or team applies within this. */
const MAILBOX_CACHE_MS = 5_000;

@Injectable()
export class InboxRepository {
  /** Mailboxes RCPT found lately (unknown addresses are not remembered: a new one works at once). */
  private readonly mailboxes = new Map<string, { mailbox: MailboxRef; until: number }>();

  constructor(private readonly dataSource: DataSource) {}

  /** The mailbox an RCPT address reaches, if any. */
  async findMailbox(address: string): Promise<MailboxRef | undefined> {
    const key = mailboxAddressOf(address);
    const cached = this.mailboxes.get(key);
    if (cached && cached.until > Date.now()) return cached.mailbox;
    const [row]: MailboxRef[] = await this.dataSource.query(
      `SELECT id, workspace_id AS "workspaceId", address, team_id AS "teamId",
              max_message_bytes AS "maxMessageBytes"
         FROM mailboxes WHERE address = $1`,
      [key],
    );
    if (row) {
      if (this.mailboxes.size > 10_000) this.mailboxes.clear();
      this.mailboxes.set(key, { mailbox: row, until: Date.now() + MAILBOX_CACHE_MS });
    }
    return row;
  }

  /**
   * Commits the raw mail, once per mailbox, in one statement. A mail already stored for a
   * mailbox (same Message-ID, or same bytes) is not stored again: its sender is answered 250
   * all the same, since the first copy is safe.
   */
  async accept(mail: AcceptedMail): Promise<{ stored: number }> {
    const dedupKey = dedupKeyOf(mail.raw);
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO inbound_mails (mailbox_id, workspace_id, recipient, mail_from, client_ip, helo,
                                  dedup_key, raw, size)
       SELECT r.mailbox_id, r.workspace_id, r.recipient, $3, $4, $5, $6, $7, $8
         FROM unnest($1::uuid[], $2::uuid[], $9::text[]) AS r (mailbox_id, workspace_id, recipient)
       ON CONFLICT (mailbox_id, dedup_key) DO NOTHING
       RETURNING id`,
      [
        mail.recipients.map((one) => one.mailbox.id),
        mail.recipients.map((one) => one.mailbox.workspaceId),
        mail.mailFrom,
        mail.clientIp,
        mail.helo,
        dedupKey,
        mail.raw,
        mail.raw.length,
        mail.recipients.map((one) => one.address),
      ],
    );
    return { stored: rows.length };
  }

  /** The oldest due pending mails, locked for this transaction; none when all are taken. */
  async takeDue(manager: EntityManager, limit: number): Promise<InboxRow[]> {
    return manager.query(
      `SELECT i.id, i.mailbox_id AS "mailboxId", i.workspace_id AS "workspaceId",
              m.address AS "mailboxAddress", m.team_id AS "teamId", i.recipient,
              i.mail_from AS "mailFrom", i.client_ip AS "clientIp", i.helo,
              i.dedup_key AS "dedupKey", i.raw, i.attempts, i.replayed
         FROM inbound_mails i JOIN mailboxes m ON m.id = i.mailbox_id
        WHERE i.status = 'pending' AND i.next_attempt_at <= now()
        ORDER BY i.next_attempt_at
        LIMIT $1
        FOR UPDATE OF i SKIP LOCKED`,
      [limit],
    );
  }

  /**
   * Records what became of mails (done, held or parked) with their tickets and senders, in one
   * statement for a round's mails.
   */
  async finish(manager: EntityManager, results: FinishedMail[]): Promise<void> {
    if (results.length === 0) return;
    await manager.query(
      `UPDATE inbound_mails i
          SET status = r.status, outcome = r.outcome, ticket_id = r.ticket_id, sender = r.sender,
              last_error = r.error, processed_at = r.at, attempts = i.attempts + 1
         FROM jsonb_to_recordset($1::jsonb) AS r (id uuid, status text, outcome text,
              ticket_id uuid, sender text, error text, at timestamptz)
        WHERE i.id = r.id`,
      [
        JSON.stringify(
          results.map((result) => ({
            id: result.id,
            status: result.status,
            outcome: result.outcome,
            ticket_id: result.ticketId ?? null,
            sender: result.sender ?? null,
            error: result.error ?? null,
            at: result.at.toISOString(),
          })),
        ),
      ],
    );
  }

  /** Puts a failed mail back for a later try; `countAttempt` false for outages of others. */
  async retryLater(
    manager: EntityManager,
    id: string,
    delayMs: number,
    error: string,
    countAttempt: boolean,
  ): Promise<void> {
    await manager.query(
      `UPDATE inbound_mails
          SET next_attempt_at = now() + make_interval(secs => $2::double precision / 1000),
              last_error = $3, attempts = attempts + $4
        WHERE id = $1`,
      [id, delayMs, error.slice(0, 2000), countAttempt ? 1 : 0],
    );
  }

  /** How many mails from `sender` were added to `ticketId` since `since` (loop detection). */
  async countRecent(
    manager: EntityManager,
    ticketId: string,
    sender: string,
    since: Date,
  ): Promise<number> {
    const [row] = await manager.query(
      `SELECT count(*)::int AS count FROM inbound_mails
        WHERE ticket_id = $1 AND sender = $2 AND processed_at > $3 AND status = 'done'`,
      [ticketId, sender, since],
    );
    return row.count;
  }

  /** Records the attachment bytes a mail put into storage, the way the gateway records uploads. */
  async recordAttachments(
    manager: EntityManager,
    mail: InboxRow,
    attachments: { key: string; name: string; contentType: string; size: number }[],
  ): Promise<void> {
    if (attachments.length === 0) return;
    await manager.query(`DELETE FROM mail_attachments WHERE inbound_mail_id = $1`, [mail.id]);
    await manager.query(
      `INSERT INTO mail_attachments (inbound_mail_id, workspace_id, key, name, content_type, size)
       SELECT $1, $2, a.key, a.name, a.content_type, a.size
         FROM unnest($3::text[], $4::text[], $5::text[], $6::bigint[])
              AS a (key, name, content_type, size)`,
      [
        mail.id,
        mail.workspaceId,
        attachments.map((one) => one.key),
        attachments.map((one) => one.name),
        attachments.map((one) => one.contentType),
        attachments.map((one) => one.size),
      ],
    );
  }
}
