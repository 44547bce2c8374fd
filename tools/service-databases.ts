import { ServiceDatabase } from '@switchboard/database';
import { apiGatewayDatabase } from '../apps/api-gateway/src/database';
import { chatGatewayDatabase } from '../apps/chat-gateway/src/database';
import { knowledgeBaseDatabase } from '../apps/knowledge-base/src/database';
import { mailIngestDatabase } from '../apps/mail-ingest/src/database';
import { notificationDatabase } from '../apps/notification/src/database';
import { ticketCoreDatabase } from '../apps/ticket-core/src/database';

/** Every service's schema, in the order migrations are applied. */
export const serviceDatabases: ServiceDatabase[] = [
  ticketCoreDatabase,
  apiGatewayDatabase,
  mailIngestDatabase,
  chatGatewayDatabase,
  notificationDatabase,
  knowledgeBaseDatabase,
];
