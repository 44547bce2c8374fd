import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Whether the company's backend signed this visitor: HMAC-SHA256 of `externalId:email` with the
 * workspace's identity secret. Compared in constant time.
 */
export function identityIsSigned(
  secret: string,
  externalId: string,
  email: string | undefined,
  identityHash: string,
): boolean {
  const expected = createHmac('sha256', secret)
    .update(`${externalId}:${email ?? ''}`)
    .digest();
  const given = Buffer.from(identityHash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
