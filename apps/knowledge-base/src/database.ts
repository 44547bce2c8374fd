import { ServiceDatabase } from '@switchboard/database';
import { OutboxEvent, ProcessedEvent } from '@switchboard/messaging';
import { Initial1795000000000 } from './migrations/1795000000000-initial';
import { KnowledgeBase1795200000000 } from './migrations/1795200000000-knowledge-base';

export const knowledgeBaseDatabase: ServiceDatabase = {
  schema: 'knowledge_base',
  entities: [OutboxEvent, ProcessedEvent],
  migrations: [Initial1795000000000, KnowledgeBase1795200000000],
};
