/**
 * Error codes that cross the wire. The gateway maps each to an HTTP status in one exhaustive switch,
 * so adding a code here without a mapping fails to compile there.
 */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  TICKET_ALREADY_CLAIMED = 'TICKET_ALREADY_CLAIMED',
  FORBIDDEN = 'FORBIDDEN',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** The password was right but is a first one (made by an operator): choose your own to sign in. */
  PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED',
  RATE_LIMITED = 'RATE_LIMITED',
  /** An upload over the workspace's size limit. */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** An upload whose content (checked from the bytes) is not an allowed type. */
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  TIMEOUT = 'TIMEOUT',
  UNAVAILABLE = 'UNAVAILABLE',
  INTERNAL = 'INTERNAL',
}

/** One field that failed validation: the property path and what is wrong with it. */
export interface FieldError {
  field: string;
  errors: string[];
}

/** What every failed request answers with, over NATS and (mapped) over HTTP. */
export interface ErrorEnvelope {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown> & { fields?: FieldError[]; errorId?: string };
}

export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<ErrorEnvelope>;
  return (
    typeof candidate.code === 'string' &&
    typeof candidate.message === 'string' &&
    (Object.values(ErrorCode) as string[]).includes(candidate.code)
  );
}
