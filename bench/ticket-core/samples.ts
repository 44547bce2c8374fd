import { Actor } from '@switchboard/contracts';
import { Client } from 'pg';

export interface AgentSample {
  actor: Actor;
  teamIds: string[];
}

export interface Samples {
  workspaceId: string;
  /** Agents of role 'agent' (not supervisors): the desk's usual callers. */
  agents: AgentSample[];
  /** Agents with open tickets (for the Open view). */
  agentsWithOpen: AgentSample[];
  /** Ticket numbers, each with an agent who may see it. */
  lookups: { number: number; actor: Actor }[];
  /** New tickets, oldest first, each with an agent who may claim it. */
  claims: { ticketId: string; actor: Actor }[];
  /** Open tickets in random order, each with its assignee. */
  replies: { ticketId: string; actor: Actor }[];
  customers: number;
}

const LOOKUPS = 5_000;
const CLAIMS = 50_000;
const REPLIES = 20_000;

/** What the measures ask for, read from the seeded database before the service starts. */
export async function loadSamples(db: Client, workspaceId: string): Promise<Samples> {
  const { rows: agentRows } = await db.query<{ id: string; team_ids: string[]; open: number }>(
    `SELECT a.id, array_agg(m.team_id ORDER BY m.team_id) AS team_ids,
            (SELECT count(*)::int FROM tickets t WHERE t.assignee_id = a.id AND t.status = 'open') AS open
       FROM agents a JOIN team_members m ON m.agent_id = a.id
      WHERE a.workspace_id = $1 AND a.role = 'agent'
      GROUP BY a.id ORDER BY a.email`,
    [workspaceId],
  );
  const agents = agentRows.map((row) => ({
    teamIds: row.team_ids,
    actor: {
      kind: 'agent' as const,
      workspaceId,
      agentId: row.id,
      role: 'agent' as const,
      teamIds: row.team_ids,
    },
  }));
  const byId = new Map(agents.map((agent) => [agent.actor.agentId, agent]));
  const agentOf = (id: string) => byId.get(id)!.actor;
  const teamAgents = (teamId: string | null) =>
    teamId ? agents.filter((agent) => agent.teamIds.includes(teamId)) : agents;
  const pick = <T>(items: T[], index: number) => items[index % items.length];

  const { rows: lookupRows } = await db.query<{ number: number; team_id: string | null }>(
    `SELECT number, team_id FROM tickets
      WHERE workspace_id = $1 AND number = ANY($2::int[]) AND deleted_at IS NULL`,
    [workspaceId, await randomNumbers(db, workspaceId, LOOKUPS)],
  );
  const { rows: newRows } = await db.query<{ id: string; team_id: string | null }>(
    `SELECT id, team_id FROM tickets
      WHERE workspace_id = $1 AND status = 'new' AND deleted_at IS NULL
      ORDER BY created_at, id LIMIT $2`,
    [workspaceId, CLAIMS],
  );
  const { rows: openRows } = await db.query<{ id: string; assignee_id: string }>(
    `SELECT t.id, t.assignee_id FROM tickets t JOIN agents a ON a.id = t.assignee_id
      WHERE t.workspace_id = $1 AND t.status = 'open' AND a.role = 'agent'
      ORDER BY random() LIMIT $2`,
    [workspaceId, REPLIES],
  );
  const { rows: customerRows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM customers WHERE workspace_id = $1`,
    [workspaceId],
  );
  return {
    workspaceId,
    agents,
    agentsWithOpen: agents.filter((_, index) => agentRows[index].open > 0),
    lookups: lookupRows.map((row, index) => ({
      number: row.number,
      actor: pick(teamAgents(row.team_id), index).actor,
    })),
    claims: newRows.map((row, index) => ({
      ticketId: row.id,
      actor: pick(teamAgents(row.team_id), index).actor,
    })),
    replies: openRows.map((row) => ({ ticketId: row.id, actor: agentOf(row.assignee_id) })),
    customers: customerRows[0].n,
  };
}

async function randomNumbers(db: Client, workspaceId: string, count: number): Promise<number[]> {
  const { rows } = await db.query<{ last: number }>(
    `SELECT last_number AS last FROM ticket_counters WHERE workspace_id = $1`,
    [workspaceId],
  );
  const last = rows[0].last;
  return Array.from({ length: count }, () => 1 + Math.floor(Math.random() * last));
}
