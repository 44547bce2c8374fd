import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import * as c from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { UuidParam } from '../http/params';
import { AgentsService } from './agents.service';
import { AvailabilityBody, UpsertAgentBody } from './directory.dto';

/** The workspace's agents: everyone lists them; admins create and update them. */
@ApiTags('agents')
@Controller('api/v1/agents')
export class AgentsController {
  constructor(
    private readonly rpc: NatsRpcClient,
    private readonly agents: AgentsService,
  ) {}

  @Get()
  list(@CurrentActor() actor: c.Actor): Promise<c.AgentListV1> {
    return this.rpc.request(c.LIST_AGENTS_V1, { actor });
  }

  /** Creates the agent with this email, or updates them; `password` also sets their login. */
  @Roles('admin')
  @Post()
  @HttpCode(200)
  upsert(@CurrentActor() actor: c.Actor, @Body() body: UpsertAgentBody): Promise<c.AgentV1> {
    return this.agents.upsert(actor, body);
  }

  /** The caller's availability (online, away, offline). */
  @Put('me/availability')
  availability(@CurrentActor() actor: c.Actor, @Body() body: AvailabilityBody): Promise<c.AgentV1> {
    return this.rpc.request(c.SET_AVAILABILITY_V1, { ...body, actor });
  }

  @Get(':id')
  get(@CurrentActor() actor: c.Actor, @UuidParam() id: string): Promise<c.AgentV1> {
    return this.rpc.request(c.GET_AGENT_V1, { actor, agentId: id });
  }
}
