import { ServiceDatabase } from '@switchboard/database';
import { ProcessedEvent } from '@switchboard/messaging';
import { Initial1795000000000 } from './migrations/1795000000000-initial';
import { Chat1795100000000 } from './migrations/1795100000000-chat';
import { ContactDetails1795200000000 } from './migrations/1795200000000-contact-details';
import { WidgetTeam1795300000000 } from './migrations/1795300000000-widget-team';

export const chatGatewayDatabase: ServiceDatabase = {
  schema: 'chat_gateway',
  entities: [ProcessedEvent],
  migrations: [
    Initial1795000000000,
    Chat1795100000000,
    ContactDetails1795200000000,
    WidgetTeam1795300000000,
  ],
};
