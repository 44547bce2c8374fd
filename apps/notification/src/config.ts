import { IsPort, SERVICE_PORTS, ServiceConfig } from '@switchboard/config';

export class NotificationConfig extends ServiceConfig {
  @IsPort()
  NOTIFICATION_PORT = SERVICE_PORTS.notification.port;
}
