import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ErrorCode, ErrorEnvelope } from '@switchboard/contracts';
import { isDatabaseUnavailable } from '@switchboard/database';
import { ServiceException } from '@switchboard/messaging';
import { currentCorrelationId } from '@switchboard/observability';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { errorCodeOfStatus, httpStatusOf } from './error-status';

/**
 * Every error of the REST API leaves as `{ code, message, details }` with its status. An
 * unexpected one is a 500 with an `errorId` that is logged with the stack; its message stays in
 * the log.
 */
const isExpected = (status: number) => status < 500 || status === 503 || status === 504;

@Catch()
export class HttpErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const request = host.switchToHttp().getRequest<Request>();
    // Health and metrics keep their own answers (a failing readiness check is terminus's 503).
    if (exception instanceof HttpException && !request.path.startsWith('/api/')) {
      response.status(exception.getStatus()).json(exception.getResponse());
      return;
    }
    const [status, envelope] = this.describe(exception);
    response.status(status).json(envelope);
  }

  private describe(exception: unknown): [number, ErrorEnvelope] {
    if (exception instanceof ServiceException) {
      return [httpStatusOf(exception.code), exception.toEnvelope()];
    }
    // The gateway's own schema (credentials, tokens) out of reach: as ticket-core answers then.
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`database unavailable: ${(exception as Error).message}`);
      return [503, { code: ErrorCode.UNAVAILABLE, message: 'Service temporarily unavailable' }];
    }
    // The framework's own refusals (routing, a dependency's 503) keep their status; any other
    // 5xx is unexpected and gets an errorId below.
    if (exception instanceof HttpException && isExpected(exception.getStatus())) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message =
        typeof body === 'object' && body !== null && 'message' in body
          ? String((body as { message: unknown }).message)
          : exception.message;
      return [status, { code: errorCodeOfStatus(status), message }];
    }
    // body-parser's own errors (malformed JSON, body too large) carry a 4xx status.
    const parserStatus = (exception as { status?: unknown; type?: unknown })?.status;
    if (typeof parserStatus === 'number' && parserStatus >= 400 && parserStatus < 500) {
      return [
        parserStatus,
        { code: errorCodeOfStatus(parserStatus), message: (exception as Error).message },
      ];
    }
    const errorId = randomUUID();
    this.logger.error(
      { err: exception, errorId, correlationId: currentCorrelationId() },
      `unhandled error (errorId ${errorId})`,
    );
    return [500, { code: ErrorCode.INTERNAL, message: 'Internal error', details: { errorId } }];
  }
}
