import { SMTPServer } from 'smtp-server';

/** The mail the benchmark's sink accepted: which event it answered and when its 250 went out. */
export interface Accepted {
  messageId: string;
  /** The `bench-<n>` marker of the event the mail came from, or -1 (the reference's mails). */
  event: number;
  at: number;
}

/**
 * The SMTP server both runs send to: smtp-server, keeping only the Message-ID and the marker of
 * each mail, as cheap as a sink can be so it measures the senders.
 */
export class BenchSink {
  readonly accepted: Accepted[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, _session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        this.accepted.push({
          messageId: /^message-id:\s*(\S+)/im.exec(raw)?.[1] ?? '',
          event: Number(/bench-(\d+)-marker/.exec(raw)?.[1] ?? -1),
          at: performance.now(),
        });
        callback();
      });
    },
  });
  port = 0;

  async start(): Promise<this> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', () => done()));
    this.port = (this.server.server.address() as { port: number }).port;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }
}
