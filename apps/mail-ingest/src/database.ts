import { ServiceDatabase } from '@switchboard/database';
import { OutboxEvent, ProcessedEvent } from '@switchboard/messaging';
import { Initial1795000000000 } from './migrations/1795000000000-initial';
import { Mailboxes1795100000000 } from './migrations/1795100000000-mailboxes';
import { Inbox1795200000000 } from './migrations/1795200000000-inbox';

export const mailIngestDatabase: ServiceDatabase = {
  schema: 'mail_ingest',
  entities: [OutboxEvent, ProcessedEvent],
  migrations: [Initial1795000000000, Mailboxes1795100000000, Inbox1795200000000],
};
