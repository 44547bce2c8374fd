import { Payload } from '@nestjs/microservices';
import {
  AgentListV1,
  AgentV1,
  CREATE_TEAM_V1,
  CreateTeamV1,
  GET_AGENT_V1,
  GetAgentV1,
  LIST_AGENTS_V1,
  LIST_TEAMS_V1,
  ListAgentsV1,
  ListTeamsV1,
  SET_AVAILABILITY_V1,
  SetAvailabilityV1,
  TeamListV1,
  TeamV1,
  UPDATE_TEAM_V1,
  UPSERT_AGENT_V1,
  UpdateTeamV1,
  UpsertAgentV1,
} from '@switchboard/contracts';
import { NatsController, OnRequest } from '@switchboard/messaging';
import { AgentsService } from './agents.service';
import { TeamsService } from './teams.service';

@NatsController()
export class DirectoryNatsController {
  constructor(
    private readonly agents: AgentsService,
    private readonly teams: TeamsService,
  ) {}

  @OnRequest(UPSERT_AGENT_V1)
  upsertAgent(@Payload() command: UpsertAgentV1): Promise<AgentV1> {
    return this.agents.upsert(command);
  }

  @OnRequest(SET_AVAILABILITY_V1)
  setAvailability(@Payload() command: SetAvailabilityV1): Promise<AgentV1> {
    return this.agents.setAvailability(command);
  }

  @OnRequest(LIST_AGENTS_V1)
  listAgents(@Payload() query: ListAgentsV1): Promise<AgentListV1> {
    return this.agents.list(query);
  }

  @OnRequest(GET_AGENT_V1)
  getAgent(@Payload() query: GetAgentV1): Promise<AgentV1> {
    return this.agents.getOne(query);
  }

  @OnRequest(CREATE_TEAM_V1)
  createTeam(@Payload() command: CreateTeamV1): Promise<TeamV1> {
    return this.teams.create(command);
  }

  @OnRequest(UPDATE_TEAM_V1)
  updateTeam(@Payload() command: UpdateTeamV1): Promise<TeamV1> {
    return this.teams.update(command);
  }

  @OnRequest(LIST_TEAMS_V1)
  listTeams(@Payload() query: ListTeamsV1): Promise<TeamListV1> {
    return this.teams.list(query);
  }
}
