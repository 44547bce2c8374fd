import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { identityIsSigned } from './customer-identity';

const secret = 'a'.repeat(64);
const sign = (text: string) => createHmac('sha256', secret).update(text).digest('hex');

describe('identityIsSigned', () => {
  it('accepts the HMAC of externalId:email', () => {
    expect(
      identityIsSigned(secret, 'crm-42', 'erin@shop.test', sign('crm-42:erin@shop.test')),
    ).toBe(true);
  });

  it('refuses another email, another id, another secret and a hash that is no hex', () => {
    const hash = sign('crm-42:erin@shop.test');
    expect(identityIsSigned(secret, 'crm-42', 'mallory@shop.test', hash)).toBe(false);
    expect(identityIsSigned(secret, 'crm-43', 'erin@shop.test', hash)).toBe(false);
    expect(identityIsSigned('b'.repeat(64), 'crm-42', 'erin@shop.test', hash)).toBe(false);
    expect(identityIsSigned(secret, 'crm-42', 'erin@shop.test', 'z'.repeat(64))).toBe(false);
  });
});
