import { Inject, Injectable } from '@nestjs/common';
import {
  ADD_NOTE_V1,
  Actor,
  AttachmentInputV1,
  CREATE_TICKET_V1,
  FIND_TICKET_BY_MAIL_V1,
  GET_WORKSPACE_SETTINGS_V1,
  InboundMailV1,
  MailHeadersV1,
  RECORD_DELIVERY_V1,
  REPLY_TICKET_V1,
} from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { ATTACHMENT_STORAGE, AttachmentStorage } from '@switchboard/storage';
import { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';
import { MailAuthenticator } from '../auth-results/mail-authenticator';
import { MailIngestConfig } from '../config';
import { InboxRepository, InboxRow, InboxStatus } from '../inbox/inbox.repository';
import { failureReason, readDeliveryReport } from '../loops/delivery-report';
import { LOOP_WINDOW_MS, classifyNoise, isDeliveryReport, isLoop } from '../loops/loop-rules';
import { ParsedMail, parseMail } from '../parsing/mail-parser';
import { ThreadResolver } from '../threading/thread-resolver';
import { MailClock } from './mail-clock';
import { UnprocessableMailError } from './mail-errors';

export interface MailOutcome {
  status: Exclude<InboxStatus, 'pending'>;
  /** Files this mail put into storage, to record once its outcome is written. */
  attachments?: AttachmentInputV1[];
  /** What happened, for the admin's list: created, replied, noted, duplicate, bounce, loop… */
  outcome: string;
  ticketId?: string | null;
  sender?: string | null;
}

/** Types a browser could run if it opened them: stored, but never served as what they claim. */
const ACTIVE_TYPES =
  /^(text\/html|application\/xhtml|image\/svg|text\/javascript|application\/(x-)?javascript|text\/xml|application\/xml)/;

const systemActor = (workspaceId: string): Actor => ({ kind: 'system', workspaceId, teamIds: [] });

/**
 * One stored mail into the helpdesk: parse, handle a bounce, skip what ticket-core already
 * has, authenticate, thread, hold a loop, store the files, then create a ticket or add to one
 * (always through ticket-core). Runs inside the worker's transaction that holds the mail's row
 * and writes nothing itself: the worker records the outcome (and the files) in that transaction.
 */
@Injectable()
export class MailProcessor {
  constructor(
    private readonly config: MailIngestConfig,
    private readonly rpc: NatsRpcClient,
    private readonly inbox: InboxRepository,
    private readonly threads: ThreadResolver,
    private readonly authenticator: MailAuthenticator,
    private readonly clock: MailClock,
    @Inject(ATTACHMENT_STORAGE) private readonly storage: AttachmentStorage,
  ) {}

  async process(mail: InboxRow, manager: EntityManager): Promise<MailOutcome> {
    const parsed = await parseMail(mail.raw);
    const actor = systemActor(mail.workspaceId);
    if (isDeliveryReport(parsed.contentType)) return this.bounce(mail, actor);
    if (!parsed.readable) throw new UnprocessableMailError('nothing readable in the mail');
    const sender = (parsed.from?.address ?? mail.mailFrom).toLowerCase();
    if (!sender.includes('@')) throw new UnprocessableMailError('the mail names no sender');

    // The mail's own id on its ticket message: a mail without one gets one from its content,
    // so that a retry after a crash finds what the first try already wrote.
    const mailMessageId =
      parsed.messageId ??
      `<${mail.dedupKey.replace(/^\w+:/, '').slice(0, 40)}@no-message-id.invalid>`;
    const existing = await this.rpc.request(FIND_TICKET_BY_MAIL_V1, {
      actor,
      messageIds: [mailMessageId],
    });
    if (existing.ticketId) {
      return { status: 'done', outcome: 'duplicate', ticketId: existing.ticketId, sender };
    }

    const ownMessageId = Boolean(
      parsed.messageId && this.threads.verifiedToken([parsed.messageId], mail.workspaceId),
    );
    const noise = classifyNoise({
      headers: parsed.headers,
      envelopeFrom: mail.mailFrom,
      fromAddress: parsed.from?.address,
      ownMessageId,
    });
    const recipients = [
      mail.recipient,
      ...parsed.to.map((one) => one.address),
      ...parsed.cc.map((one) => one.address),
    ];
    const thread = await this.threads.resolve(parsed, recipients, sender, actor);
    if (thread && !mail.replayed) {
      const since = new Date(this.clock.now().getTime() - LOOP_WINDOW_MS);
      const recent = await this.inbox.countRecent(manager, thread.ticket.id, sender, since);
      if (isLoop(recent, this.config.MAIL_LOOP_LIMIT_PER_HOUR)) {
        return { status: 'held', outcome: 'loop', ticketId: thread.ticket.id, sender };
      }
    }

    const authentication = await this.authenticator.check(mail.raw, {
      clientIp: mail.clientIp,
      helo: mail.helo,
      mailFrom: mail.mailFrom,
    });
    const { attachments, html } = await this.storeFiles(parsed, mail);
    const inbound: InboundMailV1 = {
      ...(parsed.from ? { from: formatAddress(parsed.from) } : { from: sender }),
      ...(parsed.replyTo ? { replyTo: formatAddress(parsed.replyTo) } : {}),
      to: parsed.to.slice(0, 100).map(formatAddress),
      cc: parsed.cc.slice(0, 100).map(formatAddress),
      authentication,
      ...(parsed.quotedText ? { quotedText: parsed.quotedText.slice(0, 1_000_000) } : {}),
      noAutoReply: noise.noAutoReply,
      ...(thread ? { threadedBy: thread.rule } : {}),
    };
    const headers: MailHeadersV1 = {
      messageId: mailMessageId,
      ...(parsed.inReplyTo ? { inReplyTo: parsed.inReplyTo } : {}),
      ...(parsed.references.length > 0 ? { references: parsed.references.slice(-100) } : {}),
      inbound,
    };
    const body = parsed.text.slice(0, 1_000_000);
    const bodyHtml = html?.slice(0, 2_000_000);

    if (thread?.agentId) {
      // An agent of the ticket writing by mail: kept as their internal note, never sent on.
      const agent: Actor = {
        kind: 'agent',
        workspaceId: mail.workspaceId,
        agentId: thread.agentId,
        teamIds: [],
      };
      await this.rpc.request(ADD_NOTE_V1, {
        actor: agent,
        ticketId: thread.ticket.id,
        body: body || `(mail from ${sender} with ${attachments.length} file(s))`,
      });
      return { status: 'done', outcome: 'noted', ticketId: thread.ticket.id, sender, attachments };
    }
    if (thread) {
      // Whoever writes into the thread writes as the ticket's customer (who it really was is
      // kept on the message): the customer's reply rules apply, reopening included.
      const customer: Actor = {
        kind: 'customer',
        workspaceId: mail.workspaceId,
        customerId: thread.ticket.customer.id,
        teamIds: [],
      };
      const added = await this.rpc.request(REPLY_TICKET_V1, {
        actor: customer,
        ticketId: thread.ticket.id,
        body: body || '(attachments only)',
        ...(bodyHtml ? { bodyHtml } : {}),
        attachments,
        mail: headers,
      });
      return { status: 'done', outcome: 'replied', ticketId: added.ticket.id, sender, attachments };
    }
    const created = await this.rpc.request(CREATE_TICKET_V1, {
      actor,
      channel: 'mail',
      subject: (parsed.subject || '(no subject)').slice(0, 500),
      body,
      ...(bodyHtml ? { bodyHtml } : {}),
      attachments,
      customer: {
        email: sender,
        ...(parsed.from?.name ? { name: parsed.from.name.slice(0, 200) } : {}),
      },
      ...(mail.teamId ? { teamId: mail.teamId } : {}),
      mailboxAddress: mail.mailboxAddress,
      mail: headers,
    });
    return { status: 'done', outcome: 'created', ticketId: created.id, sender, attachments };
  }

  /**
   * A delivery status notification: the delivery of the original mail is marked failed on its
   * ticket (which leaves a system note there). It never opens a ticket; a report about a mail
   * we cannot find is recorded and dropped.
   */
  private async bounce(mail: InboxRow, actor: Actor): Promise<MailOutcome> {
    const report = readDeliveryReport(mail.raw);
    const original = report.originalMessageId;
    if (!original) return { status: 'done', outcome: 'bounce-unmatched' };
    const ticketId =
      this.threads.verifiedToken([original], mail.workspaceId) ??
      (await this.rpc.request(FIND_TICKET_BY_MAIL_V1, { actor, messageIds: [original] })).ticketId;
    if (!ticketId) return { status: 'done', outcome: 'bounce-unmatched' };
    if (report.action && report.action !== 'failed') {
      return { status: 'done', outcome: `bounce-${report.action}`, ticketId };
    }
    await this.rpc.request(RECORD_DELIVERY_V1, {
      actor,
      ticketId,
      mailMessageId: original,
      state: 'failed',
      ...(report.recipient ? { recipient: report.recipient } : {}),
      reason: failureReason(report),
    });
    return { status: 'done', outcome: 'bounce', ticketId };
  }

  /**
   * Files into storage (content-addressed, so a retry stores nothing twice; the worker records
   * them in this service's schema with the outcome); inline images' `cid:` links in the HTML point at the stored file.
   */
  private async storeFiles(
    parsed: ParsedMail,
    mail: InboxRow,
  ): Promise<{ attachments: AttachmentInputV1[]; html?: string }> {
    const attachments: AttachmentInputV1[] = [];
    let html = parsed.html;
    // ticket-core keeps only absolute image URLs: a cid: link becomes the stored file's address
    // under the workspace's public URL (asked only when the mail has inline images).
    const linksInline = Boolean(html && parsed.attachments.some((file) => file.contentId));
    const base = linksInline
      ? (
          await this.rpc.request(GET_WORKSPACE_SETTINGS_V1, {
            actor: systemActor(mail.workspaceId),
          })
        ).publicBaseUrl.replace(/\/+$/, '')
      : '';
    for (const file of parsed.attachments) {
      const stored = await this.storage.put(Readable.from([file.content]), {
        maxBytes: this.config.SMTP_MAX_MESSAGE_BYTES,
      });
      const contentType = ACTIVE_TYPES.test(file.contentType)
        ? 'application/octet-stream'
        : file.contentType.slice(0, 255);
      attachments.push({ key: stored.key, name: file.name, contentType, size: stored.size });
      if (html && file.contentId) {
        html = html.split(`cid:${file.contentId}`).join(`${base}/api/v1/attachments/${stored.key}`);
      }
    }
    return { attachments, ...(html ? { html } : {}) };
  }
}

function formatAddress(address: { name?: string; address: string }): string {
  const text = address.name ? `${address.name} <${address.address}>` : address.address;
  return text.slice(0, 998);
}
