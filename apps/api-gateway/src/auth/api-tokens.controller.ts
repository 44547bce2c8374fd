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
import { ApiTokensService } from './api-tokens.service';
import { CurrentActor, Roles } from './auth.decorators';
import { ApiTokenList, CreateApiTokenBody, CreatedApiToken } from './auth.dto';

/** Integrations' tokens: admins create (the secret is shown once), list and revoke them. */
@Roles('admin')
@Controller('api/v1/api-tokens')
export class ApiTokensController {
  constructor(private readonly apiTokens: ApiTokensService) {}

  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateApiTokenBody): Promise<CreatedApiToken> {
    return this.apiTokens.create(actor, body.name, body.role);
  }

  @Get()
  async list(@CurrentActor() actor: Actor): Promise<ApiTokenList> {
    return { items: await this.apiTokens.list(actor) };
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.apiTokens.revoke(actor, id);
  }
}
