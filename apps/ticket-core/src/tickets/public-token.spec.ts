import { describe, expect, it } from '@jest/globals';
import { newPublicToken } from './ticket-creation.service';

describe('newPublicToken', () => {
  it('is 192 random bits, URL-safe, and never the same twice', () => {
    const tokens = Array.from({ length: 1000 }, () => newPublicToken());
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(24);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });
});
