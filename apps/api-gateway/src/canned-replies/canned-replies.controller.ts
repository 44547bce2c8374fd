import { Body, Controller, Delete, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import * as c from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { CurrentActor } from '../auth/auth.decorators';
import { UuidParam } from '../http/params';
import {
  CreateCannedReplyBody,
  DeletedReply,
  RenderCannedReplyQuery,
  UpdateCannedReplyBody,
} from './canned-replies.dto';

/** Personal and workspace-wide canned replies (shared ones: supervisors and admins). */
@ApiTags('canned replies')
@Controller('api/v1/canned-replies')
export class CannedRepliesController {
  constructor(private readonly rpc: NatsRpcClient) {}

  /** The caller's own replies and the workspace's shared ones. */
  @Get()
  list(@CurrentActor() actor: c.Actor): Promise<c.CannedReplyListV1> {
    return this.rpc.request(c.LIST_CANNED_REPLIES_V1, { actor });
  }

  @Post()
  create(
    @CurrentActor() actor: c.Actor,
    @Body() body: CreateCannedReplyBody,
  ): Promise<c.CannedReplyV1> {
    return this.rpc.request(c.CREATE_CANNED_REPLY_V1, { ...body, actor });
  }

  @Patch(':id')
  update(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
    @Body() body: UpdateCannedReplyBody,
  ): Promise<c.CannedReplyV1> {
    return this.rpc.request(c.UPDATE_CANNED_REPLY_V1, { ...body, actor, cannedReplyId: id });
  }

  @Delete(':id')
  delete(@CurrentActor() actor: c.Actor, @UuidParam() id: string): Promise<DeletedReply> {
    return this.rpc.request(c.DELETE_CANNED_REPLY_V1, { actor, cannedReplyId: id });
  }

  /** The body with its placeholders filled in for one ticket (`?ticketId=`). */
  @Get(':id/render')
  render(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
    @Query() query: RenderCannedReplyQuery,
  ): Promise<c.RenderedCannedReplyV1> {
    return this.rpc.request(c.RENDER_CANNED_REPLY_V1, { ...query, actor, cannedReplyId: id });
  }
}
