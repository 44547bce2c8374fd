import { ErrorCode } from '@switchboard/contracts';
import { ServiceException } from '@switchboard/messaging';

/** ticket-core's failures, each with its wire code (mapped to HTTP by the gateway). */
export class TicketException extends ServiceException {
  static notFound(what = 'ticket'): TicketException {
    return new TicketException(ErrorCode.NOT_FOUND, `${what} not found`);
  }

  static forbidden(message: string): TicketException {
    return new TicketException(ErrorCode.FORBIDDEN, message);
  }

  static conflict(message: string, details?: Record<string, unknown>): TicketException {
    return new TicketException(ErrorCode.CONFLICT, message, details);
  }

  static alreadyClaimed(assigneeId: string | null): TicketException {
    return new TicketException(ErrorCode.TICKET_ALREADY_CLAIMED, 'ticket is already claimed', {
      assigneeId,
    });
  }

  /** A command that the ticket's status does not allow; names both. */
  static invalidTransition(status: string, command: string): TicketException {
    return new TicketException(
      ErrorCode.INVALID_TRANSITION,
      `cannot ${command} a ${status} ticket`,
      {
        status,
        command,
      },
    );
  }

  static invalid(field: string, message: string): TicketException {
    return new TicketException(ErrorCode.VALIDATION_FAILED, message, {
      fields: [{ field, errors: [message] }],
    });
  }
}
