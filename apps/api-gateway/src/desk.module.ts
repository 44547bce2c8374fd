import { Module } from '@nestjs/common';
import { AttachmentsModule } from './attachments/attachments.module';
import { CannedRepliesController } from './canned-replies/canned-replies.controller';
import { CustomersController } from './customers/customers.controller';
import { AgentsController } from './directory/agents.controller';
import { AgentsService } from './directory/agents.service';
import { TeamsController } from './directory/teams.controller';
import { MailboxesController } from './mailboxes/mailboxes.controller';
import { MailAdminController } from './notifications/mail-admin.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { SettingsController } from './settings/settings.controller';
import { TicketCommandsController } from './tickets/ticket-commands.controller';
import { TicketRepliesService } from './tickets/ticket-replies.service';
import { TicketsController } from './tickets/tickets.controller';
import { ViewsController } from './tickets/views.controller';

/**
 * The agents' REST API under /api/v1: thin controllers that hand the caller's actor and a
 * validated body to the owning service over NATS.
 */
@Module({
  imports: [AttachmentsModule],
  controllers: [
    ViewsController,
    TicketsController,
    TicketCommandsController,
    CustomersController,
    CannedRepliesController,
    AgentsController,
    TeamsController,
    SettingsController,
    MailboxesController,
    NotificationsController,
    MailAdminController,
  ],
  providers: [AgentsService, TicketRepliesService],
})
export class DeskModule {}
