import { IsPort, SERVICE_PORTS, SMTP_LISTENER, ServiceConfig } from '@switchboard/config';

export class MailIngestConfig extends ServiceConfig {
  @IsPort()
  MAIL_INGEST_PORT = SERVICE_PORTS['mail-ingest'].port;

  /** The SMTP port mail servers deliver to. */
  @IsPort()
  SMTP_PORT = SMTP_LISTENER.port;
}
