import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { SiteAssetsController } from '../http/site-assets.controller';
import { PublicContactController } from './public-contact.controller';
import { PublicContactService } from './public-contact.service';
import { PublicTicketsController } from './public-tickets.controller';
import { PublicTicketsService } from './public-tickets.service';

/**
 * What customers reach without an account: the public ticket page, the web contact form, and the
 * stylesheet of the customer-facing pages.
 */
@Module({
  imports: [AttachmentsModule],
  controllers: [PublicTicketsController, PublicContactController, SiteAssetsController],
  providers: [PublicTicketsService, PublicContactService],
})
export class PublicModule {}
