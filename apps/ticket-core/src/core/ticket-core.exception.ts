import { ErrorCode } from '@switchboard/contracts';
import { ServiceException } from '@switchboard/messaging';

/** Why ticket-core refuses a command, in its own terms. */
export enum TicketCoreErrorCode {
  /** Not there, or not for the caller to see: the same answer either way. */
  NotFound = 'not-found',
  Forbidden = 'forbidden',
  /** The command clashes with the data as it is (already deleted, another customer's ticket…). */
  Conflict = 'conflict',
  AlreadyClaimed = 'already-claimed',
  /** The status machine does not allow the command in the ticket's status. */
  InvalidTransition = 'invalid-transition',
  /** Input that passed the contract's validation but not ticket-core's rules. */
  Invalid = 'invalid',
}

/** The wire code of each reason: a reason missing here does not compile. */
const WIRE_CODES: Record<TicketCoreErrorCode, ErrorCode> = {
  [TicketCoreErrorCode.NotFound]: ErrorCode.NOT_FOUND,
  [TicketCoreErrorCode.Forbidden]: ErrorCode.FORBIDDEN,
  [TicketCoreErrorCode.Conflict]: ErrorCode.CONFLICT,
  [TicketCoreErrorCode.AlreadyClaimed]: ErrorCode.TICKET_ALREADY_CLAIMED,
  [TicketCoreErrorCode.InvalidTransition]: ErrorCode.INVALID_TRANSITION,
  [TicketCoreErrorCode.Invalid]: ErrorCode.VALIDATION_FAILED,
};

/**
 * ticket-core's one exception, for every module of the service. It carries its own reason and
 * crosses the wire with the reason's code (which the gateway maps to an HTTP status).
 */
export class TicketCoreException extends ServiceException {
  constructor(
    readonly reason: TicketCoreErrorCode,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(WIRE_CODES[reason], message, details);
  }

  static notFound(what = 'ticket'): TicketCoreException {
    return new TicketCoreException(TicketCoreErrorCode.NotFound, `${what} not found`);
  }

  static forbidden(message: string): TicketCoreException {
    return new TicketCoreException(TicketCoreErrorCode.Forbidden, message);
  }

  static conflict(message: string, details?: Record<string, unknown>): TicketCoreException {
    return new TicketCoreException(TicketCoreErrorCode.Conflict, message, details);
  }

  static alreadyClaimed(assigneeId: string | null): TicketCoreException {
    return new TicketCoreException(
      TicketCoreErrorCode.AlreadyClaimed,
      'ticket is already claimed',
      {
        assigneeId,
      },
    );
  }

  static invalid(field: string, message: string): TicketCoreException {
    return new TicketCoreException(TicketCoreErrorCode.Invalid, message, {
      fields: [{ field, errors: [message] }],
    });
  }
}
