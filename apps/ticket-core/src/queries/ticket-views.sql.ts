import { ViewName } from '@switchboard/contracts';
import { ResolvedActor } from '../core/resolved-actor';
import { claimableTickets, visibleTickets } from '../access/ticket-visibility';

/** What the views sort by; every one is a timestamptz column of `tickets`. */
export type SortColumn = 'created_at' | 'last_activity_at' | 'remind_at' | 'solved_at';

export interface ViewPlan {
  /**
   * Conditions on `t` (the caller's visibility and the view's own rule) whose union is the view:
   * disjoint, each served in sort order by one index. Pages take each part's first rows and merge
   * them, counts add each part's capped count (index-only where the index covers the part).
   */
  parts: string[];
  sort: SortColumn;
  /** Ties on the sort column are broken by id in the same direction (a total order for cursors). */
  direction: 'ASC' | 'DESC';
  /**
   * A column that is constant within each part and leads the part's index before the sort column
   * (`tickets_new_team`'s team_id). Ordering a part by it first changes nothing in the part but lets
   * PostgreSQL read the index in order for `team_id IS NULL` too, which it does not treat as an
   * equality: otherwise it sorts every new ticket without a team to take the first few, and a
   * generic plan of the prepared statement might pick another index and filter.
   */
  partLeading?: string;
}

export interface ViewFilters {
  solvedByMe?: boolean;
  label?: string;
}

/**
 * The five views of PRODUCT §2.2 as SQL. Visibility always comes from `visibleTickets` (the one
 * place for those rules); each view adds its own condition. Each condition repeats
 * `t.deleted_at IS NULL` and names its status literally so that PostgreSQL can match the partial
 * indexes of the tickets migration (noted per view).
 */
export function viewPlan(
  view: ViewName,
  actor: ResolvedActor,
  filters: ViewFilters,
  params: unknown[],
): ViewPlan {
  const p = (value: unknown) => `$${params.push(value)}`;
  const and = (...conditions: string[]) =>
    [visibleTickets(actor, params), 't.deleted_at IS NULL', ...conditions].join(' AND ');
  switch (view) {
    case 'new': {
      // Claimable tickets, which the caller can always see: tickets_new for the whole workspace,
      // or one index-only range of tickets_new_team per team (and one for no team).
      if (actor.seesAll || !actor.workspaceHasTeams) {
        return { parts: [claimableTickets(actor, params)], sort: 'created_at', direction: 'DESC' };
      }
      // The team condition of claimableTickets, one part per team.
      const newOf = `t.workspace_id = ${p(actor.workspaceId)} AND t.status = 'new' AND t.deleted_at IS NULL`;
      return {
        parts: [
          `${newOf} AND t.team_id IS NULL`,
          ...actor.teamIds.map((teamId) => `${newOf} AND t.team_id = ${p(teamId)}::uuid`),
        ],
        sort: 'created_at',
        direction: 'DESC',
        partLeading: 't.team_id',
      };
    }
    case 'open': {
      // Mine (tickets_assignee, index-only: an agent belongs to one workspace and sees the
      // tickets assigned to them), plus those I take part in and someone else holds.
      const me = p(actor.agentId);
      return {
        sort: 'last_activity_at',
        direction: 'DESC',
        parts: [
          `t.assignee_id = ${me}::uuid AND t.status = 'open' AND t.deleted_at IS NULL`,
          `${and(`t.status = 'open'`)} AND t.assignee_id IS DISTINCT FROM ${me}::uuid AND t.id = ANY(ARRAY(
             SELECT tp.ticket_id FROM ticket_participants tp WHERE tp.agent_id = ${me}::uuid))`,
        ],
      };
    }
    case 'team':
      return {
        parts: [and(...teamCondition(actor, p))],
        sort: 'last_activity_at',
        direction: 'DESC',
      };
    case 'pending':
      // tickets_assignee (assignee_id, status, …); an agent's pending tickets are few to sort.
      return {
        parts: [and(`t.status = 'pending'`, `t.assignee_id = ${p(actor.agentId)}::uuid`)],
        sort: 'remind_at',
        direction: 'ASC',
      };
    case 'solved': {
      // tickets_solved (workspace_id, solved_at DESC, id DESC), or tickets_solved_by for "by me".
      const conditions = [`t.status = 'solved'`, 't.archived_at IS NULL'];
      if (filters.solvedByMe) conditions.push(`t.solved_by = ${p(actor.agentId)}::uuid`);
      if (filters.label) conditions.push(`t.labels @> ARRAY[${p(filters.label)}]::text[]`);
      return { parts: [and(...conditions)], sort: 'solved_at', direction: 'DESC' };
    }
    default:
      return unreachable(view);
  }
}

/**
 * Open tickets of other agents. Agents in a workspace with teams: of their teams
 * (tickets_team_open, one ordered range per team). Supervisors, admins, the system, and everyone
 * in a workspace without teams (PRODUCT §1: they see all): every other agent's open tickets,
 * found through tickets_assignee with the workspace's agents, since no index orders a whole
 * workspace's open tickets by activity. Open tickets are the working set, so sorting them is cheap.
 */
function teamCondition(actor: ResolvedActor, p: (value: unknown) => string): string[] {
  const me = p(actor.agentId);
  if (!actor.seesAll && actor.workspaceHasTeams) {
    return [
      `t.status = 'open'`,
      `t.team_id = ANY(${p(actor.teamIds)}::uuid[])`,
      `t.assignee_id <> ${me}::uuid`,
    ];
  }
  return [
    `t.status = 'open'`,
    `t.assignee_id = ANY(ARRAY(SELECT a.id FROM agents a
       WHERE a.workspace_id = ${p(actor.workspaceId)}::uuid AND a.id IS DISTINCT FROM ${me}::uuid))`,
  ];
}

function unreachable(view: never): never {
  throw new Error(`unknown view ${String(view)}`);
}
