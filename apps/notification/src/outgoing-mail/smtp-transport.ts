import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Socket, connect } from 'node:net';
import { Transporter, createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { GetSocketCallback } from 'nodemailer/lib/mailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { NotificationConfig } from '../config';

/**
 * Makes a socket send what is written to it within one event-loop turn as one write. nodemailer
 * writes each piece of a message as the piece is made (headers, each MIME part, boundaries, the
 * final dot): a dozen system calls a mail, and on the VMs we measured each cost more than making
 * its piece. Corked until the turn ends (Node's documented way to batch writes), they leave in
 * about five. Under TLS the encrypted bytes bypass this socket's `write`, unchanged.
 */
export function gatherWrites(socket: Socket): Socket {
  const write = socket.write;
  socket.write = function (this: Socket, ...args: Parameters<Socket['write']>) {
    if (socket.writableCorked === 0) {
      socket.cork();
      setImmediate(() => socket.uncork());
    }
    return write.apply(this, args);
  } as Socket['write'];
  return socket;
}

/**
 * nodemailer's hook for a socket of our own (it is meant for proxies): a plain TCP connection to
 * the relay, whose writes are gathered. nodemailer takes it from there as from its own connect:
 * STARTTLS, or TLS at once for smtps, then the greeting and the commands.
 */
function connectGathering(options: SMTPPool.Options, callback: GetSocketCallback): void {
  const socket = gatherWrites(connect({ host: options.host, port: Number(options.port) }));
  const fail = (error: Error) => {
    clearTimeout(timer);
    callback(error);
  };
  const timer = setTimeout(
    () => socket.destroy(new Error(`connecting to ${options.host}:${options.port} timed out`)),
    options.connectionTimeout,
  );
  socket.once('error', fail);
  socket.once('connect', () => {
    clearTimeout(timer);
    socket.removeListener('error', fail);
    callback(null, { connection: socket });
  });
}

/** nodemailer's pool options from SMTP_URL (host, port, TLS, authentication) and the pool size. */
export function smtpPoolOptions(url: string, poolSize: number): SMTPPool.Options {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  const user = decodeURIComponent(parsed.username);
  return {
    pool: true,
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    requireTLS: parsed.searchParams.get('requireTLS') === 'true',
    auth: user ? { user, pass: decodeURIComponent(parsed.password) } : undefined,
    maxConnections: poolSize,
    maxMessages: 1000,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 120_000,
    getSocket: connectGathering,
  };
}

/** The one pooled SMTP transport of the process. */
@Injectable()
export class SmtpTransport implements OnModuleDestroy {
  private readonly transporter: Transporter;

  constructor(config: NotificationConfig) {
    this.transporter = createTransport(smtpPoolOptions(config.SMTP_URL, config.SMTP_POOL_SIZE));
  }

  /** Resolves once the relay answered 250 to the message's data; rejects with nodemailer's error. */
  async send(message: Mail.Options): Promise<void> {
    await this.transporter.sendMail(message);
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }
}
