import { ServiceDefinition } from '@switchboard/messaging';
import { TicketCoreConfig } from './config';
import { TicketCoreModule } from './ticket-core.module';

export const ticketCoreService: ServiceDefinition<TicketCoreConfig> = {
  service: 'ticket-core',
  config: TicketCoreConfig,
  module: (config) => TicketCoreModule.forRoot(config),
  port: (config) => config.TICKET_CORE_PORT,
};
