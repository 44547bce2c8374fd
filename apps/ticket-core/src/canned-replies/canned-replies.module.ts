import { Module } from '@nestjs/common';
import { CannedRepliesNatsController } from './canned-replies.nats-controller';
import { CannedRepliesService } from './canned-replies.service';
import { CannedReplyRenderService } from './canned-reply-render.service';

@Module({
  controllers: [CannedRepliesNatsController],
  providers: [CannedRepliesService, CannedReplyRenderService],
})
export class CannedRepliesModule {}
