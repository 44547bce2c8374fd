import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import * as c from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { UuidParam } from '../http/params';
import { InboundMailsQuery, UpsertMailboxBody } from './mailboxes.dto';

/** Inbound addresses (mail-ingest's): mail to one becomes tickets of the workspace and its team. */
@ApiTags('mailboxes')
@Roles('admin')
@Controller('api/v1/mailboxes')
export class MailboxesController {
  constructor(private readonly rpc: NatsRpcClient) {}

  @Get()
  list(@CurrentActor() actor: c.Actor): Promise<c.MailboxListV1> {
    return this.rpc.request(c.LIST_MAILBOXES_V1, { actor });
  }

  @Post()
  @HttpCode(200)
  upsert(@CurrentActor() actor: c.Actor, @Body() body: UpsertMailboxBody): Promise<c.MailboxV1> {
    return this.rpc.request(c.UPSERT_MAILBOX_V1, { ...body, actor });
  }

  /** Received mail, newest first: `status=parked` (kept failing) and `status=held` (a loop). */
  @Get('inbound-mails')
  inboundMails(
    @CurrentActor() actor: c.Actor,
    @Query() query: InboundMailsQuery,
  ): Promise<c.InboundMailListV1> {
    return this.rpc.request(c.LIST_INBOUND_MAILS_V1, { ...query, actor });
  }

  /** Processes a parked or held mail again from its stored raw bytes. */
  @Post('inbound-mails/:id/replay')
  @HttpCode(200)
  replay(@CurrentActor() actor: c.Actor, @UuidParam() id: string): Promise<c.InboundMailV1Summary> {
    return this.rpc.request(c.REPLAY_INBOUND_MAIL_V1, { actor, mailId: id });
  }
}
