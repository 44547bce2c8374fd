import { ResolvedActor, isUnlimitedSystem } from '../core/resolved-actor';
import { TicketRow } from './ticket-row';
import { TicketCoreException } from '../core/ticket-core.exception';

/**
 * Who may change a ticket they can see: the system, supervisors and admins always; an agent when
 * it is theirs or they take part in it. Others can request access (PRODUCT §2.1).
 */
export function canWork(actor: ResolvedActor, ticket: TicketRow): boolean {
  if (isUnlimitedSystem(actor) || actor.seesAll) return true;
  if (actor.kind !== 'agent' || !actor.agentId) return false;
  return ticket.assignee_id === actor.agentId || ticket.participant_ids.includes(actor.agentId);
}

export function requireWork(actor: ResolvedActor, ticket: TicketRow): void {
  if (!canWork(actor, ticket)) {
    throw TicketCoreException.forbidden(
      'this ticket is assigned to someone else: request access first',
    );
  }
}
