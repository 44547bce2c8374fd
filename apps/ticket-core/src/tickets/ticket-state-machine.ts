/**
 * The ticket status machine (PRODUCT §2.1) as pure data: which command is allowed in which status
 * and what status it leads to, a new ticket's first status, and how a customer's reply to a solved
 * ticket ends. Every status a ticket takes is decided here (TicketChange applies it); nothing
 * else in the code base decides a transition.
 */
export const TICKET_STATUSES = ['new', 'open', 'pending', 'solved'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const STATUS_COMMANDS = [
  'claim',
  'assign',
  'returnToQueue',
  'setPending',
  'solve',
  'reopen',
  'agentReply',
  'customerReply',
  'reminderDue',
  'autoSolve',
  'merge',
  'answerLater',
  'changeTeam',
  'setAutoSolve',
  'scheduleIntakeClose',
  'closeIntake',
] as const;
export type StatusCommand = (typeof STATUS_COMMANDS)[number];

/**
 * What a command leads to in a given status. `reopenOrFollowUp` is the customer's reply to a
 * solved ticket: `customerReplyToSolved` decides between reopening and a follow-up ticket.
 */
export type TransitionResult = TicketStatus | 'reopenOrFollowUp';

/**
 * Per command, the statuses it is allowed in and where it leads. Keyed by command, so a command
 * missing from the table does not compile.
 */
const TRANSITIONS: { [C in StatusCommand]: Partial<Record<TicketStatus, TransitionResult>> } = {
  claim: { new: 'open' },
  assign: { new: 'open', open: 'open' },
  returnToQueue: { open: 'new' },
  // Parked again: the reminder moves to the new date.
  setPending: { open: 'pending', pending: 'pending' },
  solve: { open: 'solved', pending: 'solved' },
  reopen: { solved: 'open' },
  // An agent answering an unclaimed ticket takes it.
  agentReply: { new: 'open', open: 'open', pending: 'pending' },
  customerReply: { new: 'new', open: 'open', pending: 'open', solved: 'reopenOrFollowUp' },
  reminderDue: { pending: 'open' },
  autoSolve: { open: 'solved', pending: 'solved' },
  merge: { new: 'solved', open: 'solved', pending: 'solved' },
  answerLater: { open: 'pending' },
  // Commands that keep the status but are refused in some.
  changeTeam: { new: 'new', open: 'open', pending: 'pending' },
  setAutoSolve: { open: 'open', pending: 'pending' },
  scheduleIntakeClose: { new: 'new', open: 'open' },
  closeIntake: { new: 'new', open: 'open' },
};

/** A command that is not allowed in the ticket's current status. */
export class InvalidTransitionError extends Error {
  constructor(
    readonly status: TicketStatus,
    readonly command: StatusCommand,
  ) {
    super(`cannot ${command} a ${status} ticket`);
    this.name = 'InvalidTransitionError';
  }
}

export function nextStatus(status: TicketStatus, command: StatusCommand): TransitionResult {
  const result = TRANSITIONS[command][status];
  if (result === undefined) throw new InvalidTransitionError(status, command);
  return result;
}

export function isAllowed(status: TicketStatus, command: StatusCommand): boolean {
  return TRANSITIONS[command][status] !== undefined;
}

/** A new ticket waits in the queue, unless its creator (an agent composing it) takes it. */
export function initialStatus(assigned: boolean): TicketStatus {
  return assigned ? 'open' : 'new';
}

/** What decides a customer's reply to a solved ticket. */
export interface ReopenFacts {
  /** Inside the workspace's reopen window, and not merged into another ticket. */
  mayReopen: boolean;
  /** Its assignee is still an active agent. */
  assigneeActive: boolean;
}

/**
 * A customer's reply to a solved ticket: inside the reopen window it opens again for its
 * assignee, or goes back to the queue if they left; after it the ticket stays solved and the
 * reply starts a follow-up ticket (which begins as `initialStatus(false)`).
 */
export function customerReplyToSolved(facts: ReopenFacts): TicketStatus | 'followUp' {
  if (!facts.mayReopen) return 'followUp';
  return facts.assigneeActive ? 'open' : 'new';
}
