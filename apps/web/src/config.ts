import { IsIn } from 'class-validator';
import { IsPort, LOG_LEVELS, SERVICE_PORTS } from '@switchboard/config';

/** The web process needs no database and no NATS: it only serves the built UI. */
export class WebConfig {
  @IsPort()
  WEB_PORT = SERVICE_PORTS.web.port;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';
}
