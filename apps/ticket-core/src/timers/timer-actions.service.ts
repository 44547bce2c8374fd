import { Injectable } from '@nestjs/common';
import { TICKET_INTAKE_CLOSED_V1, TICKET_REMINDER_DUE_V1 } from '@switchboard/contracts';
import { TicketChange } from '../tickets/ticket-change';
import { isAllowed } from '../tickets/ticket-state-machine';
import { TimerKind } from '../tickets/ticket-timers';

/**
 * What each timer does to its ticket when it comes due, as an ordinary change through the
 * status machine (PRODUCT §8). A timer whose moment has passed by (the ticket moved on) does
 * nothing: `apply` answers false and the timer is simply dropped.
 */
@Injectable()
export class TimerActions {
  apply(kind: TimerKind, change: TicketChange): boolean {
    const ticket = change.ticket;
    // Deleting cancels a ticket's timers (timerChanges); one left from before is dropped here,
    // and a restore schedules again what still applies.
    if (ticket.deleted_at !== null) return false;
    switch (kind) {
      case 'pending-reminder': {
        if (!isAllowed(ticket.status, 'reminderDue') || !ticket.remind_at) return false;
        const remindAt = ticket.remind_at.toISOString();
        change.transition('reminderDue');
        change.set('remind_at', null);
        change.record('reminder-due', { remindAt: { before: remindAt, after: null } });
        change.emit(TICKET_REMINDER_DUE_V1, { assigneeId: ticket.assignee_id, remindAt });
        return true;
      }
      case 'auto-solve':
        if (!isAllowed(ticket.status, 'autoSolve')) return false;
        change.solve(false, 'autoSolve');
        return true;
      case 'reopen-window':
        // From now on a customer's reply starts a follow-up ticket; the rule itself reads the
        // time, so this only leaves a mark in the history.
        if (ticket.status !== 'solved') return false;
        change.record('reopen-window-closed');
        return true;
      case 'intake-close':
        if (ticket.channel !== 'chat' || !isAllowed(ticket.status, 'closeIntake')) return false;
        change.transition('closeIntake');
        change.record('intake-closed');
        change.emit(TICKET_INTAKE_CLOSED_V1, {});
        return true;
      case 'archive':
        if (ticket.status !== 'solved' || ticket.archived_at) return false;
        change.set('archived_at', change.now);
        change.recordFields('archived', ['archived_at']);
        return true;
    }
  }
}
