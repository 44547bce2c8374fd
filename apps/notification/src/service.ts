import { ServiceDefinition } from '@switchboard/messaging';
import { NotificationConfig } from './config';
import { NotificationModule } from './notification.module';

export const notificationService: ServiceDefinition<NotificationConfig> = {
  service: 'notification',
  config: NotificationConfig,
  module: (config) => NotificationModule.forRoot(config),
  port: (config) => config.NOTIFICATION_PORT,
};
