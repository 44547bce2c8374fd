import { Inject, Injectable } from '@nestjs/common';
import {
  ListViewV1,
  TicketPageV1,
  VIEWS,
  ViewCountsReplyV1,
  ViewCountsV1,
} from '@switchboard/contracts';
import { TICKET_FROM, TicketSummaryRow, summaryColumns, toSummary } from '../tickets/ticket-row';
import { requireStaff } from '../core/resolved-actor';
import { Transactions } from '../core/command-context';
import { CappedCount, capped, cappedCountOfParts, countOfPartsSql } from './capped-count';
import { limitSql } from '@switchboard/database';
import { EntityManager } from 'typeorm';
import { QUERY_LIMITS, QueryLimits } from './query-limits';
import { ViewPlan, viewPlan } from './ticket-views.sql';
import { decodeCursor, encodeCursor, sortKeySql } from './view-cursor';

interface ViewRow extends TicketSummaryRow {
  sort_key: string;
  /** The view's count, up to cap + 1. */
  view_count: number;
}

/**
 * The desk's five views, paginated by keyset: a page starts after the previous page's last
 * (sort key, id), so pages stay fast however deep and never skip or repeat a ticket that did not
 * move. No OFFSET here: it would read and throw away every earlier row.
 */
@Injectable()
export class TicketViewsService {
  constructor(
    private readonly transactions: Transactions,
    @Inject(QUERY_LIMITS) private readonly limits: QueryLimits,
  ) {}

  list(request: ListViewV1): Promise<TicketPageV1> {
    const limit = request.limit ?? this.limits.defaultPageSize;
    const after = request.cursor ? decodeCursor(request.view, request.cursor) : null;
    return this.transactions.read(request.actor, async ({ manager, actor }) => {
      requireStaff(actor);
      const params: unknown[] = [];
      const plan = viewPlan(request.view, actor, request, params);
      const countParams = [...params];
      const { sort, direction } = plan;
      const keyset = after
        ? `AND (t.${sort}, t.id) ${direction === 'DESC' ? '<' : '>'}
             ($${params.push(after.sortKey)}::timestamptz, $${params.push(after.id)}::uuid)`
        : '';
      const take = limitSql(limit + 1);
      // The page's ids first (each part in its index order, merged), then their rows.
      const ids = plan.parts
        .map(
          (part) =>
            `(SELECT t.id, t.${sort} FROM tickets t WHERE ${part} ${keyset}
               ORDER BY ${partOrderBy(plan)} ${take})`,
        )
        .join(' UNION ALL ');
      const columns = summaryColumns(params, actor.agentId);
      // The count rides along with the page (one statement instead of two).
      const count = countOfPartsSql(this.countSelects(plan), this.limits.countCap);
      const rows: ViewRow[] = await manager.query(
        `SELECT ${columns}, ${sortKeySql(`t.${sort}`)} AS sort_key, ${count} AS view_count
           FROM (SELECT t.id FROM (${ids}) t ORDER BY ${orderBy(plan)} ${take}) page
           JOIN ${TICKET_FROM} ON t.id = page.id
          ORDER BY ${orderBy(plan)}`,
        params,
      );
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return {
        items: items.map(toSummary),
        nextCursor:
          rows.length > limit && last
            ? encodeCursor(request.view, { sortKey: last.sort_key, id: last.id })
            : null,
        // A page past the end has no row to carry the count.
        ...(rows.length > 0
          ? capped(rows[0].view_count, this.limits.countCap)
          : await this.count(manager, plan, countParams)),
      };
    });
  }

  /** The five counts the desk shows beside the views, capped like a view's own count. */
  counts(request: ViewCountsV1): Promise<ViewCountsReplyV1> {
    return this.transactions.read(request.actor, async ({ manager, actor }) => {
      requireStaff(actor);
      const counts = {} as ViewCountsReplyV1;
      for (const view of VIEWS) {
        const params: unknown[] = [];
        counts[view] = (await this.count(manager, viewPlan(view, actor, {}, params), params)).count;
      }
      return counts;
    });
  }

  private count(manager: EntityManager, plan: ViewPlan, params: unknown[]): Promise<CappedCount> {
    return cappedCountOfParts(manager, this.countSelects(plan), params, this.limits.countCap);
  }

  private countSelects(plan: ViewPlan): string[] {
    return plan.parts.map(
      (part) => `SELECT 1 FROM tickets t WHERE ${part} ORDER BY ${partOrderBy(plan)}`,
    );
  }
}

function orderBy({ sort, direction }: ViewPlan): string {
  return `t.${sort} ${direction}, t.id ${direction}`;
}

/** The order within one part: the same rows in the same order, spelled as its index reads them. */
function partOrderBy(plan: ViewPlan): string {
  return plan.partLeading ? `${plan.partLeading}, ${orderBy(plan)}` : orderBy(plan);
}
