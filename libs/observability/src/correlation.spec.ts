import { describe, expect, it } from '@jest/globals';
import {
  correlationFromHandshake,
  currentCorrelationId,
  runWithCorrelation,
  sanitizeCorrelationId,
} from './correlation';

describe('correlation ids', () => {
  it('is unset outside a scope and set inside, across awaits', async () => {
    expect(currentCorrelationId()).toBeUndefined();
    await runWithCorrelation('abc-123', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      expect(currentCorrelationId()).toBe('abc-123');
    });
  });

  it('makes a fresh id when the caller gave none or an unusable one', () => {
    for (const given of [undefined, '', 'has spaces', 'x'.repeat(129), 'line\nbreak']) {
      const id = runWithCorrelation(given, () => currentCorrelationId());
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it.each([
    ['req-1', 'req-1'],
    ['a.b:c_d-e', 'a.b:c_d-e'],
    [42, undefined],
    [['a', 'b'], undefined],
    ['<script>', undefined],
  ])('sanitizes %j to %j', (value, expected) => {
    expect(sanitizeCorrelationId(value)).toBe(expected);
  });

  it('reads a socket handshake header first, then its auth field', () => {
    expect(
      correlationFromHandshake({ headers: { 'x-request-id': 'h1' }, auth: { requestId: 'a1' } }),
    ).toBe('h1');
    expect(correlationFromHandshake({ headers: {}, auth: { requestId: 'a1' } })).toBe('a1');
    expect(correlationFromHandshake({ headers: {} })).toBeUndefined();
  });
});
