import { Injectable } from '@nestjs/common';
import { Actor, MessageAddedReplyV1, REPLY_TICKET_V1 } from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { AttachmentUploadService } from '../attachments/attachment-upload.service';
import { ReplyBody } from './tickets.dto';

/** An agent's reply: its attachments must be this workspace's own uploads. */
@Injectable()
export class TicketRepliesService {
  constructor(
    private readonly rpc: NatsRpcClient,
    private readonly uploads: AttachmentUploadService,
  ) {}

  async reply(actor: Actor, ticketId: string, body: ReplyBody): Promise<MessageAddedReplyV1> {
    await this.uploads.requireUploaded(actor.workspaceId, body.attachments);
    return this.rpc.request(REPLY_TICKET_V1, { ...body, actor, ticketId });
  }
}
