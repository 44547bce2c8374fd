import { IsIntVar, IsPort, SERVICE_PORTS, ServiceConfig } from '@switchboard/config';
import { DEVELOPMENT_REPLY_TOKEN_SECRET, ReplyTokenSecret } from '@switchboard/reply-tokens';
import { IsEmail, IsString, Matches, MinLength } from 'class-validator';

export class NotificationConfig extends ServiceConfig {
  @IsPort()
  NOTIFICATION_PORT = SERVICE_PORTS.notification.port;

  /**
   * The SMTP relay every mail goes through: `smtp://host:port` (plain, STARTTLS when offered),
   * `smtp://host:587?requireTLS=true` (STARTTLS required), `smtps://host:465` (TLS), with
   * `user:password@` for authentication. Mailpit under docker compose, the development catcher
   * under `npm start`.
   */
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  /** Connections kept open to the relay (nodemailer's pool). */
  @IsIntVar(1, 50)
  SMTP_POOL_SIZE = 5;

  /** Our sender address; mail goes out From it, with replies directed to the ticket's mailbox. */
  @IsEmail({ require_tld: false })
  MAIL_FROM = 'support@switchboard.localhost';

  /** Where replies go when a ticket came by no mailbox (chat, web, manual): plus-addressed with the reply token. */
  @IsEmail({ require_tld: false })
  MAIL_REPLY_ADDRESS = 'support@switchboard.localhost';

  /** The right-hand side of our Message-IDs. */
  @Matches(/^[A-Za-z0-9.-]+$/, { message: 'MAIL_DOMAIN must be a domain name' })
  MAIL_DOMAIN = 'switchboard.localhost';

  /** Signs the reply tokens in Reply-To and our Message-IDs; the same secret as mail-ingest's. */
  @ReplyTokenSecret()
  REPLY_TOKEN_SECRET = DEVELOPMENT_REPLY_TOKEN_SECRET;

  /** How often an idle sender looks for due mail, in milliseconds. */
  @IsIntVar(10, 60_000)
  MAIL_POLL_MS = 100;

  /**
   * How long a claimed mail is reserved for the sender that took it; a sender that dies leaves
   * it, and it is sent again once the lease has run out. Longer than any SMTP timeout.
   */
  @IsIntVar(500, 3_600_000)
  MAIL_LEASE_MS = 300_000;

  /** Tries of a temporary failure (4xx, no connection) before the mail is failed. */
  @IsIntVar(1, 100)
  MAIL_MAX_ATTEMPTS = 12;

  /** Where attachment bytes are kept (api-gateway's STORAGE_DIR), to attach them to replies. */
  @IsString()
  @MinLength(1)
  STORAGE_DIR = '.data/attachments';
}
