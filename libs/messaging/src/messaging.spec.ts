import { ErrorCode, isErrorEnvelope } from '@switchboard/contracts';
import { IsString, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { describe, expect, it } from '@jest/globals';
import { redeliveryDelayMs } from './events/event-consumers';
import { ServiceException } from './service-exception';
import { validatePayload } from './validation';

class Inner {
  @IsString()
  value: string;
}

class Outer {
  @IsString()
  name: string;

  @ValidateNested()
  @Type(() => Inner)
  inner: Inner;
}

async function validationError(payload: unknown): Promise<ServiceException> {
  return validatePayload(Outer, payload).then(
    () => {
      throw new Error('expected a validation failure');
    },
    (error: ServiceException) => error,
  );
}

describe('validatePayload', () => {
  it('returns a typed instance for a valid payload', async () => {
    const result = await validatePayload(Outer, { name: 'n', inner: { value: 'v' } });
    expect(result).toBeInstanceOf(Outer);
    expect(result.inner).toBeInstanceOf(Inner);
  });

  it('names nested and unknown fields', async () => {
    const error = await validationError({ name: 1, inner: { value: 2 }, extra: true });
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(error.details?.fields?.map((field) => field.field).sort()).toEqual([
      'extra',
      'inner.value',
      'name',
    ]);
  });

  it.each([null, 'text', 7, [1, 2]])(
    'refuses a payload that is not an object: %j',
    async (payload) => {
      expect((await validationError(payload)).code).toBe(ErrorCode.VALIDATION_FAILED);
    },
  );
});

describe('ServiceException', () => {
  it('becomes an error envelope that is recognised as one', () => {
    const envelope = new ServiceException(ErrorCode.NOT_FOUND, 'no such ticket').toEnvelope();
    expect(envelope).toEqual({ code: 'NOT_FOUND', message: 'no such ticket' });
    expect(isErrorEnvelope(envelope)).toBe(true);
  });

  it.each([null, {}, { code: 'NOPE', message: 'x' }, { code: 'NOT_FOUND' }])(
    'does not take %j for an envelope',
    (value) => expect(isErrorEnvelope(value)).toBe(false),
  );
});

describe('redeliveryDelayMs', () => {
  it('doubles from one second and stops at a minute', () => {
    expect([1, 2, 3, 4].map(redeliveryDelayMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(redeliveryDelayMs(20)).toBe(60_000);
  });
});
