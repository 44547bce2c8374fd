import { Module } from '@nestjs/common';
import { AttachmentLookupService } from './attachment-lookup.service';
import { AttachmentsNatsController } from './attachments.nats-controller';

/**
 * Attachment metadata lives in messages (name, type, size, key); the bytes live in the gateway's
 * storage. This module answers whether a caller may download a key.
 */
@Module({
  controllers: [AttachmentsNatsController],
  providers: [AttachmentLookupService],
})
export class AttachmentsModule {}
