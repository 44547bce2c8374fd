import { Module } from '@nestjs/common';
import { ATTACHMENT_STORAGE, DiskAttachmentStorage } from '@switchboard/storage';
import { ApiGatewayConfig } from '../config';
import { AttachmentDownloadService } from './attachment-download.service';
import { AttachmentUploadService } from './attachment-upload.service';
import { AttachmentsController } from './attachments.controller';
import { UploadSweeper } from './upload-sweeper';

/** Uploads and downloads of attachment bytes; the public page reuses both services. */
@Module({
  controllers: [AttachmentsController],
  providers: [
    {
      provide: ATTACHMENT_STORAGE,
      inject: [ApiGatewayConfig],
      useFactory: (config: ApiGatewayConfig) => new DiskAttachmentStorage(config.STORAGE_DIR),
    },
    AttachmentUploadService,
    AttachmentDownloadService,
    UploadSweeper,
  ],
  exports: [AttachmentUploadService, AttachmentDownloadService],
})
export class AttachmentsModule {}
