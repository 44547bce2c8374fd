import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerAddress, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { MailIngestConfig } from '../config';
import { InboxRepository, MailboxRef } from '../inbox/inbox.repository';
import { InboxWorkers } from '../inbox/inbox-workers.service';
import { SmtpRateLimiter } from './rate-limiter';

/** An SMTP reply with its code, as smtp-server sends an error's `responseCode`. */
function reply(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * The SMTP listener. RCPT takes only configured mailboxes (plus-addresses included); DATA is
 * counted while it streams and refused with 552 past the size limit (the smallest of the server's
 * and the recipients' mailboxes'); the mail is committed to the inbox before the `250`, and any
 * failure to commit it answers 451 so the sending server tries again.
 */
@Injectable()
export class SmtpListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SmtpListener.name);
  private server?: SMTPServer;
  /** The mailboxes RCPT accepted in each session's current transaction. */
  private readonly recipients = new Map<string, { mailbox: MailboxRef; address: string }[]>();
  private readonly limiter: SmtpRateLimiter;
  private boundPort?: number;

  constructor(
    private readonly config: MailIngestConfig,
    private readonly inbox: InboxRepository,
    private readonly workers: InboxWorkers,
  ) {
    this.limiter = new SmtpRateLimiter(
      config.SMTP_MAX_CONNECTIONS_PER_IP,
      config.SMTP_MAX_MESSAGES_PER_IP_PER_MINUTE,
    );
  }

  /** The port it listens on (the configured one; a test may configure 0). */
  get port(): number | undefined {
    return this.boundPort;
  }

  async onApplicationBootstrap(): Promise<void> {
    const tls =
      this.config.SMTP_TLS_KEY_FILE && this.config.SMTP_TLS_CERT_FILE
        ? {
            key: readFileSync(this.config.SMTP_TLS_KEY_FILE),
            cert: readFileSync(this.config.SMTP_TLS_CERT_FILE),
          }
        : undefined;
    const server = new SMTPServer({
      name: this.config.SMTP_HOSTNAME,
      banner: 'Switchboard mail-ingest',
      size: this.config.SMTP_MAX_MESSAGE_BYTES,
      rejectOversized: true,
      // Mail servers deliver to us; nobody logs in.
      authOptional: true,
      disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      ...(tls ?? {}),
      hideSMTPUTF8: false,
      hide8BITMIME: false,
      hidePIPELINING: false,
      disableReverseLookup: true,
      socketTimeout: this.config.SMTP_SOCKET_TIMEOUT_MS,
      closeTimeout: 5_000,
      logger: false,
      onConnect: (session, callback) => this.onConnect(session, callback),
      onClose: (session) => this.onClose(session),
      onMailFrom: (_address, session, callback) => this.onMailFrom(session, callback),
      onRcptTo: (address, session, callback) => void this.onRcptTo(address, session, callback),
      onData: (stream, session, callback) => this.onData(stream, session, callback),
    });
    server.on('error', (error) => this.logger.warn(`SMTP: ${error.message}`));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.config.SMTP_PORT, () => {
        server.server.off('error', reject);
        const address = server.server.address();
        this.boundPort = typeof address === 'object' && address ? address.port : undefined;
        resolve();
      });
    });
    this.logger.log(`SMTP listening on port ${this.boundPort}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    // Stops accepting; sessions in progress get closeTimeout to finish, then are cut (a mail
    // not yet answered 250 is retried by its sender).
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private onConnect(session: SMTPServerSession, callback: (error?: Error) => void): void {
    if (!this.limiter.openConnection(session.remoteAddress)) {
      (session as { limited?: boolean }).limited = true;
      return callback(reply(421, 'Too many connections from your address, try again later'));
    }
    callback();
  }

  private onClose(session: SMTPServerSession): void {
    this.recipients.delete(session.id);
    if (!(session as { limited?: boolean }).limited) {
      this.limiter.closeConnection(session.remoteAddress);
    }
  }

  private onMailFrom(session: SMTPServerSession, callback: (error?: Error) => void): void {
    this.recipients.delete(session.id);
    if (!this.limiter.takeMessage(session.remoteAddress)) {
      return callback(reply(450, 'Too many messages from your address, try again later'));
    }
    callback();
  }

  private async onRcptTo(
    address: SMTPServerAddress,
    session: SMTPServerSession,
    callback: (error?: Error) => void,
  ): Promise<void> {
    try {
      const mailbox = await this.inbox.findMailbox(address.address);
      if (!mailbox) return callback(reply(550, `No such mailbox: ${address.address}`));
      const list = this.recipients.get(session.id) ?? [];
      // One copy per mailbox: support@ and support+token@ reach the same one.
      if (!list.some((one) => one.mailbox.id === mailbox.id)) {
        list.push({ mailbox, address: address.address.toLowerCase() });
      }
      this.recipients.set(session.id, list);
      callback();
    } catch (error) {
      this.logger.warn(`RCPT lookup failed: ${(error as Error).message}`);
      callback(reply(451, 'Temporary failure, try again later'));
    }
  }

  private onData(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (error?: Error | null, message?: string) => void,
  ): void {
    const recipients = this.recipients.get(session.id) ?? [];
    const limits = recipients
      .map((one) => one.mailbox.maxMessageBytes)
      .filter((limit): limit is number => limit !== null);
    const limit = Math.min(this.config.SMTP_MAX_MESSAGE_BYTES, ...limits);
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped: the client is answered 552 at the end.
      if (size <= limit) chunks.push(chunk);
    });
    stream.on('error', (error) => callback(reply(451, `Temporary failure: ${error.message}`)));
    stream.on('end', () => {
      if (stream.sizeExceeded || size > limit) {
        return callback(reply(552, `Message exceeds the maximum size of ${limit} bytes`));
      }
      if (recipients.length === 0) return callback(reply(503, 'No valid recipients'));
      this.inbox
        .accept({
          raw: Buffer.concat(chunks, size),
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          clientIp: session.remoteAddress || null,
          helo: session.hostNameAppearsAs || null,
          recipients,
        })
        .then(
          () => {
            this.workers.wake();
            callback(null, 'Queued');
          },
          (error: Error) => {
            this.logger.warn(`could not store a mail, answered 451: ${error.message}`);
            callback(reply(451, 'Temporary failure storing the message, try again later'));
          },
        );
    });
  }
}
