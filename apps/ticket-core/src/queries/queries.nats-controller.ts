import { Payload } from '@nestjs/microservices';
import {
  CustomerWithTicketsV1,
  GET_CUSTOMER_V1,
  GET_TICKET_BY_NUMBER_V1,
  GET_TICKET_BY_TOKEN_V1,
  GET_TICKET_MESSAGES_V1,
  GET_TICKET_V1,
  GetCustomerV1,
  GetTicketByNumberV1,
  GetTicketByTokenV1,
  GetTicketMessagesV1,
  GetTicketV1,
  LIST_VIEW_V1,
  ListViewV1,
  PublicTicketV1,
  SEARCH_TICKETS_V1,
  SearchTicketsV1,
  TicketDetailV1,
  TicketMessagesV1,
  TicketPageV1,
  VIEW_COUNTS_V1,
  ViewCountsReplyV1,
  ViewCountsV1,
} from '@switchboard/contracts';
import { NatsController, OnRequest } from '@switchboard/messaging';
import { CustomerProfileService } from './customer-profile.service';
import { PublicTicketService } from './public-ticket.service';
import { TicketDetailService } from './ticket-detail.service';
import { TicketSearchService } from './ticket-search.service';
import { TicketViewsService } from './ticket-views.service';

/** ticket-core's read side over NATS: every handler hands the validated request to a service. */
@NatsController()
export class QueriesNatsController {
  constructor(
    private readonly views: TicketViewsService,
    private readonly details: TicketDetailService,
    private readonly publicTickets: PublicTicketService,
    private readonly searches: TicketSearchService,
    private readonly customers: CustomerProfileService,
  ) {}

  @OnRequest(LIST_VIEW_V1)
  listView(@Payload() request: ListViewV1): Promise<TicketPageV1> {
    return this.views.list(request);
  }

  @OnRequest(VIEW_COUNTS_V1)
  viewCounts(@Payload() request: ViewCountsV1): Promise<ViewCountsReplyV1> {
    return this.views.counts(request);
  }

  @OnRequest(GET_TICKET_V1)
  getTicket(@Payload() request: GetTicketV1): Promise<TicketDetailV1> {
    return this.details.get(request);
  }

  @OnRequest(GET_TICKET_MESSAGES_V1)
  getTicketMessages(@Payload() request: GetTicketMessagesV1): Promise<TicketMessagesV1> {
    return this.details.messages(request);
  }

  @OnRequest(GET_TICKET_BY_NUMBER_V1)
  getTicketByNumber(@Payload() request: GetTicketByNumberV1): Promise<TicketDetailV1> {
    return this.details.getByNumber(request);
  }

  @OnRequest(GET_TICKET_BY_TOKEN_V1)
  getPublicTicket(@Payload() request: GetTicketByTokenV1): Promise<PublicTicketV1> {
    return this.publicTickets.get(request);
  }

  @OnRequest(SEARCH_TICKETS_V1)
  search(@Payload() request: SearchTicketsV1): Promise<TicketPageV1> {
    return this.searches.search(request);
  }

  @OnRequest(GET_CUSTOMER_V1)
  getCustomer(@Payload() request: GetCustomerV1): Promise<CustomerWithTicketsV1> {
    return this.customers.get(request);
  }
}
