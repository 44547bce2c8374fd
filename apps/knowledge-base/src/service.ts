import { ServiceDefinition } from '@switchboard/messaging';
import { KnowledgeBaseConfig } from './config';
import { KnowledgeBaseModule } from './knowledge-base.module';

export const knowledgeBaseService: ServiceDefinition<KnowledgeBaseConfig> = {
  service: 'knowledge-base',
  config: KnowledgeBaseConfig,
  module: (config) => KnowledgeBaseModule.forRoot(config),
  port: (config) => config.KNOWLEDGE_BASE_PORT,
};
