import { Module } from '@nestjs/common';
import { ReplyTokenCodec } from '@switchboard/reply-tokens';
import { ATTACHMENT_STORAGE, DiskAttachmentStorage } from '@switchboard/storage';
import { MailAuthenticator } from '../auth-results/mail-authenticator';
import { MailIngestConfig } from '../config';
import { MailClock } from '../processing/mail-clock';
import { MailProcessor } from '../processing/mail-processor';
import { InboundMailsNatsController } from '../replay/inbound-mails.nats-controller';
import { InboundMailsService } from '../replay/inbound-mails.service';
import { SmtpListener } from '../smtp/smtp-listener.service';
import { ThreadResolver } from '../threading/thread-resolver';
import { InboxRepository } from './inbox.repository';
import { InboxWorkers } from './inbox-workers.service';

/** The mail path: SMTP in, the durable inbox, its workers and their processing, replay. */
@Module({
  controllers: [InboundMailsNatsController],
  providers: [
    SmtpListener,
    InboxRepository,
    InboxWorkers,
    MailProcessor,
    MailAuthenticator,
    MailClock,
    ThreadResolver,
    InboundMailsService,
    {
      provide: ReplyTokenCodec,
      inject: [MailIngestConfig],
      useFactory: (config: MailIngestConfig) => new ReplyTokenCodec(config.REPLY_TOKEN_SECRET),
    },
    {
      provide: ATTACHMENT_STORAGE,
      inject: [MailIngestConfig],
      useFactory: (config: MailIngestConfig) => new DiskAttachmentStorage(config.STORAGE_DIR),
    },
  ],
  exports: [SmtpListener, MailClock],
})
export class InboxModule {}
