import { describe, expect, it } from '@jest/globals';
import { errors as natsErrors } from '@nats-io/transport-node';
import { ErrorCode } from '@switchboard/contracts';
import { SwitchboardError, decodeReply, transportError } from './errors';

const SUBJECT = 'helpdesk.cmd.ticket.change-labels.v1';

function thrown(fn: () => unknown): SwitchboardError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SwitchboardError);
    return error as SwitchboardError;
  }
  throw new Error('expected it to throw');
}

describe('decodeReply', () => {
  it("returns the reply's response", () => {
    const body = JSON.stringify({ response: { id: 't1', labels: ['vip'] }, isDisposed: true });
    expect(decodeReply(SUBJECT, body)).toEqual({ id: 't1', labels: ['vip'] });
  });

  it('throws an error envelope as a SwitchboardError with its code, message and details', () => {
    const fields = [{ field: 'add', errors: ['each value must be shorter'] }];
    const error = thrown(() =>
      decodeReply(
        SUBJECT,
        JSON.stringify({
          err: { code: 'VALIDATION_FAILED', message: 'invalid payload', details: { fields } },
        }),
      ),
    );
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(error.message).toBe('invalid payload');
    expect(error.details).toEqual({ fields });
    expect(error.subject).toBe(SUBJECT);
    expect(error.name).toBe('SwitchboardError');
    expect(error.retryable).toBe(false);
  });

  it('throws an err that is no envelope as INTERNAL with what it said', () => {
    const bare = thrown(() => decodeReply(SUBJECT, JSON.stringify({ err: 'boom' })));
    expect(bare.code).toBe(ErrorCode.INTERNAL);
    expect(bare.message).toBe(`${SUBJECT} failed: boom`);
    const unknownCode = thrown(() =>
      decodeReply(SUBJECT, JSON.stringify({ err: { code: 'NEWER_CODE', message: 'later' } })),
    );
    expect(unknownCode.code).toBe(ErrorCode.INTERNAL);
    expect(unknownCode.message).toContain('later');
  });

  it('throws INTERNAL for a reply that is not JSON', () => {
    expect(thrown(() => decodeReply(SUBJECT, 'not json')).code).toBe(ErrorCode.INTERNAL);
    expect(thrown(() => decodeReply(SUBJECT, 'null')).code).toBe(ErrorCode.INTERNAL);
  });
});

describe('transportError', () => {
  it('turns a timeout into TIMEOUT and no responders into UNAVAILABLE, both retryable', () => {
    const timeout = transportError(SUBJECT, new natsErrors.TimeoutError());
    expect(timeout.code).toBe(ErrorCode.TIMEOUT);
    expect(timeout.retryable).toBe(true);
    const noResponders = new natsErrors.RequestError('no responders', {
      cause: new natsErrors.NoRespondersError(SUBJECT),
    });
    expect(transportError(SUBJECT, noResponders).code).toBe(ErrorCode.UNAVAILABLE);
    expect(transportError(SUBJECT, noResponders).retryable).toBe(true);
  });

  it("turns the server's permission violation into FORBIDDEN", () => {
    const violation = new natsErrors.PermissionViolationError(
      'Permissions Violation for Publish',
      'publish',
      SUBJECT,
    );
    const error = transportError(SUBJECT, new Error('request failed', { cause: violation }));
    expect(error.code).toBe(ErrorCode.FORBIDDEN);
    expect(error.retryable).toBe(false);
  });
});
