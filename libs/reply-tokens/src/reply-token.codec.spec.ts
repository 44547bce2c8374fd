import { describe, expect, it } from '@jest/globals';
import { ReplyTokenCodec, tokenOfAddress, tokenOfMessageId } from './reply-token.codec';

const WORKSPACE = '3f0c2a52-0d8e-4e7a-9a51-1b8f2f7c9d10';
const OTHER_WORKSPACE = '7d1e4b63-1f9a-4b2c-8c62-2c9a3e8d0e21';
const TICKET = 'b5a1c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const codec = new ReplyTokenCodec('a'.repeat(32));

describe('ReplyTokenCodec', () => {
  it('gives back the ticket of a token it signed, for its workspace only', () => {
    const token = codec.sign(WORKSPACE, TICKET);
    expect(token).toMatch(/^r1[a-z2-7]{42}$/);
    expect(codec.verify(token, WORKSPACE)).toBe(TICKET);
    expect(codec.verify(token, OTHER_WORKSPACE)).toBeUndefined();
  });

  it('survives a mail server that upper-cases the local part', () => {
    expect(codec.verify(codec.sign(WORKSPACE, TICKET).toUpperCase(), WORKSPACE)).toBe(TICKET);
  });

  it('refuses a token signed with another secret, altered, truncated or made up', () => {
    const token = codec.sign(WORKSPACE, TICKET);
    const other = new ReplyTokenCodec('b'.repeat(32)).sign(WORKSPACE, TICKET);
    const flipped = token.slice(0, 10) + (token[10] === 'a' ? 'b' : 'a') + token.slice(11);
    for (const bad of [other, flipped, token.slice(0, -1), 'r1' + 'a'.repeat(42), 'hello', '']) {
      expect(codec.verify(bad, WORKSPACE)).toBeUndefined();
    }
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => new ReplyTokenCodec('short')).toThrow(/at least 32 bytes/);
  });

  it('puts the token in a plus-address that fits a local part, and reads it back', () => {
    const address = codec.plusAddress('support@acme.example', WORKSPACE, TICKET);
    expect(address).toMatch(/^support\+r1[a-z2-7]{42}@acme\.example$/);
    expect(address.split('@')[0].length).toBeLessThanOrEqual(64);
    expect(codec.verify(tokenOfAddress(address)!, WORKSPACE)).toBe(TICKET);
    expect(tokenOfAddress('support@acme.example')).toBeUndefined();
  });

  it('puts the token in a unique Message-ID of our own, and reads it back', () => {
    const first = codec.messageId(WORKSPACE, TICKET, 'mail.acme.example');
    const second = codec.messageId(WORKSPACE, TICKET, 'mail.acme.example');
    expect(first).toMatch(/^<r1[a-z2-7]{42}\.[0-9a-f]{16}@mail\.acme\.example>$/);
    expect(first).not.toBe(second);
    expect(codec.verify(tokenOfMessageId(first)!, WORKSPACE)).toBe(TICKET);
    expect(tokenOfMessageId('<CAF=abc123@mail.gmail.com>')).toBeUndefined();
  });
});
