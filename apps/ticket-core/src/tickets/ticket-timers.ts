import type { ResolvedActor } from '../core/resolved-actor';
import type { MutableTicketField, TicketRow } from './ticket-row';

export const TIMER_KINDS = [
  'pending-reminder',
  'auto-solve',
  'reopen-window',
  'intake-close',
  'archive',
] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** What of a change decides its timers (a TicketChange is one). */
export interface TimedChange {
  ticket: TicketRow;
  changed: ReadonlySet<MutableTicketField>;
  actor: ResolvedActor;
  now: Date;
}

/**
 * Which of a ticket's timers a change moves: the ticket row says what should happen when, and
 * the timers table is how replicas find it on time. `null` cancels a kind. The store writes
 * these in the command's transaction, together with the rest of the change (timerWritesSql).
 *
 * A deleted ticket has no timers: its delete (or any later change to it) cancels every kind, so
 * no reminder, auto-solve, reopen-window mark, intake close or archive happens to it. A restore
 * schedules again what the ticket's fields say, as a status change does; a moment already past
 * comes due at once, but for a reopen window that has closed (it is no more than a mark). An intake close is no field of the ticket (the chat's silence set it), so
 * a restored chat gets none back.
 */
export function timerChanges(change: TimedChange): Map<TimerKind, Date | null> {
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
 * Two CTEs applying timer changes of tickets of workspace `workspace` (an SQL expression), given
 * as a jsonb array `changes` of `{ ticket_id, kind, due_at }`: a null `due_at` cancels the kind,
 * a time schedules or moves it. The only statement that writes timers.
 */
export function timerWritesSql(workspace: string, changes: string): string {
  return `timer_changes AS (
      SELECT * FROM jsonb_to_recordset(${changes}::jsonb)
        AS c(ticket_id uuid, kind text, due_at timestamptz)),
    cancel_timers AS (
      DELETE FROM timers t USING timer_changes c
       WHERE c.due_at IS NULL AND t.ticket_id = c.ticket_id AND t.kind = c.kind),
    schedule_timers AS (
      INSERT INTO timers (workspace_id, ticket_id, kind, due_at)
      SELECT ${workspace}, c.ticket_id, c.kind, c.due_at FROM timer_changes c
       WHERE c.due_at IS NOT NULL
      ON CONFLICT (ticket_id, kind) DO UPDATE
        SET due_at = excluded.due_at, attempts = 0, last_error = NULL)`;
}
