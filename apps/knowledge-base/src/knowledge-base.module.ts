import { DynamicModule, Module } from '@nestjs/common';
import { infrastructureModules } from '@switchboard/messaging';
import { ArticlesService } from './articles/articles.service';
import { CategoriesService } from './categories/categories.service';
import { KnowledgeBaseConfig } from './config';
import { KbAccess } from './core/access';
import { knowledgeBaseDatabase } from './database';
import { TicketCoreDirectory } from './directory/ticket-core-directory';
import { KnowledgeBaseNatsController } from './knowledge-base.nats-controller';
import { PublicKbService } from './public/public-kb.service';
import { SearchService } from './search/search.service';
import { KbSettingsService } from './settings/kb-settings.service';
import { SuggestionsService } from './suggestions/suggestions.service';

@Module({})
export class KnowledgeBaseModule {
  static forRoot(config: KnowledgeBaseConfig): DynamicModule {
    return {
      module: KnowledgeBaseModule,
      imports: [
        ...infrastructureModules({
          service: 'knowledge-base',
          config,
          database: knowledgeBaseDatabase,
          outbox: true,
        }),
      ],
      controllers: [KnowledgeBaseNatsController],
      providers: [
        { provide: KnowledgeBaseConfig, useValue: config },
        { provide: KbAccess, useValue: new KbAccess(config) },
        TicketCoreDirectory,
        CategoriesService,
        ArticlesService,
        SearchService,
        SuggestionsService,
        KbSettingsService,
        PublicKbService,
      ],
    };
  }
}
