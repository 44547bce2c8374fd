import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@switchboard/contracts';
import { ServiceException } from '@switchboard/messaging';
import { formError } from './form-errors';

describe('formError', () => {
  it('names the fields to fix in words', () => {
    const error = ServiceException.validation([
      { field: 'name', errors: ['name must be longer than or equal to 1 characters'] },
      { field: 'email', errors: ['email must be an email'] },
    ]);
    expect(formError(error)).toEqual({
      status: 400,
      message: 'Please give your name. Please give a valid email address.',
    });
  });

  it('keeps the message of a refusal and of a file the workspace does not take', () => {
    expect(formError(new ServiceException(ErrorCode.FORBIDDEN, 'Too quick.'))).toEqual({
      status: 403,
      message: 'Too quick.',
    });
    expect(
      formError(new ServiceException(ErrorCode.PAYLOAD_TOO_LARGE, 'the attachment is larger')),
    ).toEqual({ status: 413, message: 'The attachment is larger' });
  });

  it('leaves any other error to the error handler', () => {
    expect(formError(new ServiceException(ErrorCode.UNAVAILABLE, 'down'))).toBeNull();
    expect(formError(new Error('boom'))).toBeNull();
  });
});
