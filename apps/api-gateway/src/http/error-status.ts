import { ErrorCode } from '@switchboard/contracts';

function unreachable(code: never): never {
  throw new Error(`no HTTP status for error code ${String(code)}`);
}

/**
 * The HTTP status of every wire error code, in one exhaustive switch: a code added to the enum
 * without a case here fails to compile.
 */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.VALIDATION_FAILED:
      return 400;
    case ErrorCode.UNAUTHENTICATED:
      return 401;
    case ErrorCode.FORBIDDEN:
    case ErrorCode.PASSWORD_CHANGE_REQUIRED:
      return 403;
    case ErrorCode.NOT_FOUND:
      return 404;
    case ErrorCode.CONFLICT:
    case ErrorCode.INVALID_TRANSITION:
    case ErrorCode.TICKET_ALREADY_CLAIMED:
      return 409;
    case ErrorCode.PAYLOAD_TOO_LARGE:
      return 413;
    case ErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return 415;
    case ErrorCode.RATE_LIMITED:
      return 429;
    case ErrorCode.INTERNAL:
      return 500;
    case ErrorCode.UNAVAILABLE:
      return 503;
    case ErrorCode.TIMEOUT:
      return 504;
    default:
      return unreachable(code);
  }
}

/** The code for an HTTP error raised by the framework itself (routing, body parsing). */
export function errorCodeOfStatus(status: number): ErrorCode {
  if (status === 401) return ErrorCode.UNAUTHENTICATED;
  if (status === 403) return ErrorCode.FORBIDDEN;
  if (status === 404) return ErrorCode.NOT_FOUND;
  if (status === 409) return ErrorCode.CONFLICT;
  if (status === 413) return ErrorCode.PAYLOAD_TOO_LARGE;
  if (status === 415) return ErrorCode.UNSUPPORTED_MEDIA_TYPE;
  if (status === 429) return ErrorCode.RATE_LIMITED;
  if (status === 503) return ErrorCode.UNAVAILABLE;
  if (status === 504) return ErrorCode.TIMEOUT;
  if (status >= 500) return ErrorCode.INTERNAL;
  return ErrorCode.VALIDATION_FAILED;
}
