import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { TicketCommandsService } from './ticket-commands.service';
import { TicketCreationService } from './ticket-creation.service';
import { TicketMessagesService } from './ticket-messages.service';
import { TicketStore } from './ticket-store';
import { TicketsNatsController } from './tickets.nats-controller';

@Module({
  imports: [CustomersModule],
  controllers: [TicketsNatsController],
  providers: [TicketStore, TicketCreationService, TicketMessagesService, TicketCommandsService],
  exports: [TicketStore, TicketCreationService, TicketMessagesService, TicketCommandsService],
})
export class TicketsModule {}
