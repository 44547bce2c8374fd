import { ErrorCode } from '@switchboard/contracts';
import { describe, expect, it } from '@jest/globals';
import { TicketCoreException } from '../core/ticket-core.exception';
import { decodeCursor, encodeCursor } from './view-cursor';

const cursor = {
  sortKey: '2031-02-03T04:05:06.789012Z',
  id: '0b7f6c1e-4a55-4c9e-9d1f-2a3b4c5d6e7f',
};

function refusal(view: 'new' | 'solved', encoded: string): TicketCoreException {
  try {
    decodeCursor(view, encoded);
  } catch (error) {
    expect(error).toBeInstanceOf(TicketCoreException);
    return error as TicketCoreException;
  }
  throw new Error(`accepted ${encoded}`);
}

describe('view cursor', () => {
  it('round-trips the sort key with its microseconds and the id', () => {
    const encoded = encodeCursor('solved', cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('solved', encoded)).toEqual(cursor);
  });

  it("refuses another view's cursor", () => {
    expect(refusal('new', encodeCursor('solved', cursor)).code).toBe(ErrorCode.VALIDATION_FAILED);
  });

  it.each([
    ['garbage', 'not-base64-json'],
    ['a millisecond key', encodeCursor('new', { ...cursor, sortKey: '2031-02-03T04:05:06.789Z' })],
    ['an id that is no uuid', encodeCursor('new', { ...cursor, id: "1' OR '1'='1" })],
    ['an object', Buffer.from(JSON.stringify({ view: 'new' })).toString('base64url')],
  ])('refuses %s', (_, encoded) => {
    expect(refusal('new', encoded).code).toBe(ErrorCode.VALIDATION_FAILED);
  });
});
