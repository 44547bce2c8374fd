import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Transporter, createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { NotificationConfig } from '../config';

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
