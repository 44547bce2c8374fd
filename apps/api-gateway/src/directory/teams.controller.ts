import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import * as c from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { UuidParam } from '../http/params';
import { CreateTeamBody, UpdateTeamBody } from './directory.dto';

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

  /**
   * Renames the team, or gives it business hours of its own: a chat widget of the team is live
   * only within them (null: the workspace's) and while one of its members is online.
   */
  @Roles('admin')
  @Patch(':id')
  update(
    @CurrentActor() actor: c.Actor,
    @UuidParam() teamId: string,
    @Body() body: UpdateTeamBody,
  ): Promise<c.TeamV1> {
    return this.rpc.request(c.UPDATE_TEAM_V1, { ...body, teamId, actor });
  }
}
