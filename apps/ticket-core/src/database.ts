import { ServiceDatabase } from '@switchboard/database';
import { OutboxEvent, ProcessedEvent } from '@switchboard/messaging';
import { Initial1795000000000 } from './migrations/1795000000000-initial';
import { Tickets1795100000000 } from './migrations/1795100000000-tickets';
import { QueryIndexes1795200000000 } from './migrations/1795200000000-query-indexes';
import { TicketSearch1795300000000 } from './migrations/1795300000000-ticket-search';
import { WorkspaceSettings1795400000000 } from './migrations/1795400000000-workspace-settings';
import { AttachmentKeys1795500000000 } from './migrations/1795500000000-attachment-keys';
import { TicketsAutovacuum1795600000000 } from './migrations/1795600000000-tickets-autovacuum';
import { TicketSearchNewest1795700000000 } from './migrations/1795700000000-ticket-search-newest';
import { SearchPendingList1795800000000 } from './migrations/1795800000000-search-pending-list';
import { MailDetails1795900000000 } from './migrations/1795900000000-mail-details';
import { TeamBusinessHours1796000000000 } from './migrations/1796000000000-team-business-hours';
import { Workspace } from './workspaces/workspace.entity';

export const ticketCoreDatabase: ServiceDatabase = {
  schema: 'ticket_core',
  entities: [Workspace, OutboxEvent, ProcessedEvent],
  migrations: [
    Initial1795000000000,
    Tickets1795100000000,
    QueryIndexes1795200000000,
    TicketSearch1795300000000,
    WorkspaceSettings1795400000000,
    AttachmentKeys1795500000000,
    TicketsAutovacuum1795600000000,
    TicketSearchNewest1795700000000,
    SearchPendingList1795800000000,
    MailDetails1795900000000,
    TeamBusinessHours1796000000000,
  ],
};
