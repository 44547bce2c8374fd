import { DynamicModule, Module } from '@nestjs/common';
import { infrastructureModules } from '@switchboard/messaging';
import { NotificationConfig } from './config';
import { notificationDatabase } from './database';
import { WorkspacesModule } from './workspaces/workspaces.module';

@Module({})
export class NotificationModule {
  static forRoot(config: NotificationConfig): DynamicModule {
    return {
      module: NotificationModule,
      imports: [
        ...infrastructureModules({
          service: 'notification',
          config,
          database: notificationDatabase,
        }),
        WorkspacesModule,
      ],
      providers: [{ provide: NotificationConfig, useValue: config }],
    };
  }
}
