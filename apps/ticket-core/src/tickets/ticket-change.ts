import {
  EventOf,
  EventSubject,
  TICKET_CLAIMED_V1,
  TICKET_MERGED_V1,
  TICKET_REOPENED_V1,
  TICKET_SOLVED_V1,
  TicketEventV1,
} from '@switchboard/contracts';
import { ResolvedActor } from '../core/resolved-actor';
import { TicketCoreErrorCode, TicketCoreException } from '../core/ticket-core.exception';
import {
  InvalidTransitionError,
  ReopenFacts,
  StatusCommand,
  TicketStatus,
  customerReplyToSolved,
  nextStatus,
} from './ticket-state-machine';
import { MutableTicketField, TicketRow } from './ticket-row';
import { TimerKind } from './ticket-timers';

/** The part of an event that the store fills in on commit: ids, actor and snapshot. */
type EventExtra<S extends EventSubject> = Omit<EventOf<S>, keyof TicketEventV1>;

export interface PendingEvent {
  subject: EventSubject;
  extra: Record<string, unknown>;
}

export interface HistoryEntry {
  action: string;
  changes: Record<string, { before: unknown; after: unknown }>;
  /** Recorded without moving the ticket (no new version, no activity): a read mark. */
  quiet?: boolean;
}

/** The read mark a change leaves for an agent: read at a moment, or unread (null). */
export interface ReadMark {
  agentId: string;
  at: Date | null;
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
  /** Timers set outright, beside those the ticket's fields imply (an intake's close). */
  readonly timers = new Map<TimerKind, Date | null>();
  /** The acting agent has seen everything up to their own change, unless told otherwise. */
  readMark: ReadMark | null;

  constructor(
    readonly actor: ResolvedActor,
    readonly before: TicketRow,
    readonly now: Date,
  ) {
    this.ticket = { ...before };
    this.readMark = actor.agentId ? { agentId: actor.agentId, at: now } : null;
  }

  /** Whether the change moves the ticket: a new version, activity, events to announce. */
  get touches(): boolean {
    return this.changed.size > 0 || this.history.some((entry) => !entry.quiet);
  }

  /** Sets a field; the status only changes through `transition` (the status machine). */
  set<K extends Exclude<MutableTicketField, 'status'>>(field: K, value: TicketRow[K]): void {
    this.write(field, value);
  }

  private write<K extends MutableTicketField>(field: K, value: TicketRow[K]): void {
    if (sameValue(this.ticket[field], value)) return;
    this.ticket[field] = value;
    this.changed.add(field);
  }

  /**
   * Applies the status machine: the status the command leads to, recorded and announced. A
   * customer's reply to a solved ticket needs `facts`, and may answer `followUp` (the ticket
   * stays as it is; the reply starts a new one).
   */
  transition(command: StatusCommand, facts?: ReopenFacts): TicketStatus | 'followUp' {
    let result;
    try {
      result = nextStatus(this.ticket.status, command);
    } catch (error) {
      if (error instanceof InvalidTransitionError) {
        throw new TicketCoreException(TicketCoreErrorCode.InvalidTransition, error.message, {
          status: error.status,
          command: error.command,
        });
      }
      throw error;
    }
    if (result === 'reopenOrFollowUp') {
      if (!facts) throw new Error('a reply to a solved ticket needs the reopen facts');
      result = customerReplyToSolved(facts);
      if (result === 'followUp') return result;
    }
    const from = this.ticket.status;
    if (from !== result) {
      this.write('status', result);
      this.record('status-changed', { status: { before: from, after: result } });
      this.emit('helpdesk.evt.ticket.status-changed.v1', { from, to: result });
    }
    return result;
  }

  /** An agent takes the unclaimed ticket: by claiming it, or by answering it (`agentReply`). */
  claim(agentId: string, command: 'claim' | 'agentReply' = 'claim'): void {
    this.transition(command);
    this.set('assignee_id', agentId);
    this.record('claimed', { assignee: { before: null, after: agentId } });
    this.emit(TICKET_CLAIMED_V1, { assigneeId: agentId });
  }

  /** Solving parks nothing: reminder and auto-solve are cleared, the reopen window starts. */
  solve(withSummary: boolean, command: 'solve' | 'autoSolve' = 'solve'): void {
    this.markSolved(command);
    this.record('solved', { withSummary: { before: null, after: withSummary } });
    this.emit(TICKET_SOLVED_V1, { withSummary });
  }

  /** The ticket's conversation went into `target`: it is solved and points there. */
  mergeInto(target: TicketRow): void {
    this.markSolved('merge');
    this.set('merged_into_id', target.id);
    this.record('merged', { into: { before: null, after: target.number } });
    this.emit(TICKET_MERGED_V1, { intoTicketId: target.id, intoNumber: target.number });
  }

  /**
   * Opens a solved ticket again: an agent's reopen, or a customer's reply (which may start a
   * follow-up instead: `followUp`, nothing changed). A reopened ticket is worked again, so it
   * leaves the archive.
   */
  reopen(by: 'agent' | 'customer', facts?: ReopenFacts): TicketStatus | 'followUp' {
    const status = this.transition(by === 'agent' ? 'reopen' : 'customerReply', facts);
    if (status === 'followUp') return status;
    this.set('solved_at', null);
    this.set('solved_by', null);
    this.set('archived_at', null);
    this.emit(TICKET_REOPENED_V1, { by });
    return status;
  }

  /**
   * A customer's reply: it wakes a parked ticket and cancels a pending auto-solve; a solved one
   * reopens (for the queue when its assignee left) or the reply starts a follow-up (`followUp`).
   */
  customerReply(facts?: ReopenFacts): TicketStatus | 'followUp' {
    const status =
      this.ticket.status === 'solved'
        ? this.reopen('customer', facts)
        : this.transition('customerReply');
    if (status === 'followUp') return status;
    if (this.before.status === 'solved' && status === 'new') this.set('assignee_id', null);
    this.set('remind_at', null);
    this.set('auto_solve_at', null);
    this.set('last_customer_message_at', this.now);
    return status;
  }

  /** An agent's read state of the ticket; recorded, but it moves nothing for anyone else. */
  markRead(agentId: string, read: boolean): void {
    this.readMark = { agentId, at: read ? this.now : null };
    this.history.push({ action: read ? 'marked-read' : 'marked-unread', changes: {}, quiet: true });
  }

  /** Sets (or with null cancels) a timer that no field of the ticket implies. */
  scheduleTimer(kind: TimerKind, at: Date | null): void {
    this.timers.set(kind, at);
  }

  private markSolved(command: 'solve' | 'autoSolve' | 'merge'): void {
    this.transition(command);
    this.set('solved_at', this.now);
    this.set('solved_by', this.actor.agentId ?? this.ticket.assignee_id);
    this.set('remind_at', null);
    this.set('auto_solve_at', null);
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
