import { DynamicModule, Module } from '@nestjs/common';
import { infrastructureModules } from '@switchboard/messaging';
import { TicketCoreConfig } from './config';
import { ticketCoreDatabase } from './database';
import { AttachmentsModule } from './attachments/attachments.module';
import { CannedRepliesModule } from './canned-replies/canned-replies.module';
import { CustomersModule } from './customers/customers.module';
import { DirectoryModule } from './directory/directory.module';
import { MailModule } from './mail/mail.module';
import { QueriesModule } from './queries/queries.module';
import { CoreModule } from './core/core.module';
import { SearchModule } from './search/search.module';
import { TicketsModule } from './tickets/tickets.module';
import { TimersModule } from './timers/timers.module';
import { WorkspacesModule } from './workspaces/workspaces.module';

@Module({})
export class TicketCoreModule {
  static forRoot(config: TicketCoreConfig): DynamicModule {
    return {
      module: TicketCoreModule,
      imports: [
        ...infrastructureModules({
          service: 'ticket-core',
          config,
          database: ticketCoreDatabase,
          outbox: true,
        }),
        CoreModule,
        WorkspacesModule,
        DirectoryModule,
        CustomersModule,
        CannedRepliesModule,
        TicketsModule,
        QueriesModule,
        AttachmentsModule,
        TimersModule,
        MailModule,
        SearchModule,
      ],
      // The validated config is for every module of the service.
      global: true,
      providers: [{ provide: TicketCoreConfig, useValue: config }],
      exports: [TicketCoreConfig],
    };
  }
}
