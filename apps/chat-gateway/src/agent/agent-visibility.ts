import { Actor, TicketSnapshotV1 } from '@switchboard/contracts';

export interface AgentScope {
  actor: Actor;
  /** An agent of a workspace without teams sees every ticket (ticket-core's rule). */
  workspaceHasTeams: boolean;
}

/**
 * Whether a ticket's live changes go to this agent's socket: the same rule as ticket-core's
 * visibility, on the ticket as the event shows it. Supervisors and admins see every ticket;
 * agents of a workspace with teams see their teams' tickets, tickets of no team, and tickets
 * they are assigned to or take part in.
 */
export function mayWatch(scope: AgentScope, ticket: TicketSnapshotV1): boolean {
  const { actor } = scope;
  if (actor.role === 'admin' || actor.role === 'supervisor' || !scope.workspaceHasTeams) {
    return true;
  }
  return (
    ticket.teamId === null ||
    actor.teamIds.includes(ticket.teamId) ||
    (!!actor.agentId &&
      (ticket.assigneeId === actor.agentId || ticket.participantIds.includes(actor.agentId)))
  );
}
