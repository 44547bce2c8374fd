import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import * as c from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { CreateTeamBody } from './directory.dto';

@ApiTags('teams')
@Controller('api/v1/teams')
export class TeamsController {
  constructor(private readonly rpc: NatsRpcClient) {}

  @Get()
  list(@CurrentActor() actor: c.Actor): Promise<c.TeamListV1> {
    return this.rpc.request(c.LIST_TEAMS_V1, { actor });
  }

  /** Creates the team, or answers the one with this name. */
  @Roles('admin')
  @Post()
  create(@CurrentActor() actor: c.Actor, @Body() body: CreateTeamBody): Promise<c.TeamV1> {
    return this.rpc.request(c.CREATE_TEAM_V1, { ...body, actor });
  }
}
