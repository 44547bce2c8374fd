import { ServiceDatabase } from '@switchboard/database';
import { ProcessedEvent } from '@switchboard/messaging';
import { Initial1795000000000 } from './migrations/1795000000000-initial';

export const chatGatewayDatabase: ServiceDatabase = {
  schema: 'chat_gateway',
  entities: [ProcessedEvent],
  migrations: [Initial1795000000000],
};
