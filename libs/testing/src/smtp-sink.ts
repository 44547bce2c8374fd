import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { freePort } from './ports';

/** One mail the sink accepted (answered 250). */
export interface SunkMail {
  raw: string;
  /** The Message-ID header, as written. */
  messageId: string;
  from: string;
  to: string[];
  receivedAt: number;
}

/**
 * What the sink answers to a mail's data: `undefined` for 250, or an SMTP code and text
 * (`{ code: 451, message: '4.3.0 try later' }`), or `'hold'`: no answer until released.
 */
export type SinkAnswer = undefined | { code: number; message: string } | 'hold';

/**
 * A real SMTP server for tests (smtp-server): accepts everything unless `answer` says otherwise,
 * and keeps what it accepted. Only mail answered 250 counts as delivered.
 */
export class SmtpSink {
  readonly accepted: SunkMail[] = [];
  /** Every data transfer that reached the end of the message, answered 250 or not. */
  attempts = 0;
  answer: (mail: Omit<SunkMail, 'receivedAt'>) => SinkAnswer = () => undefined;
  private readonly held: (() => void)[] = [];
  private server?: SMTPServer;
  port = 0;

  async start(port?: number): Promise<this> {
    this.port = port ?? (await freePort());
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 50 * 1024 * 1024,
      onData: (stream, session, callback) => this.onData(stream, session, callback),
    });
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    return this;
  }

  url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** How many times each Message-ID was accepted. */
  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const mail of this.accepted)
      counts.set(mail.messageId, (counts.get(mail.messageId) ?? 0) + 1);
    return counts;
  }

  byMessageId(messageId: string): SunkMail[] {
    return this.accepted.filter((mail) => mail.messageId === messageId);
  }

  /** Mail held by `'hold'` answers, waiting. */
  get holding(): number {
    return this.held.length;
  }

  /** Answers every held mail with 451 (they were never accepted). */
  releaseHeld(): void {
    for (const release of this.held.splice(0)) release();
  }

  async stop(): Promise<void> {
    this.releaseHeld();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private onData(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (error?: Error | null) => void,
  ): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      this.attempts += 1;
      const raw = Buffer.concat(chunks).toString('utf8');
      const mail = {
        raw,
        messageId: headerOf(raw, 'message-id') ?? '',
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
      };
      const answer = this.answer(mail);
      if (answer === 'hold') {
        this.held.push(() => callback(smtpError(451, '4.3.0 released without delivery')));
        return;
      }
      if (answer) return callback(smtpError(answer.code, answer.message));
      this.accepted.push({ ...mail, receivedAt: Date.now() });
      callback();
    });
  }
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/** One header's value (unfolded), from a raw mail. */
export function headerOf(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head
    .split(/\r?\n/)
    .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}
