import { describe, expect, it } from '@jest/globals';
import { classifySmtpError, nextAttemptAt } from './retry-policy';

describe('nextAttemptAt', () => {
  const now = new Date('2026-12-07T10:00:00Z');
  const after = (attempts: number) => nextAttemptAt(now, attempts, 12)!.getTime() - now.getTime();

  it('doubles the wait from one second and caps it at 15 minutes', () => {
    expect([1, 2, 3, 4].map(after)).toEqual([1000, 2000, 4000, 8000]);
    expect(after(11)).toBe(15 * 60_000);
  });

  it('gives up once the tries are used', () => {
    expect(nextAttemptAt(now, 12, 12)).toBeUndefined();
    expect(nextAttemptAt(now, 11, 12)).toBeDefined();
  });
});

describe('classifySmtpError', () => {
  it('takes 4xx answers and socket errors as temporary', () => {
    expect(classifySmtpError({ responseCode: 451, response: '451 4.3.0 try later' })).toEqual({
      kind: 'temporary',
      reason: '451 4.3.0 try later',
    });
    expect(classifySmtpError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }).kind).toBe(
      'temporary',
    );
  });

  it('takes 5xx as permanent, and a refused recipient as a hard bounce', () => {
    expect(classifySmtpError({ responseCode: 550, response: '550 5.1.1 no such user' })).toEqual({
      kind: 'permanent',
      reason: '550 5.1.1 no such user',
      bounce: true,
    });
    expect(classifySmtpError({ responseCode: 552, response: '552 5.3.4 too big' })).toEqual({
      kind: 'permanent',
      reason: '552 5.3.4 too big',
      bounce: false,
    });
  });
});
