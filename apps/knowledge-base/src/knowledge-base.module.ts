import { DynamicModule, Module } from '@nestjs/common';
import { infrastructureModules } from '@switchboard/messaging';
import { KnowledgeBaseConfig } from './config';
import { knowledgeBaseDatabase } from './database';

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
      providers: [{ provide: KnowledgeBaseConfig, useValue: config }],
    };
  }
}
