import { Payload } from '@nestjs/microservices';
import {
  CREATE_CANNED_REPLY_V1,
  CannedReplyListV1,
  CannedReplyV1,
  CreateCannedReplyV1,
  DELETE_CANNED_REPLY_V1,
  DeleteCannedReplyV1,
  LIST_CANNED_REPLIES_V1,
  ListCannedRepliesV1,
  RENDER_CANNED_REPLY_V1,
  RenderCannedReplyV1,
  RenderedCannedReplyV1,
  UPDATE_CANNED_REPLY_V1,
  UpdateCannedReplyV1,
} from '@switchboard/contracts';
import { NatsController, OnRequest } from '@switchboard/messaging';
import { CannedRepliesService } from './canned-replies.service';
import { CannedReplyRenderService } from './canned-reply-render.service';

@NatsController()
export class CannedRepliesNatsController {
  constructor(
    private readonly replies: CannedRepliesService,
    private readonly renderer: CannedReplyRenderService,
  ) {}

  @OnRequest(CREATE_CANNED_REPLY_V1)
  create(@Payload() command: CreateCannedReplyV1): Promise<CannedReplyV1> {
    return this.replies.create(command);
  }

  @OnRequest(UPDATE_CANNED_REPLY_V1)
  update(@Payload() command: UpdateCannedReplyV1): Promise<CannedReplyV1> {
    return this.replies.update(command);
  }

  @OnRequest(DELETE_CANNED_REPLY_V1)
  delete(@Payload() command: DeleteCannedReplyV1): Promise<{ deleted: true }> {
    return this.replies.delete(command);
  }

  @OnRequest(LIST_CANNED_REPLIES_V1)
  list(@Payload() query: ListCannedRepliesV1): Promise<CannedReplyListV1> {
    return this.replies.list(query);
  }

  @OnRequest(RENDER_CANNED_REPLY_V1)
  render(@Payload() query: RenderCannedReplyV1): Promise<RenderedCannedReplyV1> {
    return this.renderer.render(query);
  }
}
