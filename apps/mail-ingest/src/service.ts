import { ServiceDefinition } from '@switchboard/messaging';
import { MailIngestConfig } from './config';
import { MailIngestModule } from './mail-ingest.module';

export const mailIngestService: ServiceDefinition<MailIngestConfig> = {
  service: 'mail-ingest',
  config: MailIngestConfig,
  module: (config) => MailIngestModule.forRoot(config),
  port: (config) => config.MAIL_INGEST_PORT,
};
