import { Inject, Injectable } from '@nestjs/common';
import {
  ListViewV1,
  TicketPageV1,
  VIEWS,
  ViewCountsReplyV1,
  ViewCountsV1,
} from '@switchboard/contracts';
import { TICKET_FROM, TicketRow, ticketColumns, toSummary } from '../tickets/ticket-row';
import { requireStaff } from '../tickets/ticket-permissions';
import { TicketStore } from '../tickets/ticket-store';
import { cappedCount } from './capped-count';
import { QUERY_LIMITS, QueryLimits } from './query-limits';
import { ViewPlan, viewPlan } from './ticket-views.sql';
import { decodeCursor, encodeCursor, sortKeySql } from './view-cursor';

interface ViewRow extends TicketRow {
  sort_key: string;
}

/**
 * The desk's five views, paginated by keyset: a page starts after the previous page's last
 * (sort key, id), so pages stay fast however deep and never skip or repeat a ticket that did not
 * move. No OFFSET here: it would read and throw away every earlier row.
 */
@Injectable()
export class TicketViewsService {
  constructor(
    private readonly store: TicketStore,
    @Inject(QUERY_LIMITS) private readonly limits: QueryLimits,
  ) {}

  list(request: ListViewV1): Promise<TicketPageV1> {
    const limit = request.limit ?? this.limits.defaultPageSize;
    const after = request.cursor ? decodeCursor(request.view, request.cursor) : null;
    return this.store.transaction(request.actor, async ({ manager, actor }) => {
      requireStaff(actor);
      const params: unknown[] = [];
      const plan = viewPlan(request.view, actor, request, params);
      const count = await cappedCount(
        manager,
        `SELECT 1 FROM tickets t WHERE ${plan.where} ORDER BY ${orderBy(plan)}`,
        params,
        this.limits.countCap,
      );
      const { sort, direction } = plan;
      const keyset = after
        ? `AND (t.${sort}, t.id) ${direction === 'DESC' ? '<' : '>'}
             ($${params.push(after.sortKey)}::timestamptz, $${params.push(after.id)}::uuid)`
        : '';
      const columns = ticketColumns(params, actor.agentId);
      const rows: ViewRow[] = await manager.query(
        `SELECT ${columns}, ${sortKeySql(`t.${sort}`)} AS sort_key
           FROM ${TICKET_FROM}
          WHERE ${plan.where} ${keyset}
          ORDER BY ${orderBy(plan)}
          LIMIT $${params.push(limit + 1)}`,
        params,
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(toSummary),
        nextCursor:
          rows.length > limit && last
            ? encodeCursor(request.view, { sortKey: last.sort_key, id: last.id })
            : null,
        ...count,
      };
    });
  }

  /** The five counts the desk shows beside the views, capped like a view's own count. */
  counts(request: ViewCountsV1): Promise<ViewCountsReplyV1> {
    return this.store.transaction(request.actor, async ({ manager, actor }) => {
      requireStaff(actor);
      const counts = {} as ViewCountsReplyV1;
      for (const view of VIEWS) {
        const params: unknown[] = [];
        const plan = viewPlan(view, actor, {}, params);
        const { count } = await cappedCount(
          manager,
          `SELECT 1 FROM tickets t WHERE ${plan.where} ORDER BY ${orderBy(plan)}`,
          params,
          this.limits.countCap,
        );
        counts[view] = count;
      }
      return counts;
    });
  }
}

function orderBy({ sort, direction }: ViewPlan): string {
  return `t.${sort} ${direction}, t.id ${direction}`;
}
