import { Module } from '@nestjs/common';
import { MailboxesNatsController } from './mailboxes.nats-controller';
import { MailboxesService } from './mailboxes.service';

@Module({ controllers: [MailboxesNatsController], providers: [MailboxesService] })
export class MailboxesModule {}
