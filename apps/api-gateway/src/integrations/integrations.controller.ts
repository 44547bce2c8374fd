import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { Actor } from '@switchboard/contracts';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { IntegrationCredentialsService } from './integration-credentials.service';
import { CreateIntegrationBody, CreatedIntegration, IntegrationList } from './integrations.dto';

/**
 * Integrations' NATS credentials: admins issue them (the credentials file is shown once), list
 * and revoke them. What a credential may do on the bus: libs/contracts integration-access.
 */
@Roles('admin')
@Controller('api/v1/integrations')
export class IntegrationsController {
  constructor(private readonly integrations: IntegrationCredentialsService) {}

  @Post()
  create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateIntegrationBody,
  ): Promise<CreatedIntegration> {
    return this.integrations.create(actor, body.name, body.role);
  }

  @Get()
  async list(@CurrentActor() actor: Actor): Promise<IntegrationList> {
    return { items: await this.integrations.list(actor) };
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.integrations.revoke(actor, id);
  }
}
