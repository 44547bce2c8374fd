import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { CustomerLinker } from './customers/customer-linker';
import { TicketStore } from './tickets/ticket-store';

/** What every ticket-core module uses: the clock, the ticket store and customer linking. */
@Global()
@Module({
  providers: [Clock, TicketStore, CustomerLinker],
  exports: [Clock, TicketStore, CustomerLinker],
})
export class SharedModule {}
