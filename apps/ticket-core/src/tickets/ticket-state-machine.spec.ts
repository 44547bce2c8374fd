import { describe, expect, it } from '@jest/globals';
import {
  InvalidTransitionError,
  ReopenFacts,
  STATUS_COMMANDS,
  StatusCommand,
  TICKET_STATUSES,
  TicketStatus,
  TransitionResult,
  customerReplyToSolved,
  initialStatus,
  isAllowed,
  nextStatus,
} from './ticket-state-machine';

/** The expected machine, written out pair by pair from PRODUCT §2.1; absent pairs must fail. */
const expected: Record<string, TransitionResult> = {
  'new claim': 'open',
  'new assign': 'open',
  'new agentReply': 'open',
  'new customerReply': 'new',
  'new merge': 'solved',
  'open assign': 'open',
  'open returnToQueue': 'new',
  'open setPending': 'pending',
  'open solve': 'solved',
  'open agentReply': 'open',
  'open customerReply': 'open',
  'open autoSolve': 'solved',
  'open merge': 'solved',
  'open answerLater': 'pending',
  'pending setPending': 'pending',
  'pending solve': 'solved',
  'pending agentReply': 'pending',
  'pending customerReply': 'open',
  'pending reminderDue': 'open',
  'pending autoSolve': 'solved',
  'pending merge': 'solved',
  'solved reopen': 'open',
  'solved customerReply': 'reopenOrFollowUp',
  'new changeTeam': 'new',
  'open changeTeam': 'open',
  'pending changeTeam': 'pending',
  'open setAutoSolve': 'open',
  'pending setAutoSolve': 'pending',
  'new scheduleIntakeClose': 'new',
  'open scheduleIntakeClose': 'open',
  'new closeIntake': 'new',
  'open closeIntake': 'open',
};

const pairs: [TicketStatus, StatusCommand][] = TICKET_STATUSES.flatMap((status) =>
  STATUS_COMMANDS.map((command) => [status, command] as [TicketStatus, StatusCommand]),
);

describe('ticket state machine', () => {
  it.each(pairs)('%s + %s', (status, command) => {
    const outcome = expected[`${status} ${command}`];
    if (outcome) {
      expect(nextStatus(status, command)).toBe(outcome);
      expect(isAllowed(status, command)).toBe(true);
    } else {
      expect(isAllowed(status, command)).toBe(false);
      let caught: unknown;
      try {
        nextStatus(status, command);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InvalidTransitionError);
      expect(caught).toMatchObject({ status, command });
      expect((caught as Error).message).toBe(`cannot ${command} a ${status} ticket`);
    }
  });

  it('allows exactly the listed pairs', () => {
    const allowed = pairs.filter(([status, command]) => isAllowed(status, command));
    expect(allowed.map(([status, command]) => `${status} ${command}`).sort()).toEqual(
      Object.keys(expected).sort(),
    );
  });
});

describe('where a ticket starts, and where a reply to a solved one leads', () => {
  it('starts new in the queue, or open when its creator takes it', () => {
    expect(initialStatus(false)).toBe('new');
    expect(initialStatus(true)).toBe('open');
  });

  it.each<[ReopenFacts, string]>([
    [{ mayReopen: true, assigneeActive: true }, 'open'],
    [{ mayReopen: true, assigneeActive: false }, 'new'],
    [{ mayReopen: false, assigneeActive: true }, 'followUp'],
    [{ mayReopen: false, assigneeActive: false }, 'followUp'],
  ])('%j: %s', (facts, outcome) => {
    expect(customerReplyToSolved(facts)).toBe(outcome);
  });
});
