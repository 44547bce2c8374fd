import { ArgumentsHost, Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { ErrorCode, ErrorEnvelope, isErrorEnvelope } from '@switchboard/contracts';
import { isDatabaseUnavailable } from '@switchboard/database';
import { randomUUID } from 'node:crypto';
import { Observable, throwError } from 'rxjs';
import { ServiceException } from '../service-exception';

/**
 * Every failure of a NATS handler leaves as an error envelope. A database that gave no connection
 * in time is UNAVAILABLE (the caller may retry). Anything unexpected becomes
 * INTERNAL with an `errorId` that is logged with the stack, and nothing of its message leaks.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): Observable<ErrorEnvelope> {
    return throwError(() => this.toEnvelope(exception, host));
  }

  private toEnvelope(exception: unknown, host: ArgumentsHost): ErrorEnvelope {
    if (exception instanceof ServiceException) return exception.toEnvelope();
    if (exception instanceof RpcException && isErrorEnvelope(exception.getError())) {
      return exception.getError() as ErrorEnvelope;
    }
    if (isDatabaseUnavailable(exception)) {
      // The pool gave no connection in time, or PostgreSQL is down: worth retrying later.
      this.logger.warn(`database unavailable: ${(exception as Error).message}`);
      return { code: ErrorCode.UNAVAILABLE, message: 'Service temporarily unavailable' };
    }
    const errorId = randomUUID();
    const subject = host.switchToRpc().getContext<{ getSubject?: () => string }>().getSubject?.();
    this.logger.error(
      { err: exception, errorId, subject },
      `unhandled error in ${subject ?? 'handler'} (errorId ${errorId})`,
    );
    return { code: ErrorCode.INTERNAL, message: 'Internal error', details: { errorId } };
  }
}
