import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { SiteAssetsController } from '../http/site-assets.controller';
import { PublicContactController } from './public-contact.controller';
import { PublicContactService } from './public-contact.service';
import { PublicPagesController } from './public-pages.controller';
import { PublicPagesService } from './public-pages.service';
import { PublicTicketsController } from './public-tickets.controller';
import { PublicTicketsService } from './public-tickets.service';

/**
 * What customers reach without an account: the public ticket page and the web contact form (as
 * JSON and as HTML pages), and the stylesheet those pages and the help center share.
 */
@Module({
  imports: [AttachmentsModule],
  controllers: [
    PublicTicketsController,
    PublicContactController,
    PublicPagesController,
    SiteAssetsController,
  ],
  providers: [PublicTicketsService, PublicContactService, PublicPagesService],
})
export class PublicModule {}
