import { limitSql, planPerCall } from '@switchboard/database';
import { EntityManager } from 'typeorm';

export interface CappedCount {
  count: number;
  /** True when there are more than `count` rows (the count stopped at its cap). */
  countCapped: boolean;
}

/**
 * Counts the rows of `select` (a `SELECT 1 FROM … WHERE …`, without LIMIT) up to `cap`: PostgreSQL
 * stops reading after cap + 1 rows, so the cost of a count is bounded however large the view is
 * (see QueryLimits.countCap for why we do not count exactly).
 *
 * Give `select` the list's own ORDER BY when an index serves it: with a LIMIT and no order, the
 * planner may pick a sequential scan that hopes to meet cap + 1 matches early, and in a big shared
 * table it can read hundreds of thousands of other rows (old archived tickets, other workspaces)
 * first. In index order it reads the view's newest rows and stops.
 */
export async function cappedCount(
  manager: EntityManager,
  select: string,
  params: readonly unknown[],
  cap: number,
  options: { planPerCall?: boolean } = {},
): Promise<CappedCount> {
  const sql = `SELECT count(*)::int AS n FROM (${select} ${limitSql(cap + 1)}) capped`;
  const [row] = await manager.query(options.planPerCall ? planPerCall(sql) : sql, [...params]);
  return capped((row as { n: number }).n, cap);
}

/**
 * `cappedCount` of a view made of disjoint parts (each `select` a part, each read in the order of
 * its own index), in one statement. Each part can then be an index-only scan of a partial index,
 * which a single OR-ed condition cannot.
 */
export async function cappedCountOfParts(
  manager: EntityManager,
  selects: string[],
  params: readonly unknown[],
  cap: number,
): Promise<CappedCount> {
  const [row] = await manager.query(`SELECT ${countOfPartsSql(selects, cap)} AS n`, [...params]);
  return capped((row as { n: number }).n, cap);
}

/**
 * The SQL expression (an int) counting the rows of all `selects` together up to cap + 1: for a
 * count computed inside another statement. The parts are read one after the other and the reading
 * stops at the limit, so once one part fills the count the others are not read at all (a team
 * agent's New view: 1,001 rows of index instead of 1,001 per team, 17-20 % of the view's database
 * time at 1,000,000 tickets).
 */
export function countOfPartsSql(selects: string[], cap: number): string {
  const parts = selects.map((select) => `(${select})`).join(' UNION ALL ');
  return `(SELECT count(*)::int FROM (${parts} ${limitSql(cap + 1)}) parts)`;
}

/** A count of up to cap + 1 rows, as the contracts give it. */
export function capped(found: number, cap: number): CappedCount {
  return found > cap ? { count: cap, countCapped: true } : { count: found, countCapped: false };
}
