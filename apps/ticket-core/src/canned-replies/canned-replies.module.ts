import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module';
import { CannedRepliesNatsController } from './canned-replies.nats-controller';
import { CannedRepliesService } from './canned-replies.service';
import { CannedReplyRenderService } from './canned-reply-render.service';

@Module({
  imports: [TicketsModule],
  controllers: [CannedRepliesNatsController],
  providers: [CannedRepliesService, CannedReplyRenderService],
})
export class CannedRepliesModule {}
