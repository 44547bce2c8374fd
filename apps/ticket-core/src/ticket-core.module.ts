import { DynamicModule, Module } from '@nestjs/common';
import { infrastructureModules } from '@switchboard/messaging';
import { TicketCoreConfig } from './config';
import { ticketCoreDatabase } from './database';
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
        WorkspacesModule,
      ],
      providers: [{ provide: TicketCoreConfig, useValue: config }],
    };
  }
}
