import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import * as c from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { CurrentActor } from '../auth/auth.decorators';
import { ViewParams, ViewQuery } from './tickets.dto';

/** The desk's five views (new, open, team, pending, solved), paginated by cursor, and their counts. */
@ApiTags('views')
@Controller('api/v1/views')
export class ViewsController {
  constructor(private readonly rpc: NatsRpcClient) {}

  /** How many tickets each view holds for the caller. */
  @Get('counts')
  counts(@CurrentActor() actor: c.Actor): Promise<c.ViewCountsReplyV1> {
    return this.rpc.request(c.VIEW_COUNTS_V1, { actor });
  }

  /** One page of a view; pass `nextCursor` back as `cursor` for the next. */
  @Get(':view')
  list(
    @CurrentActor() actor: c.Actor,
    @Param() params: ViewParams,
    @Query() query: ViewQuery,
  ): Promise<c.TicketPageV1> {
    return this.rpc.request(c.LIST_VIEW_V1, { ...query, actor, view: params.view });
  }
}
