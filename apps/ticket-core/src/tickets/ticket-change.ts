import { EventOf, EventSubject, TicketEventV1 } from '@switchboard/contracts';
import { ResolvedActor } from '../access/resolved-actor';
import {
  InvalidTransitionError,
  StatusCommand,
  TicketStatus,
  nextStatus,
} from './ticket-state-machine';
import { TicketException } from './ticket.exception';
import { MutableTicketField, TicketRow } from './ticket-row';

/** The part of an event that the store fills in on commit: ids, actor and snapshot. */
type EventExtra<S extends EventSubject> = Omit<EventOf<S>, keyof TicketEventV1>;

export interface PendingEvent {
  subject: EventSubject;
  extra: Record<string, unknown>;
}

export interface HistoryEntry {
  action: string;
  changes: Record<string, { before: unknown; after: unknown }>;
}

/**
 * One command's change to one locked ticket: the fields it sets, the history it records and the
 * events it announces. The store writes all of it in the command's transaction.
 */
export class TicketChange {
  readonly ticket: TicketRow;
  readonly changed = new Set<MutableTicketField>();
  readonly history: HistoryEntry[] = [];
  readonly events: PendingEvent[] = [];

  constructor(
    readonly actor: ResolvedActor,
    readonly before: TicketRow,
    readonly now: Date,
  ) {
    this.ticket = { ...before };
  }

  set<K extends MutableTicketField>(field: K, value: TicketRow[K]): void {
    if (sameValue(this.ticket[field], value)) return;
    this.ticket[field] = value;
    this.changed.add(field);
  }

  /** Applies the status machine; records the status change and announces it. */
  transition(command: StatusCommand): TicketStatus {
    let result;
    try {
      result = nextStatus(this.ticket.status, command);
    } catch (error) {
      if (error instanceof InvalidTransitionError) {
        throw TicketException.invalidTransition(error.status, error.command);
      }
      throw error;
    }
    if (result === 'reopenOrFollowUp') {
      throw new Error('the caller decides between reopening and a follow-up ticket');
    }
    this.setStatus(result);
    return result;
  }

  /** Sets a status the machine already allowed (used for reopen after the window check). */
  setStatus(status: TicketStatus): void {
    const from = this.ticket.status;
    if (from === status) return;
    this.set('status', status);
    this.record('status-changed', { status: { before: from, after: status } });
    this.emit('helpdesk.evt.ticket.status-changed.v1', { from, to: status });
  }

  record(action: string, changes: HistoryEntry['changes'] = {}): void {
    this.history.push({ action, changes });
  }

  emit<S extends EventSubject>(subject: S, extra: EventExtra<S>): void {
    this.events.push({ subject, extra: extra as Record<string, unknown> });
  }

  /**
   * Adds every changed field that no history entry names yet to the command's last entry (or to
   * a `fields-changed` one), so that the history holds every change with its before and after:
   * the assignee a reopen gives back, a solve's solved_by and solved_at, the reminder a
   * customer's reply clears. The store calls it before writing.
   */
  completeHistory(): void {
    const named = new Set(this.history.flatMap((entry) => Object.keys(entry.changes)));
    const missing = [...this.changed].filter(
      (field) =>
        !UNRECORDED_VALUES.includes(field) &&
        !named.has(field) &&
        !named.has(HISTORY_NAMES[field] ?? field),
    );
    if (missing.length === 0) return;
    if (this.history.length === 0) this.record('fields-changed');
    const entry = this.history[this.history.length - 1];
    for (const field of missing) {
      entry.changes[field] = { before: this.before[field], after: this.ticket[field] };
    }
  }

  /** Records every field in `fields` that changed, as one history entry. */
  recordFields(action: string, fields: MutableTicketField[]): void {
    const changes: HistoryEntry['changes'] = {};
    for (const field of fields) {
      if (this.changed.has(field)) {
        changes[field] = { before: this.before[field], after: this.ticket[field] };
      }
    }
    if (Object.keys(changes).length > 0) this.record(action, changes);
  }
}

/** Columns that some entries name the way the desk shows them. */
const HISTORY_NAMES: Partial<Record<MutableTicketField, string>> = {
  assignee_id: 'assignee',
  remind_at: 'remindAt',
};

/** A public link's token is a secret: its rotation is recorded, its values are not. */
const UNRECORDED_VALUES: MutableTicketField[] = ['public_token'];

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}
