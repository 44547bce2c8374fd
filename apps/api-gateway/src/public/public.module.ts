import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { SiteAssetsController } from '../http/site-assets.controller';
import { PublicTicketsController } from './public-tickets.controller';
import { PublicTicketsService } from './public-tickets.service';

/**
 * What customers reach without an account: the public ticket page, and the stylesheet of the
 * customer-facing pages.
 */
@Module({
  imports: [AttachmentsModule],
  controllers: [PublicTicketsController, SiteAssetsController],
  providers: [PublicTicketsService],
})
export class PublicModule {}
