import { EntityManager } from 'typeorm';
import { TicketChange } from '../tickets/ticket-change';

export const TIMER_KINDS = [
  'pending-reminder',
  'auto-solve',
  'reopen-window',
  'intake-close',
  'archive',
] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Which of a ticket's timers a change moves: the ticket row says what should happen when, and
 * the timers table is how replicas find it on time. `null` cancels a kind. The store writes
 * these in the command's transaction, together with the rest of the change (TIMER_WRITES_SQL).
 *
 * A deleted ticket has no timers: its delete (or any later change to it) cancels every kind, so
 * no reminder, auto-solve, reopen-window mark, intake close or archive happens to it. A restore
 * schedules again what the ticket's fields say, as a status change does; a moment already past
 * comes due at once, but for a reopen window that has closed (it is no more than a mark). An intake close is no field of the ticket (the chat's silence set it), so
 * a restored chat gets none back.
 */
export function timerChanges(change: TicketChange): Map<TimerKind, Date | null> {
  const { ticket, changed, actor } = change;
  const due = new Map<TimerKind, Date | null>();
  if (ticket.deleted_at !== null) {
    for (const kind of TIMER_KINDS) due.set(kind, null);
    return due;
  }
  const statusChanged = changed.has('status') || changed.has('deleted_at');
  if (statusChanged || changed.has('remind_at')) {
    due.set('pending-reminder', ticket.status === 'pending' ? ticket.remind_at : null);
  }
  if (statusChanged || changed.has('auto_solve_at')) {
    const solvable = ticket.status === 'open' || ticket.status === 'pending';
    due.set('auto-solve', solvable ? ticket.auto_solve_at : null);
  }
  if (statusChanged) {
    const solvedAt = ticket.status === 'solved' ? ticket.solved_at : null;
    const after = (days: number) =>
      solvedAt ? new Date(solvedAt.getTime() + days * DAY_MS) : null;
    const windowCloses = after(actor.settings.reopenWindowDays);
    // A restore gives back a window still open; one that closed before (its mark written, or
    // due while the ticket was deleted) stays closed rather than being marked again.
    const closedBeforeRestore =
      !changed.has('status') && windowCloses !== null && windowCloses <= change.now;
    due.set('reopen-window', closedBeforeRestore ? null : windowCloses);
    due.set('archive', after(actor.settings.archiveAfterDays));
    if (ticket.status !== 'new' && ticket.status !== 'open') due.set('intake-close', null);
  }
  return due;
}

/**
 * Two CTEs applying `timerChanges` to ticket `ticket` of workspace `workspace` (SQL expressions):
 * the kinds in `cancelled` (text[]) are deleted, the kinds and times in `kinds` (text[]) and `at`
 * (timestamptz[]) are scheduled or moved.
 */
export function timerWritesSql(
  workspace: string,
  ticket: string,
  cancelled: string,
  kinds: string,
  at: string,
): string {
  return `cancel_timers AS (
      DELETE FROM timers WHERE ticket_id = ${ticket} AND kind = ANY(${cancelled}::text[])),
    schedule_timers AS (
      INSERT INTO timers (workspace_id, ticket_id, kind, due_at)
      SELECT ${workspace}, ${ticket}, u.kind, u.due_at
        FROM unnest(${kinds}::text[], ${at}::timestamptz[]) AS u(kind, due_at)
      ON CONFLICT (ticket_id, kind) DO UPDATE
        SET due_at = excluded.due_at, attempts = 0, last_error = NULL)`;
}

/** The parameters of timerWritesSql for `due`: cancelled kinds, scheduled kinds, their times. */
export function timerWriteParams(due: Map<TimerKind, Date | null>): [string[], string[], Date[]] {
  const scheduled = [...due].filter((entry): entry is [TimerKind, Date] => entry[1] !== null);
  return [
    [...due].filter(([, at]) => at === null).map(([kind]) => kind),
    scheduled.map(([kind]) => kind),
    scheduled.map(([, at]) => at),
  ];
}

/** Schedules (or moves) the ticket's timer of this kind; `null` cancels it. */
export async function setTimer(
  manager: EntityManager,
  workspaceId: string,
  ticketId: string,
  kind: TimerKind,
  dueAt: Date | null,
): Promise<void> {
  if (dueAt === null) {
    await manager.query(`DELETE FROM timers WHERE ticket_id = $1 AND kind = $2`, [ticketId, kind]);
    return;
  }
  await manager.query(
    `INSERT INTO timers (workspace_id, ticket_id, kind, due_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (ticket_id, kind) DO UPDATE SET due_at = excluded.due_at, attempts = 0, last_error = NULL`,
    [workspaceId, ticketId, kind, dueAt],
  );
}
