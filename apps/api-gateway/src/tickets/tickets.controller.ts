import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import * as c from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { CurrentActor } from '../auth/auth.decorators';
import { UuidParam } from '../http/params';
import { CreateTicketBody, SearchQuery, TicketNumberParams } from './tickets.dto';

/** Creating, finding and reading tickets. The commands on one ticket are in TicketCommandsController. */
@ApiTags('tickets')
@Controller('api/v1/tickets')
export class TicketsController {
  constructor(private readonly rpc: NatsRpcClient) {}

  /** Creates a ticket: an agent's is open and assigned to them, an integration's is new. */
  @Post()
  create(
    @CurrentActor() actor: c.Actor,
    @Body() body: CreateTicketBody,
  ): Promise<c.TicketSummaryV1> {
    return this.rpc.request(c.CREATE_TICKET_V1, {
      ...body,
      actor,
      channel: body.channel ?? 'manual',
    });
  }

  /** Free text over subject, messages and customer, with filters; `text=#22` finds ticket 22. */
  @Get('search')
  search(@CurrentActor() actor: c.Actor, @Query() query: SearchQuery): Promise<c.TicketPageV1> {
    return this.rpc.request(c.SEARCH_TICKETS_V1, { ...query, actor });
  }

  /** One ticket by its number (`#22`), with messages, history and access requests. */
  @Get('by-number/:number')
  byNumber(
    @CurrentActor() actor: c.Actor,
    @Param() params: TicketNumberParams,
  ): Promise<c.TicketDetailV1> {
    return this.rpc.request(c.GET_TICKET_BY_NUMBER_V1, { actor, number: params.number });
  }

  /** One ticket, with messages, history and access requests. */
  @Get(':id')
  get(@CurrentActor() actor: c.Actor, @UuidParam() id: string): Promise<c.TicketDetailV1> {
    return this.rpc.request(c.GET_TICKET_V1, { actor, ticketId: id });
  }
}
