import { ResolvedActor, isUnlimitedSystem } from '../core/resolved-actor';

/**
 * The one place that says which tickets a caller may see, as a SQL condition on alias `t`.
 * Parameters are appended to `params`; the returned text refers to them by position.
 *
 * - everyone: only their own workspace;
 * - supervisors, admins, the system: every ticket of it (an integration: as its token's role);
 * - agents: everything when the workspace has no teams; otherwise tickets of their teams, tickets
 *   with no team, tickets assigned to them and tickets they participate in;
 * - customers: their own tickets.
 * Deleted tickets are seen only by admins (who may restore them) and the system.
 */
export function visibleTickets(actor: ResolvedActor, params: unknown[]): string {
  const p = (value: unknown) => `$${params.push(value)}`;
  const conditions = [`t.workspace_id = ${p(actor.workspaceId)}`];
  if (actor.kind === 'customer') {
    conditions.push(`t.customer_id = ${p(actor.customerId)}`, 't.deleted_at IS NULL');
    return conditions.join(' AND ');
  }
  if (!isUnlimitedSystem(actor) && actor.role !== 'admin') {
    conditions.push('t.deleted_at IS NULL');
  }
  if (!actor.seesAll && actor.workspaceHasTeams) {
    const me = p(actor.agentId);
    conditions.push(`(
      t.team_id IS NULL
      OR t.team_id = ANY(${p(actor.teamIds)}::uuid[])
      OR t.assignee_id = ${me}
      OR EXISTS (SELECT 1 FROM ticket_participants tp WHERE tp.ticket_id = t.id AND tp.agent_id = ${me})
    )`);
  }
  return conditions.join(' AND ');
}

/**
 * Which customers a caller may read or edit, as a SQL condition on alias `c`: those of the
 * workspace for supervisors, admins, the system and agents of a workspace without teams; for
 * an agent held to teams, only a customer with a ticket the agent may see (`visibleTickets`), so
 * another team's customer record stays out of reach.
 */
export function visibleCustomers(actor: ResolvedActor, params: unknown[]): string {
  const workspace = `c.workspace_id = $${params.push(actor.workspaceId)}`;
  if (actor.kind === 'customer') return `${workspace} AND c.id = $${params.push(actor.customerId)}`;
  // With no teams every agent sees every ticket, so every customer too (even one with none yet).
  if (isUnlimitedSystem(actor) || actor.seesAll || !actor.workspaceHasTeams) return workspace;
  return `${workspace} AND EXISTS (
    SELECT 1 FROM tickets t WHERE t.customer_id = c.id AND ${visibleTickets(actor, params)}
  )`;
}

/**
 * Tickets an agent may claim: unassigned, and of their teams (or of no team) when the workspace
 * has teams. Supervisors and admins may claim any; `ofOwnTeams` (quick accept: "the oldest
 * claimable tickets of the caller's teams", PRODUCT §2.1) holds them to their teams too, unless
 * they are in none.
 */
export function claimableTickets(
  actor: ResolvedActor,
  params: unknown[],
  { ofOwnTeams = false } = {},
): string {
  const p = (value: unknown) => `$${params.push(value)}`;
  const conditions = [
    `t.workspace_id = ${p(actor.workspaceId)}`,
    `t.status = 'new'`,
    't.deleted_at IS NULL',
  ];
  if (actor.workspaceHasTeams && inOwnTeamsOnly(actor, ofOwnTeams)) {
    conditions.push(`(t.team_id IS NULL OR t.team_id = ANY(${p(actor.teamIds)}::uuid[]))`);
  }
  return conditions.join(' AND ');
}

/** Whether an agent may claim this unassigned ticket: the same rule as claimableTickets. */
export function mayClaim(actor: ResolvedActor, teamId: string | null): boolean {
  if (!actor.workspaceHasTeams || !inOwnTeamsOnly(actor, false)) return true;
  return teamId === null || actor.teamIds.includes(teamId);
}

function inOwnTeamsOnly(actor: ResolvedActor, ofOwnTeams: boolean): boolean {
  return !actor.seesAll || (ofOwnTeams && actor.teamIds.length > 0);
}
