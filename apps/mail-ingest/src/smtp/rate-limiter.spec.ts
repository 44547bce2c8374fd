import { describe, expect, it } from '@jest/globals';
import { SmtpRateLimiter } from './rate-limiter';

describe('SmtpRateLimiter', () => {
  it('allows up to the connection limit per address, and again after one closes', () => {
    const limiter = new SmtpRateLimiter(2, 100);
    expect(limiter.openConnection('10.0.0.1')).toBe(true);
    expect(limiter.openConnection('10.0.0.1')).toBe(true);
    expect(limiter.openConnection('10.0.0.1')).toBe(false);
    expect(limiter.openConnection('10.0.0.2')).toBe(true);
    limiter.closeConnection('10.0.0.1');
    expect(limiter.openConnection('10.0.0.1')).toBe(true);
  });

  it('allows the message limit per minute, then again in the next minute', () => {
    let now = 1_000_000;
    const limiter = new SmtpRateLimiter(10, 3, () => now);
    expect([1, 2, 3, 4].map(() => limiter.takeMessage('10.0.0.1'))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(limiter.takeMessage('10.0.0.2')).toBe(true);
    now += 59_999;
    expect(limiter.takeMessage('10.0.0.1')).toBe(false);
    now += 1;
    expect(limiter.takeMessage('10.0.0.1')).toBe(true);
  });
});
