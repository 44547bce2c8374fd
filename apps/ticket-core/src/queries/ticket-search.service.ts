import { Inject, Injectable } from '@nestjs/common';
import { SearchTicketsV1, TicketPageV1 } from '@switchboard/contracts';
import { TICKET_FROM, TicketRow, ticketColumns, toSummary } from '../tickets/ticket-row';
import { requireStaff } from '../tickets/ticket-permissions';
import { TicketStore } from '../tickets/ticket-store';
import { cappedCount } from './capped-count';
import { QUERY_LIMITS, QueryLimits } from './query-limits';
import { NEWEST, searchPlan } from './ticket-search.sql';

/** The contracts' largest offset: deeper than this, narrow the search instead. */
const MAX_OFFSET = 10_000;

/**
 * Ticket search for the desk. Results are ranked, so they page by offset (bounded by the
 * contract at 10,000) rather than by cursor; `nextCursor` is the next page's offset as a string,
 * null on the last page.
 *
 * A text search ranks the newest matches up to the count cap, not every match: a common word can
 * match hundreds of thousands of tickets, and ranking them all (ts_rank_cd reads each row's
 * vector) took 420 ms for 160,000 matches, against 24 ms for the newest 10,001. Below the cap
 * every match is ranked; above it the caller sees `countCapped` and should narrow the search.
 */
@Injectable()
export class TicketSearchService {
  constructor(
    private readonly store: TicketStore,
    @Inject(QUERY_LIMITS) private readonly limits: QueryLimits,
  ) {}

  search(request: SearchTicketsV1): Promise<TicketPageV1> {
    const limit = request.limit ?? this.limits.defaultPageSize;
    const offset = request.offset ?? 0;
    const cap = this.limits.countCap;
    return this.store.transaction(request.actor, async ({ manager, actor }) => {
      requireStaff(actor);
      const params: unknown[] = [];
      const plan = searchPlan(request, actor, params);
      // Counted newest first, the order tickets_created serves (see cappedCount).
      const matches = `SELECT t.id FROM tickets t WHERE ${plan.where} ORDER BY ${NEWEST}`;
      const count = await cappedCount(manager, matches, params, cap);
      const columns = ticketColumns(params, actor.agentId);
      const page = `LIMIT $${params.push(limit + 1)} OFFSET $${params.push(offset)}`;
      const rows: TicketRow[] = plan.rank
        ? // Rank the newest candidates, cut the page, and only then read the page's rows.
          await manager.query(
            `SELECT ${columns}
               FROM (SELECT m.* FROM (SELECT t.id, t.created_at, ${plan.rank} AS rank
                                        FROM tickets t WHERE ${plan.where}
                                       ORDER BY ${NEWEST} LIMIT $${params.push(cap + 1)}) m
                      ORDER BY m.rank DESC, m.created_at DESC, m.id DESC ${page}) ranked
               JOIN tickets t ON t.id = ranked.id
               JOIN customers c ON c.id = t.customer_id
              ORDER BY ranked.rank DESC, ranked.created_at DESC, ranked.id DESC`,
            params,
          )
        : await manager.query(
            `SELECT ${columns} FROM ${TICKET_FROM} WHERE ${plan.where} ORDER BY ${NEWEST} ${page}`,
            params,
          );
      const next = offset + limit;
      return {
        items: rows.slice(0, limit).map(toSummary),
        nextCursor: rows.length > limit && next <= MAX_OFFSET ? String(next) : null,
        ...count,
      };
    });
  }
}
