import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module';
import { MailNatsController } from './mail.nats-controller';
import { MailThreadsService } from './mail-threads.service';
import { MessageDeliveryService } from './message-delivery.service';

@Module({
  imports: [TicketsModule],
  controllers: [MailNatsController],
  providers: [MailThreadsService, MessageDeliveryService],
})
export class MailModule {}
