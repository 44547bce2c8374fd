import { describe, expect, it } from '@jest/globals';
import { hashPassword, newSecret, secretHash, verifyPassword } from './secrets';

describe('secrets', () => {
  it('hashes passwords with argon2id at the OWASP minimum cost, salted, and verifies them', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await hashPassword('correct horse battery staple')).not.toBe(hash);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stapler')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });

  it('makes 256-bit bearer secrets with their prefix, stored only as their SHA-256', () => {
    const secret = newSecret('sbr');
    expect(secret).toMatch(/^sbr_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.slice(4), 'base64url')).toHaveLength(32);
    expect(newSecret('sbr')).not.toBe(secret);
    expect(secretHash(secret)).toHaveLength(32);
    expect(secretHash(secret).equals(secretHash(secret))).toBe(true);
  });
});
