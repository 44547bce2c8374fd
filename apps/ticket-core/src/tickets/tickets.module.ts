import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TicketCoreConfig } from '../config';
import { SearchIndexFlusher } from './search-index-flusher';
import { TicketCommandsService } from './ticket-commands.service';
import { TicketCreationService } from './ticket-creation.service';
import { TicketMessagesService } from './ticket-messages.service';
import { TicketsNatsController } from './tickets.nats-controller';

@Module({
  controllers: [TicketsNatsController],
  providers: [
    TicketCreationService,
    TicketMessagesService,
    TicketCommandsService,
    {
      provide: SearchIndexFlusher,
      useFactory: (dataSource: DataSource, config: TicketCoreConfig) =>
        new SearchIndexFlusher(dataSource, { intervalMs: config.SEARCH_FLUSH_MS }),
      inject: [DataSource, TicketCoreConfig],
    },
  ],
  exports: [TicketCreationService, TicketMessagesService, TicketCommandsService],
})
export class TicketsModule {}
