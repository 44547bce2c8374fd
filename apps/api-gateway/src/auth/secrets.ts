import * as argon2 from 'argon2';
import { createHash, randomBytes } from 'node:crypto';

/** argon2id with OWASP's recommended minimum cost (19 MiB, 2 passes). */
const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/**
 * Verified against when the email is unknown, so that an unknown email takes as long as a wrong
 * password and the answer time tells nothing.
 */
export const DUMMY_PASSWORD_HASH = hashPassword(randomBytes(16).toString('hex'));

/** A bearer secret of 256 bits from the CSPRNG, with a prefix that says what it is. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** Tokens are stored only as their SHA-256: enough for 256-bit random secrets. */
export function secretHash(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}
