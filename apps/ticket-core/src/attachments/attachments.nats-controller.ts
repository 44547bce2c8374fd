import { Payload } from '@nestjs/microservices';
import { AttachmentRefV1, FIND_ATTACHMENT_V1, FindAttachmentV1 } from '@switchboard/contracts';
import { NatsController, OnRequest } from '@switchboard/messaging';
import { AttachmentLookupService } from './attachment-lookup.service';

@NatsController()
export class AttachmentsNatsController {
  constructor(private readonly lookup: AttachmentLookupService) {}

  @OnRequest(FIND_ATTACHMENT_V1)
  find(@Payload() request: FindAttachmentV1): Promise<AttachmentRefV1> {
    return this.lookup.find(request);
  }
}
