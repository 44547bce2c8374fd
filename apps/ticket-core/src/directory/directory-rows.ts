import { AgentV1, Availability, BusinessHoursV1, Role, TeamV1 } from '@switchboard/contracts';

/** An agent as read by AGENT_SELECT. */
export interface AgentRow {
  id: string;
  workspace_id: string;
  name: string;
  email: string;
  role: Role;
  availability: Availability;
  sign_replies: boolean;
  active: boolean;
  team_ids: string[];
}

/** A team as read by TEAM_SELECT. */
export interface TeamRow {
  id: string;
  workspace_id: string;
  name: string;
  member_ids: string[];
  business_hours: BusinessHoursV1 | null;
}

// Memberships are read as text[]: the driver's uuid[] parsing is not something to rely on.
export const AGENT_SELECT = `
  SELECT a.id, a.workspace_id, a.name, a.email, a.role, a.availability, a.sign_replies, a.active,
         coalesce((SELECT array_agg(m.team_id::text ORDER BY m.team_id) FROM team_members m
                    WHERE m.agent_id = a.id), '{}') AS team_ids
    FROM agents a`;

export const TEAM_SELECT = `
  SELECT t.id, t.workspace_id, t.name, t.business_hours,
         coalesce((SELECT array_agg(m.agent_id::text ORDER BY m.agent_id) FROM team_members m
                    WHERE m.team_id = t.id), '{}') AS member_ids
    FROM teams t`;

export function toAgentV1(row: AgentRow): AgentV1 {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    email: row.email,
    role: row.role,
    teamIds: row.team_ids,
    availability: row.availability,
    signReplies: row.sign_replies,
    active: row.active,
  };
}

export function toTeamV1(row: TeamRow): TeamV1 {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    memberIds: row.member_ids,
    businessHours: row.business_hours,
  };
}
