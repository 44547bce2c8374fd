import { ServiceDatabase } from '@switchboard/database';
import { ProcessedEvent } from '@switchboard/messaging';
import { Initial1795000000000 } from './migrations/1795000000000-initial';
import { Notifications1795100000000 } from './migrations/1795100000000-notifications';
import { Outbox1795200000000 } from './migrations/1795200000000-outbox';
import { KnownWorkspace } from './workspaces/known-workspace.entity';

export const notificationDatabase: ServiceDatabase = {
  schema: 'notification',
  entities: [KnownWorkspace, ProcessedEvent],
  migrations: [Initial1795000000000, Notifications1795100000000, Outbox1795200000000],
};
