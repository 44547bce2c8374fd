import { DynamicModule, Global, Module } from '@nestjs/common';
import { infrastructureModules } from '@switchboard/messaging';
import { MailIngestConfig } from './config';
import { mailIngestDatabase } from './database';
import { InboxModule } from './inbox/inbox.module';
import { MailboxesModule } from './mailboxes/mailboxes.module';

/** The validated config, for every module of the service. */
@Global()
@Module({})
class ConfigModule {
  static of(config: MailIngestConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: MailIngestConfig, useValue: config }],
      exports: [MailIngestConfig],
    };
  }
}

@Module({})
export class MailIngestModule {
  static forRoot(config: MailIngestConfig): DynamicModule {
    return {
      module: MailIngestModule,
      imports: [
        ConfigModule.of(config),
        ...infrastructureModules({
          service: 'mail-ingest',
          config,
          database: mailIngestDatabase,
          outbox: true,
        }),
        MailboxesModule,
        InboxModule,
      ],
    };
  }
}
