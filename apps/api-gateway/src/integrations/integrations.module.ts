import { Module } from '@nestjs/common';
import { IntegrationBridge } from './integration-bridge';
import { IntegrationCredentialsService } from './integration-credentials.service';
import { IntegrationEventFanout } from './integration-event-fanout';
import { IntegrationsController } from './integrations.controller';

/** Services outside the monorepo on the bus: their credentials, requests and events. */
@Module({
  controllers: [IntegrationsController],
  providers: [IntegrationCredentialsService, IntegrationBridge, IntegrationEventFanout],
})
export class IntegrationsModule {}
