import { ROLES } from '@switchboard/contracts';
import { ResolvedActor, isUnlimitedSystem, requireRole } from '../core/resolved-actor';
import { TicketCoreException } from '../core/ticket-core.exception';

/**
 * Who may use and change canned replies. Workspace-wide replies (no owner) are for everyone of
 * the workspace and are managed by supervisors and admins; a personal reply exists only for its
 * owner: to anyone else it answers NOT_FOUND, as if it did not exist.
 */

/** SQL condition on alias `r` for the replies the caller may list and render. */
export function visibleCannedReplies(actor: ResolvedActor, params: unknown[]): string {
  const p = (value: unknown) => `$${params.push(value)}`;
  return `r.workspace_id = ${p(actor.workspaceId)}
    AND (r.owner_agent_id IS NULL OR r.owner_agent_id = ${p(actor.agentId)})`;
}

/** Customers never see canned replies; agents and the system do. */
export function requireDeskUser(actor: ResolvedActor): void {
  requireRole(actor, ...ROLES);
}

/** The owner of a new reply: null for a shared one, the calling agent for a personal one. */
export function ownerForNewReply(actor: ResolvedActor, shared: boolean): string | null {
  requireDeskUser(actor);
  if (shared) {
    requireRole(actor, 'supervisor', 'admin');
    return null;
  }
  if (!actor.agentId) {
    throw TicketCoreException.invalid('shared', 'only an agent can own a personal canned reply');
  }
  return actor.agentId;
}

/** Updating and deleting: the owner for a personal reply, supervisors and admins for a shared one. */
export function requireMayChange(
  actor: ResolvedActor,
  reply: { owner_agent_id: string | null },
): void {
  requireDeskUser(actor);
  if (reply.owner_agent_id === null) {
    requireRole(actor, 'supervisor', 'admin');
  } else if (!isUnlimitedSystem(actor) && reply.owner_agent_id !== actor.agentId) {
    throw TicketCoreException.notFound('canned reply');
  }
}
