import { Inject, Injectable } from '@nestjs/common';
import { SearchTicketsV1, TicketPageV1 } from '@switchboard/contracts';
import { TICKET_FROM, TicketSummaryRow, summaryColumns, toSummary } from '../tickets/ticket-row';
import { requireStaff } from '../core/resolved-actor';
import { Transactions } from '../core/command-context';
import { CappedCount, cappedCount } from './capped-count';
import { QUERY_LIMITS, QueryLimits } from './query-limits';
import { SearchPlan, searchPlan } from './ticket-search.sql';
import { planPerCall } from '@switchboard/database';
import { EntityManager } from 'typeorm';

interface SearchRow extends TicketSummaryRow {
  /** The matches counted up to cap + 1 (text searches only). */
  matched?: number;
}

/** The contracts' largest offset: deeper than this, narrow the search instead. */
const MAX_OFFSET = 10_000;

/**
 * Ticket search for the desk. Results are ranked, so they page by offset (bounded by the
 * contract at 10,000) rather than by cursor; `nextCursor` is the next page's offset as a string,
 * null on the last page.
 *
 * A text search ranks the newest matches up to the count cap, not every match: a common word can
 * match hundreds of thousands of tickets, and ranking them all (ts_rank_cd reads each row's
 * vector) took 420 ms for 160,000 matches, against 24 ms for the newest 10,001 (and a few ms for
 * the newest 1,001, the default cap). Below the cap
 * every match is ranked; above it the caller sees `countCapped` and should narrow the search.
 */
@Injectable()
export class TicketSearchService {
  constructor(
    private readonly transactions: Transactions,
    @Inject(QUERY_LIMITS) private readonly limits: QueryLimits,
  ) {}

  search(request: SearchTicketsV1): Promise<TicketPageV1> {
    const limit = request.limit ?? this.limits.defaultPageSize;
    const offset = request.offset ?? 0;
    const cap = this.limits.countCap;
    return this.transactions.read(request.actor, async ({ manager, actor }) => {
      requireStaff(actor);
      const params: unknown[] = [];
      const plan = searchPlan(request, actor, params);
      const planParams = [...params];
      const page = `LIMIT $${params.push(limit + 1)} OFFSET $${params.push(offset)}`;
      let rows: SearchRow[];
      if (plan.rank) {
        // One statement: the newest cap + 1 matches (counted), ranked, cut to the page, and only
        // then the page's rows are read.
        const columns = summaryColumns(params, actor.agentId);
        rows = await manager.query(
          planPerCall(`WITH matches AS (
             SELECT t.id, t.created_at, ${plan.rank} AS rank FROM ${plan.from}
              WHERE ${plan.where} ORDER BY ${plan.newest} LIMIT $${params.push(cap + 1)})
           SELECT ${columns}, (SELECT count(*) FROM matches)::int AS matched
             FROM (SELECT m.* FROM matches m
                    ORDER BY m.rank DESC, m.created_at DESC, m.id DESC ${page}) ranked
             JOIN ${TICKET_FROM} ON t.id = ranked.id
            ORDER BY ranked.rank DESC, ranked.created_at DESC, ranked.id DESC`),
          params,
        );
      } else {
        const columns = summaryColumns(params, actor.agentId);
        rows = await manager.query(
          planPerCall(`SELECT ${columns} FROM ${plan.from} JOIN customers c ON c.id = t.customer_id
            WHERE ${plan.where} ORDER BY ${plan.newest} ${page}`),
          params,
        );
      }
      const next = offset + limit;
      return {
        items: rows.slice(0, limit).map(toSummary),
        nextCursor: rows.length > limit && next <= MAX_OFFSET ? String(next) : null,
        ...(await this.count(manager, plan, planParams, rows, offset)),
      };
    });
  }

  /** The matches, up to the cap: from the ranked page when it has any, else counted. */
  private async count(
    manager: EntityManager,
    plan: SearchPlan,
    planParams: unknown[],
    rows: SearchRow[],
    offset: number,
  ): Promise<CappedCount> {
    const cap = this.limits.countCap;
    if (plan.byNumber && offset === 0) return { count: rows.length, countCapped: false };
    if (rows[0]?.matched !== undefined) {
      const matched = rows[0].matched;
      return matched > cap
        ? { count: cap, countCapped: true }
        : { count: matched, countCapped: false };
    }
    // Counted newest first, the order the plan's index serves (see cappedCount).
    const matches = `SELECT t.id FROM ${plan.from} WHERE ${plan.where} ORDER BY ${plan.newest}`;
    return cappedCount(manager, matches, planParams, cap, { planPerCall: true });
  }
}
