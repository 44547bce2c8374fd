import { IsIntVar, IsPort, SERVICE_PORTS, SMTP_LISTENER, ServiceConfig } from '@switchboard/config';
import { DEVELOPMENT_REPLY_TOKEN_SECRET, ReplyTokenSecret } from '@switchboard/reply-tokens';
import { IsIn, IsOptional, IsString, MinLength } from 'class-validator';

export class MailIngestConfig extends ServiceConfig {
  @IsPort()
  MAIL_INGEST_PORT = SERVICE_PORTS['mail-ingest'].port;

  /** The SMTP port mail servers deliver to; 0 takes any free one (in-process tests). */
  @IsIntVar(0, 65535)
  SMTP_PORT = SMTP_LISTENER.port;

  /** The name the SMTP server greets with and that authentication results are recorded for. */
  @IsString()
  @MinLength(1)
  SMTP_HOSTNAME = 'localhost';

  /** Largest mail accepted (advertised in EHLO SIZE, enforced while streaming with 552). */
  @IsIntVar(1024, 1024 * 1024 * 1024)
  SMTP_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

  /** PEM files for STARTTLS; without both, STARTTLS is not offered. */
  @IsOptional()
  @IsString()
  SMTP_TLS_KEY_FILE?: string;

  @IsOptional()
  @IsString()
  SMTP_TLS_CERT_FILE?: string;

  /** Open connections one client address may hold; more are answered 421. */
  @IsIntVar(1, 100_000)
  SMTP_MAX_CONNECTIONS_PER_IP = 50;

  /** Mails one client address may send per minute; more are answered 450 (try later). */
  @IsIntVar(1, 10_000_000)
  SMTP_MAX_MESSAGES_PER_IP_PER_MINUTE = 6000;

  /** A client silent for this long is cut off (421). */
  @IsIntVar(1000, 3_600_000)
  SMTP_SOCKET_TIMEOUT_MS = 60_000;

  /** Signs (notification) and verifies (here) reply tokens; the same secret in both. */
  @ReplyTokenSecret()
  REPLY_TOKEN_SECRET = DEVELOPMENT_REPLY_TOKEN_SECRET;

  /** Where attachment bytes are kept: the same directory as api-gateway's STORAGE_DIR. */
  @IsString()
  @MinLength(1)
  STORAGE_DIR = '.data/attachments';

  /** Mails processed at once by one replica (each holds one database connection meanwhile). */
  @IsIntVar(1, 64)
  MAIL_WORKERS = 4;

  /** Mails one worker takes and processes together (one transaction, one commit). */
  @IsIntVar(1, 200)
  MAIL_BATCH = 10;

  /** How often idle workers look for stored mail (new mail of this replica wakes them at once). */
  @IsIntVar(10, 60_000)
  MAIL_POLL_MS = 200;

  /** Tries of a mail that fails for a reason of its own before it is parked for replay. */
  @IsIntVar(1, 100)
  MAIL_MAX_ATTEMPTS = 5;

  /** Longest wait between tries (1 s, 2 s, 4 s … up to this); ticket-core outages retry forever. */
  @IsIntVar(100, 3_600_000)
  MAIL_RETRY_MAX_MS = 30_000;

  /** More mails than this from one sender to one ticket within an hour are held as a loop. */
  @IsIntVar(1, 100_000)
  MAIL_LOOP_LIMIT_PER_HOUR = 20;

  /** `system`: SPF/DKIM/DMARC ask the system's DNS; `offline`: every lookup fails (tests). */
  @IsIn(['system', 'offline'])
  MAIL_AUTH_DNS: 'system' | 'offline' = 'system';
}
