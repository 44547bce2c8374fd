import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { PublicTicketsController } from './public-tickets.controller';
import { PublicTicketsService } from './public-tickets.service';

/** What customers reach without an account: the public ticket page. */
@Module({
  imports: [AttachmentsModule],
  controllers: [PublicTicketsController],
  providers: [PublicTicketsService],
})
export class PublicModule {}
