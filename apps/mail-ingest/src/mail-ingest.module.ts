import { DynamicModule, Module } from '@nestjs/common';
import { infrastructureModules } from '@switchboard/messaging';
import { MailIngestConfig } from './config';
import { mailIngestDatabase } from './database';
import { MailboxesModule } from './mailboxes/mailboxes.module';

@Module({})
export class MailIngestModule {
  static forRoot(config: MailIngestConfig): DynamicModule {
    return {
      module: MailIngestModule,
      imports: [
        ...infrastructureModules({
          service: 'mail-ingest',
          config,
          database: mailIngestDatabase,
          outbox: true,
        }),
        MailboxesModule,
      ],
      providers: [{ provide: MailIngestConfig, useValue: config }],
    };
  }
}
