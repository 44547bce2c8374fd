import { Module } from '@nestjs/common';
import { KbPagesController } from './kb-pages.controller';
import { KbPagesService } from './kb-pages.service';
import { KbController } from './kb.controller';

/** The knowledge base: the agents' REST API and the customers' public help center. */
@Module({
  controllers: [KbController, KbPagesController],
  providers: [KbPagesService],
})
export class KbModule {}
