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
 * Keeps a ticket's timers in step with its fields, in the command's transaction: the ticket row
 * says what should happen when, and the timers table is how replicas find it on time.
 */
export async function syncTimers(manager: EntityManager, change: TicketChange): Promise<void> {
  const { ticket, changed, actor } = change;
  const due = new Map<TimerKind, Date | null>();
  const statusChanged = changed.has('status');
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
    due.set('reopen-window', after(actor.settings.reopenWindowDays));
    due.set('archive', after(actor.settings.archiveAfterDays));
    if (ticket.status !== 'new' && ticket.status !== 'open') due.set('intake-close', null);
  }
  for (const [kind, at] of due) await setTimer(manager, ticket.workspace_id, ticket.id, kind, at);
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
