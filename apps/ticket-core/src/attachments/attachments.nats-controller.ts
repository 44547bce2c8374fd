import { Payload } from '@nestjs/microservices';
import {
  AttachmentRefV1,
  FIND_ATTACHMENT_V1,
  FindAttachmentV1,
  KEYS_IN_USE_V1,
  KeysInUseReplyV1,
  KeysInUseV1,
} from '@switchboard/contracts';
import { NatsController, OnRequest } from '@switchboard/messaging';
import { AttachmentLookupService } from './attachment-lookup.service';

@NatsController()
export class AttachmentsNatsController {
  constructor(private readonly lookup: AttachmentLookupService) {}

  @OnRequest(FIND_ATTACHMENT_V1)
  find(@Payload() request: FindAttachmentV1): Promise<AttachmentRefV1> {
    return this.lookup.find(request);
  }

  @OnRequest(KEYS_IN_USE_V1)
  keysInUse(@Payload() request: KeysInUseV1): Promise<KeysInUseReplyV1> {
    return this.lookup.inUse(request);
  }
}
