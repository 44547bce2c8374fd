import { describe, expect, it } from '@jest/globals';
import {
  MAX_AGE_MS,
  MIN_FILL_MS,
  refusalOf,
  signFormToken,
  verifyFormToken,
} from './contact-form-token';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const WORKSPACE = '22222222-2222-4222-8222-222222222222';
const SERVED = 1_800_000_000_000;

describe('contact form token', () => {
  const token = signFormToken(SECRET, WORKSPACE, SERVED);

  it('is accepted between the fill time and a day', () => {
    expect(verifyFormToken(SECRET, WORKSPACE, token, SERVED + MIN_FILL_MS)).toBe('ok');
    expect(verifyFormToken(SECRET, WORKSPACE, token, SERVED + MAX_AGE_MS)).toBe('ok');
  });

  it('refuses a submission faster than a person, and a stale form', () => {
    expect(verifyFormToken(SECRET, WORKSPACE, token, SERVED + MIN_FILL_MS - 1)).toBe('too-fast');
    expect(verifyFormToken(SECRET, WORKSPACE, token, SERVED + MAX_AGE_MS + 1)).toBe('expired');
  });

  it('refuses another secret, another workspace, a changed time and junk', () => {
    const later = SERVED + 10_000;
    expect(
      verifyFormToken('another-secret-of-thirty-two-characters!', WORKSPACE, token, later),
    ).toBe('invalid');
    expect(verifyFormToken(SECRET, '33333333-3333-4333-8333-333333333333', token, later)).toBe(
      'invalid',
    );
    const [, signature] = token.split('.');
    expect(verifyFormToken(SECRET, WORKSPACE, `${SERVED - 60_000}.${signature}`, later)).toBe(
      'invalid',
    );
    for (const junk of [undefined, '', 'x.y', 42, `${SERVED}.${'A'.repeat(43)}`]) {
      expect(verifyFormToken(SECRET, WORKSPACE, junk, later)).toBe('invalid');
    }
  });
});

describe('contact form refusal', () => {
  const formToken = signFormToken(SECRET, WORKSPACE, SERVED);
  const later = SERVED + 10_000;

  it('accepts a good token with the honeypot empty or absent', () => {
    expect(refusalOf(SECRET, WORKSPACE, { formToken, website: '' }, later)).toBeNull();
    expect(refusalOf(SECRET, WORKSPACE, { formToken }, later)).toBeNull();
  });

  it('refuses a filled honeypot like a bad token, whatever the token', () => {
    const refused = refusalOf(
      SECRET,
      WORKSPACE,
      { formToken, website: 'https://spam.test' },
      later,
    );
    expect(refused).toMatch(/could not be accepted/);
    expect(refused).toBe(refusalOf(SECRET, WORKSPACE, { formToken: 'forged' }, later));
  });

  it('says what to do when too fast or too old', () => {
    expect(refusalOf(SECRET, WORKSPACE, { formToken }, SERVED + 500)).toMatch(/quick/);
    expect(refusalOf(SECRET, WORKSPACE, { formToken }, SERVED + MAX_AGE_MS + 1)).toMatch(
      /too long/,
    );
  });
});
