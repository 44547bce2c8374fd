import { ArgumentsHost, Logger, NotFoundException } from '@nestjs/common';
import { ErrorCode } from '@switchboard/contracts';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { HttpErrorsFilter } from './http-errors.filter';

/** What the filter answered, through a stand-in for Express's response. */
function answer(exception: unknown, path = '/api/v1/tickets') {
  const sent: { status?: number; body?: unknown } = {};
  const response = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
    },
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ path }) }),
  } as unknown as ArgumentsHost;
  new HttpErrorsFilter().catch(exception, host);
  return sent as { status: number; body: { code: string; details?: { errorId?: string } } };
}

describe('HttpErrorsFilter', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('answers an unexpected error with a 500 whose errorId is logged with the error and its stack', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const failure = new TypeError('undefined is not a function');
    const { status, body } = answer(failure);
    expect(status).toBe(500);
    expect(body.code).toBe(ErrorCode.INTERNAL);
    const errorId = body.details?.errorId;
    expect(errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(body)).not.toContain('undefined is not a function');
    const [fields, message] = logged.mock.calls[0] as [{ err: Error; errorId: string }, string];
    expect(fields.errorId).toBe(errorId);
    expect(fields.err).toBe(failure);
    expect(fields.err.stack).toContain('TypeError: undefined is not a function');
    expect(message).toContain(errorId);
  });

  it('answers a database out of reach with 503 UNAVAILABLE, and no errorId', () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const { status, body } = answer(refused);
    expect(status).toBe(503);
    expect(body).toEqual({
      code: ErrorCode.UNAVAILABLE,
      message: 'Service temporarily unavailable',
    });
  });

  it('keeps the framework refusals as they are', () => {
    const { status, body } = answer(new NotFoundException('Cannot GET /api/v1/nothing'));
    expect(status).toBe(404);
    expect(body.code).toBe(ErrorCode.NOT_FOUND);
  });
});
