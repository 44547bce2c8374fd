import { ErrorCode } from '@switchboard/contracts';
import { ServiceException } from '@switchboard/messaging';

/** knowledge-base's failures, with their wire code. */
export class KbException extends ServiceException {
  /** Another workspace's article is as unknown as a missing one: never a 403 that confirms it. */
  static notFound(what: string): KbException {
    return new KbException(ErrorCode.NOT_FOUND, `${what} not found`);
  }

  static forbidden(message: string): KbException {
    return new KbException(ErrorCode.FORBIDDEN, message);
  }

  static conflict(message: string): KbException {
    return new KbException(ErrorCode.CONFLICT, message);
  }

  static invalid(field: string, message: string): KbException {
    return new KbException(ErrorCode.VALIDATION_FAILED, message, {
      fields: [{ field, errors: [message] }],
    });
  }
}

/** A unique violation (PostgreSQL 23505) from a write: a slug taken in the workspace. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}
