import { Inject, Injectable, Logger } from '@nestjs/common';
import { Batcher } from '@switchboard/database';
import { PollingService } from '@switchboard/messaging';
import { ReplyTokenCodec } from '@switchboard/reply-tokens';
import { ATTACHMENT_STORAGE, AttachmentStorage } from '@switchboard/storage';
import type Mail from 'nodemailer/lib/mailer';
import { DataSource } from 'typeorm';
import { NotificationConfig } from '../config';
import { Clock } from '../core/clock';
import { TicketCoreDirectory } from '../directory/ticket-core-directory';
import { NotificationContext } from '../events/notification-plan';
import { TemplateVariables } from '../templates/default-templates';
import { NotificationKind, autoSubmitted } from '../templates/notification-kinds';
import { TemplatesService } from '../templates/templates.service';
import { SendOutcome, classifySmtpError, nextAttemptAt } from './retry-policy';
import { SmtpTransport } from './smtp-transport';
import { SuppressionList } from './suppression-list';

export interface OutgoingMailRow {
  id: string;
  workspace_id: string;
  workspace_name: string | null;
  kind: NotificationKind;
  ticket_id: string;
  ticket_number: number;
  recipient: string | null;
  recipient_agent_id: string | null;
  message_id: string;
  in_reply_to: string | null;
  references: string[];
  context: NotificationContext;
  attempts: number;
  /** The recipient is on the suppression list (known at claim time for a customer's mail). */
  suppressed: boolean;
}

interface SentMark {
  id: string;
  recipient: string | null;
}

/** A failure that sending again cannot mend (an inactive agent, a missing attachment). */
class Undeliverable extends Error {}

/**
 * Sends the queued mail: takes due rows with `FOR UPDATE SKIP LOCKED` (any number of replicas),
 * leases them for MAIL_LEASE_MS, renders and sends each through the SMTP pool, and records the
 * outcome: sent; a temporary failure tried again with backoff; a permanent one failed (and the
 * address suppressed on a hard bounce). A sender that dies mid-send leaves its rows leased:
 * they are sent again, with the same Message-ID, when the lease runs out. The one case that
 * sends a mail twice is a death between the relay's 250 and our commit; the copies share a
 * Message-ID, which mail programs and mail-ingest take as one mail.
 */
@Injectable()
export class MailSender extends PollingService {
  private readonly logger = new Logger(MailSender.name);
  private readonly batchSize: number;
  /** The mails being composed and sent (`deliver` handles its own errors: these never reject). */
  private readonly sending = new Set<Promise<void>>();
  /** Outcomes being recorded, apart: a mail's connection is free before its outcome is written. */
  private readonly recording = new Set<Promise<void>>();
  /**
   * Sent marks of mails that the relay accepted within 50 ms, written together (the pool's
   * connections finish a mail each every few milliseconds: marked at once, they averaged three
   * to a statement). A mark written later only widens, by as much, the window in which a sender
   * that dies after the relay's 250 sends that mail again, with the same Message-ID.
   */
  private readonly sentMarks = new Batcher<SentMark, void>(
    (marks) => this.markSent(marks),
    100,
    50,
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: NotificationConfig,
    private readonly clock: Clock,
    private readonly transport: SmtpTransport,
    private readonly templates: TemplatesService,
    private readonly directory: TicketCoreDirectory,
    private readonly suppressions: SuppressionList,
    private readonly codec: ReplyTokenCodec,
    @Inject(ATTACHMENT_STORAGE) private readonly attachments: AttachmentStorage,
  ) {
    super();
    this.batchSize = config.SMTP_POOL_SIZE * 10;
  }

  /**
   * Claims more once half of what it holds has gone out, not after the last of it: the pool's
   * connections never wait for the slowest mail of a round.
   */
  protected async round(): Promise<number> {
    try {
      while (this.sending.size > this.batchSize / 2) await Promise.race(this.sending);
      const rows = await this.claim(this.batchSize - this.sending.size);
      for (const row of rows) {
        const sent: Promise<void> = this.deliver(row).finally(() => this.sending.delete(sent));
        this.sending.add(sent);
      }
      return rows.length > 0 ? 0 : this.config.MAIL_POLL_MS;
    } catch (error) {
      this.logger.warn(`sending round failed: ${(error as Error).message}`);
      return Math.max(this.config.MAIL_POLL_MS, 1000);
    }
  }

  /** Stops claiming, then lets the mails being sent finish and their outcomes be recorded. */
  override async onModuleDestroy(): Promise<void> {
    await super.onModuleDestroy();
    await Promise.all(this.sending);
    await Promise.all(this.recording);
  }

  /** Takes due rows and leases them: another sender skips them until the lease runs out. */
  private async claim(limit: number): Promise<OutgoingMailRow[]> {
    const now = this.clock.now();
    const leaseEnd = new Date(now.getTime() + this.config.MAIL_LEASE_MS);
    const [rows]: [OutgoingMailRow[], number] = await this.dataSource.query(
      `WITH due AS (
         SELECT id FROM outgoing_mail
          WHERE state = 'queued' AND next_attempt_at <= $1
          ORDER BY next_attempt_at
          LIMIT $2
          FOR UPDATE SKIP LOCKED)
       UPDATE outgoing_mail m
          SET attempts = m.attempts + 1, next_attempt_at = $3
         FROM due
        WHERE m.id = due.id
       RETURNING m.id, m.workspace_id, m.kind, m.ticket_id, m.ticket_number, m.recipient,
                 m.recipient_agent_id, m.message_id, m.in_reply_to,
                 -- as JSON: pg reads a text[] character by character in JavaScript
                 array_to_json(m."references") AS "references", m.context,
                 m.attempts,
                 EXISTS (SELECT 1 FROM suppressed_addresses s
                          WHERE s.workspace_id = m.workspace_id
                            AND s.address = lower(m.recipient)) AS suppressed,
                 (SELECT name FROM workspaces w WHERE w.id = m.workspace_id) AS workspace_name`,
      [now, limit, leaseEnd],
    );
    return rows;
  }

  /** Sends one mail; its outcome is recorded apart (see `recording`). */
  private async deliver(row: OutgoingMailRow): Promise<void> {
    const { recipient, outcome } = await this.send(row);
    const recorded: Promise<void> = this.record(row, recipient, outcome)
      .catch((error: Error) =>
        // The lease runs out and the mail is tried again: better twice than never.
        this.logger.error(`could not record the outcome of ${row.message_id}: ${error.message}`),
      )
      .finally(() => this.recording.delete(recorded));
    this.recording.add(recorded);
  }

  private async send(
    row: OutgoingMailRow,
  ): Promise<{ recipient: string | null; outcome: SendOutcome }> {
    let recipient = row.recipient;
    try {
      let suppressed = row.suppressed;
      if (recipient === null) {
        recipient = await this.agentAddress(row);
        suppressed = (
          await this.suppressions.suppressed([
            { workspaceId: row.workspace_id, address: recipient },
          ])
        ).has(`${row.workspace_id}:${recipient.toLowerCase()}`);
      }
      if (suppressed) {
        return {
          recipient,
          outcome: {
            kind: 'permanent',
            reason: `${recipient} is on the suppression list`,
            bounce: false,
          },
        };
      }
      await this.transport.send(await this.compose(row, recipient));
      return { recipient, outcome: { kind: 'sent' } };
    } catch (error) {
      return {
        recipient,
        outcome:
          error instanceof Undeliverable
            ? { kind: 'permanent', reason: error.message, bounce: false }
            : classifySmtpError(error),
      };
    }
  }

  private async record(row: OutgoingMailRow, recipient: string | null, outcome: SendOutcome) {
    const now = this.clock.now();
    if (outcome.kind === 'sent') {
      await this.sentMarks.submit('sent', { id: row.id, recipient });
      return;
    }
    const retryAt =
      outcome.kind === 'temporary'
        ? nextAttemptAt(now, row.attempts, this.config.MAIL_MAX_ATTEMPTS)
        : undefined;
    if (retryAt) {
      this.logger.warn(
        `${row.message_id} to ${recipient}: ${outcome.reason}; again at ${retryAt.toISOString()}`,
      );
      await this.dataSource.query(
        `UPDATE outgoing_mail SET next_attempt_at = $2, last_error = $3, recipient = $4 WHERE id = $1`,
        [row.id, retryAt, outcome.reason, recipient],
      );
      return;
    }
    this.logger.warn(`${row.message_id} to ${recipient} failed: ${outcome.reason}`);
    await this.dataSource.query(
      `UPDATE outgoing_mail SET state = 'failed', last_error = $2, recipient = $3 WHERE id = $1`,
      [row.id, outcome.reason, recipient],
    );
    if (outcome.kind === 'permanent' && outcome.bounce && recipient) {
      await this.suppressions.add(row.workspace_id, recipient, outcome.reason);
    }
  }

  private async markSent(marks: SentMark[]): Promise<void[]> {
    await this.dataSource.query(
      `UPDATE outgoing_mail m SET state = 'sent', sent_at = $1, recipient = s.recipient,
              last_error = NULL
         FROM unnest($2::uuid[], $3::text[]) AS s(id, recipient) WHERE m.id = s.id`,
      [this.clock.now(), marks.map((mark) => mark.id), marks.map((mark) => mark.recipient)],
    );
    return marks.map(() => undefined);
  }

  private async agentAddress(row: OutgoingMailRow): Promise<string> {
    const agent = await this.directory.agent(row.workspace_id, row.recipient_agent_id!);
    if (!agent.active) throw new Undeliverable(`agent ${agent.email} is no longer active`);
    return agent.email;
  }

  /** The mail itself: rendered template, threading headers, reply token, attachments. */
  async compose(row: OutgoingMailRow, recipient: string): Promise<Mail.Options> {
    const workspaceName = row.workspace_name ?? 'Support';
    const rendered = await this.templates.render(
      row.workspace_id,
      row.kind,
      await this.variables(row, workspaceName),
    );
    const forCustomer = row.recipient_agent_id === null;
    const headers: Record<string, string> = {};
    const auto = autoSubmitted(row.kind);
    if (auto) {
      headers['Auto-Submitted'] = auto;
      // Exchange and Outlook: no out-of-office or other automatic answer to this.
      headers['X-Auto-Response-Suppress'] = 'All';
    }
    let replyTo: string | undefined;
    if (forCustomer) {
      const mailbox =
        (await this.directory.mailbox(row.workspace_id, row.ticket_id)) ??
        this.config.MAIL_REPLY_ADDRESS;
      replyTo = this.codec.plusAddress(mailbox, row.workspace_id, row.ticket_id);
    }
    return {
      from: { name: workspaceName, address: this.config.MAIL_FROM },
      to: recipient,
      replyTo: replyTo ? { name: workspaceName, address: replyTo } : undefined,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId: row.message_id,
      inReplyTo: row.in_reply_to ?? undefined,
      references: row.references.length > 0 ? row.references : undefined,
      headers,
      attachments: forCustomer ? await this.attachmentsOf(row) : undefined,
    };
  }

  private async variables(row: OutgoingMailRow, workspaceName: string): Promise<TemplateVariables> {
    const { context } = row;
    const customerName = context.customerName?.trim() || 'there';
    const variables: TemplateVariables = {
      ticket_url: await this.directory.ticketUrl(row.workspace_id, context.publicToken),
      ticket_number: row.ticket_number,
      ticket_subject: context.ticketSubject,
      customer_name: customerName,
      agent_name: context.authorName ?? `The ${workspaceName} team`,
      message: context.message,
      workspace_name: workspaceName,
    };
    if (row.recipient_agent_id !== null) {
      variables.agent_name = context.actorAgentId
        ? (await this.directory.agent(row.workspace_id, context.actorAgentId)).name
        : 'Switchboard';
    }
    if (
      row.kind === 'solve_summary' ||
      row.kind === 'continue_by_mail' ||
      row.kind === 'chat_transcript'
    ) {
      // The customer's own view of the ticket: it never holds internal notes.
      const ticket = await this.directory.publicTicket(context.publicToken);
      variables.transcript = ticket.messages
        .filter((message) => message.authorKind !== 'system')
        .map((message) => ({
          author:
            message.authorKind === 'customer'
              ? customerName
              : (message.authorName ?? `The ${workspaceName} team`),
          at: `${message.createdAt.slice(0, 16).replace('T', ' ')} UTC`,
          text: message.bodyText,
        }));
    }
    return variables;
  }

  private async attachmentsOf(row: OutgoingMailRow): Promise<Mail.Attachment[] | undefined> {
    if (row.context.attachments.length === 0) return undefined;
    const files: Mail.Attachment[] = [];
    for (const attachment of row.context.attachments) {
      if (!(await this.attachments.exists(attachment.key))) {
        throw new Undeliverable(`attachment ${attachment.name} is missing from storage`);
      }
      files.push({
        filename: attachment.name,
        contentType: attachment.contentType,
        content: await this.attachments.open(attachment.key),
      });
    }
    return files;
  }
}
