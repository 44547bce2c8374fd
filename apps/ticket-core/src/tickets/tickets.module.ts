import { Module } from '@nestjs/common';
import { TicketCommandsService } from './ticket-commands.service';
import { TicketCreationService } from './ticket-creation.service';
import { TicketMessagesService } from './ticket-messages.service';
import { TicketsNatsController } from './tickets.nats-controller';

@Module({
  controllers: [TicketsNatsController],
  providers: [TicketCreationService, TicketMessagesService, TicketCommandsService],
  exports: [TicketCreationService, TicketMessagesService, TicketCommandsService],
})
export class TicketsModule {}
