import { Actor, Role } from '@switchboard/contracts';
import { EntityManager } from 'typeorm';
import { TicketCoreException } from './ticket-core.exception';

/**
 * The caller as ticket-core knows it. The gateway's actor names the workspace and the agent;
 * role and teams are read here from the directory, so a stale or forged claim grants nothing.
 */
export interface ResolvedActor {
  kind: 'agent' | 'customer' | 'system';
  workspaceId: string;
  agentId: string | null;
  customerId: string | null;
  /** An agent's role; a system actor's only when it is an integration (see isUnlimitedSystem). */
  role: Role | null;
  teamIds: string[];
  /** Supervisors, admins and the system (unless an agent-role integration) see every ticket. */
  seesAll: boolean;
  /** With no teams in the workspace, every agent sees every ticket (PRODUCT §1). */
  workspaceHasTeams: boolean;
  settings: WorkspaceSettings;
}

export interface WorkspaceSettings {
  reopenWindowDays: number;
  archiveAfterDays: number;
  intakeCloseMinutes: number;
  publicBaseUrl: string;
}

/**
 * One query for the workspace and (for an agent) their role and teams: every request starts
 * here, so it is a single round trip. Not cached: a role, team or setting change applies to the
 * very next request (tests and admins rely on that), and the lookup is a few index probes.
 */
export async function resolveActor(manager: EntityManager, actor: Actor): Promise<ResolvedActor> {
  const agentId = actor.kind === 'agent' ? (actor.agentId ?? null) : null;
  const [row] = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM teams WHERE workspace_id = w.id) AS has_teams,
            w.reopen_window_days, w.archive_after_days, w.intake_close_minutes, w.public_base_url,
            a.role, a.team_ids
       FROM workspaces w
       LEFT JOIN LATERAL (
         SELECT a.role,
                coalesce(array_agg(m.team_id) FILTER (WHERE m.team_id IS NOT NULL), '{}') AS team_ids
           FROM agents a LEFT JOIN team_members m ON m.agent_id = a.id
          WHERE a.id = $2 AND a.workspace_id = w.id AND a.active
          GROUP BY a.id) a ON true
      WHERE w.id = $1`,
    [actor.workspaceId, agentId],
  );
  if (!row) throw TicketCoreException.notFound('workspace');
  const base = {
    workspaceId: actor.workspaceId,
    workspaceHasTeams: row.has_teams as boolean,
    settings: {
      reopenWindowDays: row.reopen_window_days as number,
      archiveAfterDays: row.archive_after_days as number,
      intakeCloseMinutes: row.intake_close_minutes as number,
      publicBaseUrl: row.public_base_url as string,
    },
  };
  if (actor.kind === 'system') {
    // An integration (the gateway's API tokens) is the system limited to its token's role: an
    // agent-role token may do what an agent in no team may. Without a role: the services
    // themselves (mail, chat, timers), unlimited.
    const role = actor.role ?? null;
    return {
      ...base,
      kind: 'system',
      agentId: null,
      customerId: null,
      role,
      teamIds: [],
      seesAll: role !== 'agent',
    };
  }
  if (actor.kind === 'customer') {
    if (!actor.customerId)
      throw TicketCoreException.invalid('actor.customerId', 'a customer actor needs customerId');
    return {
      ...base,
      kind: 'customer',
      agentId: null,
      customerId: actor.customerId,
      role: null,
      teamIds: [],
      seesAll: false,
    };
  }
  if (!actor.agentId)
    throw TicketCoreException.invalid('actor.agentId', 'an agent actor needs agentId');
  if (!row.role) throw TicketCoreException.forbidden('unknown or inactive agent');
  const role = row.role as Role;
  return {
    ...base,
    kind: 'agent',
    agentId: actor.agentId,
    customerId: null,
    role,
    teamIds: row.team_ids as string[],
    seesAll: role !== 'agent',
  };
}

/** The services themselves acting (mail, chat, timers): no role limits them. */
export function isUnlimitedSystem(actor: ResolvedActor): boolean {
  return actor.kind === 'system' && actor.role === null;
}

/** Settings and admin-only commands. */
export function requireRole(actor: ResolvedActor, ...roles: Role[]): void {
  if (isUnlimitedSystem(actor)) return;
  if (actor.kind === 'customer' || !actor.role || !roles.includes(actor.role)) {
    throw TicketCoreException.forbidden(`requires role ${roles.join(' or ')}`);
  }
}

/** Commands that only make sense for an agent (claim, quick accept): answers the agent's id. */
export function requireAgent(actor: ResolvedActor): string {
  if (actor.kind !== 'agent' || !actor.agentId) {
    throw TicketCoreException.forbidden('only an agent can do this');
  }
  return actor.agentId;
}

/** Anyone but a customer: agents, integrations and the services themselves. */
export function requireStaff(actor: ResolvedActor): void {
  if (actor.kind === 'customer') throw TicketCoreException.forbidden('customers cannot do this');
}

/** The id the history and events name the caller by: the agent's or the customer's. */
export function actorId(actor: ResolvedActor): string | null {
  return actor.agentId ?? actor.customerId;
}
