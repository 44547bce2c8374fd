import { Injectable } from '@nestjs/common';
import { Actor, MessageAddedReplyV1, REPLY_TICKET_V1 } from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { AttachmentUploadService } from '../attachments/attachment-upload.service';
import { ReplyBody } from './tickets.dto';

/**
 * An agent's reply: its attachments must be this workspace's own uploads, and are recorded with
 * the name, type and size the gateway checked when they were uploaded. Other values in the body
 * are replaced rather than refused: clients pass back what the upload answered, and anything
 * else is a claim the bytes were never checked against.
 */
@Injectable()
export class TicketRepliesService {
  constructor(
    private readonly rpc: NatsRpcClient,
    private readonly uploads: AttachmentUploadService,
  ) {}

  async reply(actor: Actor, ticketId: string, body: ReplyBody): Promise<MessageAddedReplyV1> {
    const attachments = await this.uploads.recorded(actor.workspaceId, body.attachments);
    return this.rpc.request(REPLY_TICKET_V1, { ...body, attachments, actor, ticketId });
  }
}
