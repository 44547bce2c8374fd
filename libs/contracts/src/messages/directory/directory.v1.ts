import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ROLES, type Role } from '../../actor';
import { ActorRequest, AVAILABILITIES, type Availability } from '../common';
import { BusinessHoursV1 } from '../workspace/workspace-settings.v1';

/** The agent directory: names, roles, teams. Credentials live in api-gateway's schema. */
export class AgentV1 {
  id: string;
  workspaceId: string;
  name: string;
  email: string;
  role: Role;
  teamIds: string[];
  availability: Availability;
  signReplies: boolean;
  active: boolean;
}

export class TeamV1 {
  id: string;
  workspaceId: string;
  name: string;
  memberIds: string[];
  /**
   * When the team is open for live chat, if not the workspace's hours (null): a chat widget of
   * the team takes live chats only then, and only while one of its members is online.
   */
  businessHours: BusinessHoursV1 | null;
}

export const UPSERT_AGENT_V1 = 'helpdesk.cmd.agent.upsert.v1';
/** Creates an agent, or updates the one with this email (admins only). */
export class UpsertAgentV1 extends ActorRequest {
  @IsString()
  @Length(1, 200)
  name: string;

  @IsEmail()
  email: string;

  @IsIn(ROLES)
  role: Role;

  @IsArray()
  @IsUUID('all', { each: true })
  teamIds: string[];

  @IsOptional()
  @IsBoolean()
  signReplies?: boolean;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export const SET_AVAILABILITY_V1 = 'helpdesk.cmd.agent.set-availability.v1';
export class SetAvailabilityV1 extends ActorRequest {
  @IsIn(AVAILABILITIES)
  availability: Availability;
}

export const CREATE_TEAM_V1 = 'helpdesk.cmd.team.create.v1';
/** Creates a team, or answers the one with this name (admins only). */
export class CreateTeamV1 extends ActorRequest {
  @IsString()
  @Length(1, 100)
  name: string;
}

export const UPDATE_TEAM_V1 = 'helpdesk.cmd.team.update.v1';
/** Renames a team or sets its own business hours (null: the workspace's). Admins only. */
export class UpdateTeamV1 extends ActorRequest {
  @IsUUID()
  teamId: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => BusinessHoursV1)
  businessHours?: BusinessHoursV1 | null;
}

export const LIST_AGENTS_V1 = 'helpdesk.qry.agent.list.v1';
export class ListAgentsV1 extends ActorRequest {}

export const GET_AGENT_V1 = 'helpdesk.qry.agent.get.v1';
/** One agent of the caller's workspace (the gateway reads role and teams at login). */
export class GetAgentV1 extends ActorRequest {
  @IsUUID()
  agentId: string;
}

export const LIST_TEAMS_V1 = 'helpdesk.qry.team.list.v1';
export class ListTeamsV1 extends ActorRequest {}

export class AgentListV1 {
  items: AgentV1[];
}

export class TeamListV1 {
  items: TeamV1[];
}
