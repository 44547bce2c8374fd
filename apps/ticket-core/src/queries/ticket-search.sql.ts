import { SearchTicketsV1 } from '@switchboard/contracts';
import { ResolvedActor } from '../core/resolved-actor';
import { visibleTickets } from '../access/ticket-visibility';

/** Newest first, ties by id: the order without text, and between equal ranks. */
const NEWEST = 't.created_at DESC, t.id DESC';

/** The same order read from ticket_search's copy of the creation time (ticket_search_newest). */
const NEWEST_MATCHES = 's.created_at DESC, s.ticket_id DESC';

const TICKETS = 'tickets t';

export interface SearchPlan {
  /** `tickets t`, or for a text search `ticket_search s` joined with it. */
  from: string;
  /** Condition on `t` (and `s`): the caller's visibility, the ticket number or the text, the filters. */
  where: string;
  /** True for a ticket number: one ticket at most. */
  byNumber: boolean;
  /** For a text search, the rank of a row of `t` (higher is better); null: newest first. */
  rank: string | null;
  /** Newest first, as the plan's first table is indexed for it. */
  newest: string;
}

/**
 * `#22` or a bare `22` asks for ticket 22 (PRODUCT §2.2: "#22 opens ticket 22"). Up to nine digits,
 * so a longer number (a phone or an order number) is searched as text instead.
 */
export function ticketNumberIn(text: string | undefined): number | null {
  const match = text?.trim().match(/^#?(\d{1,9})$/);
  return match ? Number(match[1]) : null;
}

/**
 * Search as SQL. Deleted tickets never show, visibility comes from `visibleTickets`.
 * - A ticket number: that ticket only (UNIQUE (workspace_id, number)), whatever the filters and
 *   even when archived: archived tickets stay retrievable (PRODUCT §2.1).
 * - Text: `websearch_to_tsquery('simple', …)` against ticket_search.search_vector, ranked
 *   by `ts_rank_cd`, whose weights put the subject (A) above the customer (B) and messages (C).
 *   ticket_search is read newest first on its own (ticket_search_newest), so `tickets` is read
 *   only for the rows whose vector matches; its creation time serves the date filters.
 * - No text: the filters alone, newest first (tickets_created).
 */
export function searchPlan(
  request: SearchTicketsV1,
  actor: ResolvedActor,
  params: unknown[],
): SearchPlan {
  const p = (value: unknown) => `$${params.push(value)}`;
  const conditions = [visibleTickets(actor, params), 't.deleted_at IS NULL'];
  const number = ticketNumberIn(request.text);
  if (number !== null) {
    conditions.push(`t.number = ${p(number)}`);
    const where = conditions.join(' AND ');
    return { from: TICKETS, where, rank: null, byNumber: true, newest: NEWEST };
  }
  const text = request.text?.trim();
  const created = text ? 's.created_at' : 't.created_at';
  if (request.status?.length) conditions.push(`t.status = ANY(${p(request.status)}::text[])`);
  if (request.channel?.length) conditions.push(`t.channel = ANY(${p(request.channel)}::text[])`);
  if (request.priority?.length) conditions.push(`t.priority = ANY(${p(request.priority)}::text[])`);
  if (request.teamId) conditions.push(`t.team_id = ${p(request.teamId)}::uuid`);
  if (request.assigneeId) conditions.push(`t.assignee_id = ${p(request.assigneeId)}::uuid`);
  if (request.label) conditions.push(`t.labels @> ARRAY[${p(request.label)}]::text[]`);
  // A half-open range [createdFrom, createdTo), so consecutive ranges never overlap.
  if (request.createdFrom) conditions.push(`${created} >= ${p(request.createdFrom)}::timestamptz`);
  if (request.createdTo) conditions.push(`${created} < ${p(request.createdTo)}::timestamptz`);
  if (!request.includeArchived) conditions.push('t.archived_at IS NULL');
  if (!text) {
    const where = conditions.join(' AND ');
    return { from: TICKETS, where, rank: null, byNumber: false, newest: NEWEST };
  }
  const query = `websearch_to_tsquery('simple', ${p(text)})`;
  conditions.push(`s.workspace_id = ${p(actor.workspaceId)}`, `s.search_vector @@ ${query}`);
  return {
    from: `ticket_search s JOIN ${TICKETS} ON t.id = s.ticket_id`,
    where: conditions.join(' AND '),
    rank: `ts_rank_cd(s.search_vector, ${query})`,
    byNumber: false,
    newest: NEWEST_MATCHES,
  };
}
