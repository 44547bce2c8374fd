import { DynamicModule, Logger, Module } from '@nestjs/common';
import { infrastructureModules } from '@switchboard/messaging';
import { DEVELOPMENT_REPLY_TOKEN_SECRET, ReplyTokenCodec } from '@switchboard/reply-tokens';
import { ATTACHMENT_STORAGE, DiskAttachmentStorage } from '@switchboard/storage';
import { NotificationConfig } from './config';
import { Clock } from './core/clock';
import { notificationDatabase } from './database';
import { TicketCoreDirectory } from './directory/ticket-core-directory';
import { TicketEventsConsumer } from './events/ticket-events.consumer';
import { InAppNotifications } from './in-app/in-app-notifications.service';
import { NotificationsNatsController } from './notification.nats-controller';
import { DeliveryReporter } from './outgoing-mail/delivery-reporter.service';
import { MailSender } from './outgoing-mail/mail-sender.service';
import { OutgoingMailQueue } from './outgoing-mail/outgoing-mail.queue';
import { SmtpTransport } from './outgoing-mail/smtp-transport';
import { SuppressionList } from './outgoing-mail/suppression-list';
import { PreferencesService } from './preferences/preferences.service';
import { TemplatesService } from './templates/templates.service';
import { WorkspacesModule } from './workspaces/workspaces.module';

@Module({})
export class NotificationModule {
  static forRoot(config: NotificationConfig): DynamicModule {
    return {
      module: NotificationModule,
      imports: [
        ...infrastructureModules({
          service: 'notification',
          config,
          database: notificationDatabase,
          outbox: true,
        }),
        WorkspacesModule,
      ],
      controllers: [NotificationsNatsController],
      providers: [
        { provide: NotificationConfig, useValue: config },
        { provide: ReplyTokenCodec, useFactory: () => replyTokenCodec(config) },
        { provide: ATTACHMENT_STORAGE, useValue: new DiskAttachmentStorage(config.STORAGE_DIR) },
        Clock,
        TicketCoreDirectory,
        TicketEventsConsumer,
        InAppNotifications,
        PreferencesService,
        TemplatesService,
        OutgoingMailQueue,
        SmtpTransport,
        SuppressionList,
        MailSender,
        DeliveryReporter,
      ],
    };
  }
}

function replyTokenCodec(config: NotificationConfig): ReplyTokenCodec {
  if (config.REPLY_TOKEN_SECRET === DEVELOPMENT_REPLY_TOKEN_SECRET) {
    new Logger('NotificationModule').warn(
      'REPLY_TOKEN_SECRET is the development default: anyone can forge reply tokens; set your own',
    );
  }
  return new ReplyTokenCodec(config.REPLY_TOKEN_SECRET);
}
