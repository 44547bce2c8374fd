/**
 * The ticket status machine (PRODUCT §2.1) as pure data: which command is allowed in which status
 * and what status it leads to. Everything that changes a ticket's status goes through
 * `nextStatus`; nothing else in the code base decides a transition.
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
] as const;
export type StatusCommand = (typeof STATUS_COMMANDS)[number];

/**
 * What a command leads to in a given status. `reopenOrFollowUp` is the customer's reply to a
 * solved ticket: inside the reopen window the ticket opens again, after it a linked follow-up
 * ticket is created instead (the caller decides by the window, the table only allows it).
 */
export type TransitionResult = TicketStatus | 'reopenOrFollowUp';

type TransitionTable = { [S in TicketStatus]: Partial<Record<StatusCommand, TransitionResult>> };

export const TRANSITIONS: TransitionTable = {
  new: {
    claim: 'open',
    assign: 'open',
    // An agent answering an unclaimed ticket takes it.
    agentReply: 'open',
    customerReply: 'new',
    merge: 'solved',
  },
  open: {
    assign: 'open',
    returnToQueue: 'new',
    setPending: 'pending',
    solve: 'solved',
    agentReply: 'open',
    customerReply: 'open',
    autoSolve: 'solved',
    merge: 'solved',
    answerLater: 'pending',
  },
  pending: {
    // Parked again: the reminder moves to the new date.
    setPending: 'pending',
    solve: 'solved',
    agentReply: 'pending',
    customerReply: 'open',
    reminderDue: 'open',
    autoSolve: 'solved',
    merge: 'solved',
  },
  solved: {
    reopen: 'open',
    customerReply: 'reopenOrFollowUp',
  },
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
  const result = TRANSITIONS[status][command];
  if (result === undefined) throw new InvalidTransitionError(status, command);
  return result;
}

export function isAllowed(status: TicketStatus, command: StatusCommand): boolean {
  return TRANSITIONS[status][command] !== undefined;
}
