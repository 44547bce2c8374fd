import { ErrorCode } from '@switchboard/contracts';
import { ServiceException } from '@switchboard/messaging';

/** A mail that can never succeed as it is (nothing readable, no sender): parked at once. */
export class UnprocessableMailError extends Error {
  override name = UnprocessableMailError.name;
}

/**
 * Whether a failure is someone else's outage (ticket-core stopped, NATS away): retried without
 * counting, for as long as it lasts. Anything else counts towards parking the mail.
 */
export function isOutage(error: unknown): boolean {
  return (
    error instanceof ServiceException &&
    [ErrorCode.TIMEOUT, ErrorCode.UNAVAILABLE, ErrorCode.INTERNAL].includes(error.code)
  );
}
