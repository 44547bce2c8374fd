import { errors as natsErrors } from '@nats-io/transport-node';
import { ErrorCode, ErrorEnvelope, isErrorEnvelope } from '@switchboard/contracts';

/**
 * A request that failed: the error envelope Switchboard answered with (`code`, `message`,
 * `details`), or one this client made for a failure on the way (TIMEOUT, UNAVAILABLE, FORBIDDEN
 * when the server refuses the subject to this credential). One class for both, so a caller
 * handles every failure by its code.
 */
export class SwitchboardError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The envelope's details: validation `fields`, an `errorId` to quote in a support request… */
    readonly details?: ErrorEnvelope['details'],
    /** The service subject that was asked. */
    readonly subject?: string,
  ) {
    super(message);
    this.name = 'SwitchboardError';
  }

  /**
   * Whether the same request may succeed later unchanged: the service was busy, down or slow.
   * Everything else (validation, not found, forbidden, a conflict) answers the same again.
   */
  get retryable(): boolean {
    return (
      this.code === ErrorCode.TIMEOUT ||
      this.code === ErrorCode.UNAVAILABLE ||
      this.code === ErrorCode.RATE_LIMITED
    );
  }
}

/** NestJS's NATS reply framing, which the bridge passes on unchanged: `{ response }` or `{ err }`. */
interface ReplyPacket {
  response?: unknown;
  err?: unknown;
}

/**
 * The reply of `subject` from the bytes that came back: its `response`, or a SwitchboardError for
 * an error envelope. An `err` that is no envelope (a newer code, a bare string) still throws, as
 * INTERNAL with what it said, so no failure is ever mistaken for a reply.
 */
export function decodeReply<R>(subject: string, body: string): R {
  let reply: ReplyPacket;
  try {
    reply = JSON.parse(body) as ReplyPacket;
  } catch {
    throw new SwitchboardError(ErrorCode.INTERNAL, `${subject} answered something not JSON`, {
      body: body.slice(0, 200),
    });
  }
  if (typeof reply !== 'object' || reply === null)
    throw new SwitchboardError(ErrorCode.INTERNAL, `${subject} answered no reply object`);
  const { err } = reply;
  if (err === undefined || err === null) return reply.response as R;
  if (isErrorEnvelope(err)) throw new SwitchboardError(err.code, err.message, err.details, subject);
  const said =
    typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string'
      ? (err as { message: string }).message
      : typeof err === 'string'
        ? err
        : JSON.stringify(err);
  throw new SwitchboardError(
    ErrorCode.INTERNAL,
    `${subject} failed: ${said}`,
    typeof err === 'object' ? { error: err } : undefined,
    subject,
  );
}

/** A request that got no reply, as a SwitchboardError with the code that says why. */
export function transportError(subject: string, error: unknown): SwitchboardError {
  const fail = (code: ErrorCode, message: string) =>
    new SwitchboardError(code, message, undefined, subject);
  if (error instanceof natsErrors.TimeoutError)
    return fail(ErrorCode.TIMEOUT, `${subject} did not answer in time`);
  if (
    error instanceof natsErrors.PermissionViolationError ||
    (error as Error | undefined)?.cause instanceof natsErrors.PermissionViolationError
  )
    // The server checks every subject against the credential's role: a read-only credential
    // sending a command, or a revoked or wrong credential id, ends here.
    return fail(ErrorCode.FORBIDDEN, `this credential may not send ${subject}`);
  if (
    error instanceof natsErrors.NoRespondersError ||
    (error instanceof natsErrors.RequestError && error.isNoResponders())
  )
    return fail(ErrorCode.UNAVAILABLE, `nothing is answering ${subject} (is Switchboard running?)`);
  return fail(
    ErrorCode.UNAVAILABLE,
    `${subject} could not be sent: ${(error as Error | undefined)?.message ?? String(error)}`,
  );
}
