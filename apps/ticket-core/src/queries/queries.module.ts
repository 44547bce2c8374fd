import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module';
import { CustomerProfileService } from './customer-profile.service';
import { PublicTicketService } from './public-ticket.service';
import { QueriesNatsController } from './queries.nats-controller';
import { DEFAULT_QUERY_LIMITS, QUERY_LIMITS } from './query-limits';
import { TicketDetailService } from './ticket-detail.service';
import { TicketSearchService } from './ticket-search.service';
import { TicketViewsService } from './ticket-views.service';

/**
 * Read-only queries: views, counts, ticket detail, the public page, search, customer panel.
 * All but the public page are the agent desk's and refuse customer actors: they show internal
 * notes, history and other agents' work, and search matches the text of internal notes.
 * Customers read their tickets through the public page, where the token is the permission.
 */
@Module({
  imports: [TicketsModule],
  controllers: [QueriesNatsController],
  providers: [
    { provide: QUERY_LIMITS, useValue: DEFAULT_QUERY_LIMITS },
    TicketViewsService,
    TicketDetailService,
    PublicTicketService,
    TicketSearchService,
    CustomerProfileService,
  ],
})
export class QueriesModule {}
