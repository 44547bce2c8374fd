import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import * as c from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { UpsertMailboxBody } from './mailboxes.dto';

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
}
