import { ErrorCode, ErrorEnvelope, FieldError } from '@switchboard/contracts';

/**
 * A failure with a wire error code. Services throw their own subclasses (`TicketException`);
 * the RPC filter turns any of them into the `{ code, message, details }` envelope, and the request
 * helper turns an envelope that comes back into a `RemoteError`.
 */
export class ServiceException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorEnvelope['details'],
  ) {
    super(message);
    this.name = new.target.name;
  }

  toEnvelope(): ErrorEnvelope {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static validation(fields: FieldError[]): ServiceException {
    const summary = fields.map((field) => field.field).join(', ');
    return new ServiceException(ErrorCode.VALIDATION_FAILED, `Invalid fields: ${summary}`, {
      fields,
    });
  }
}

/** An error envelope answered by another service, raised where the request was made. */
export class RemoteError extends ServiceException {
  constructor(
    envelope: ErrorEnvelope,
    readonly subject: string,
  ) {
    super(envelope.code, envelope.message, envelope.details);
  }
}
