import { describe, expect, it } from '@jest/globals';
import { MessageV1 } from '@switchboard/contracts';
import {
  customerWroteSince,
  fromEvent,
  lastCustomerSeq,
  numberedMessages,
} from './numbered-messages';

const message = (
  id: string,
  visibility: MessageV1['visibility'],
  authorKind: MessageV1['authorKind'],
): MessageV1 => ({
  id,
  visibility,
  authorKind,
  authorId: `${authorKind}-1`,
  authorName: authorKind === 'agent' ? 'Ada' : null,
  bodyText: `text of ${id}`,
  bodyHtml: null,
  attachments: [],
  mail: null,
  createdAt: '2026-12-07T10:00:00.000Z',
});

const history = [
  message('m1', 'public', 'customer'),
  message('m2', 'internal', 'agent'),
  message('m3', 'public', 'agent'),
  message('m4', 'public', 'customer'),
];

describe('numberedMessages', () => {
  it('numbers every message for agents, notes included', () => {
    expect(numberedMessages('t1', history, 'agent').map((m) => [m.seq, m.id])).toEqual([
      [1, 'm1'],
      [2, 'm2'],
      [3, 'm3'],
      [4, 'm4'],
    ]);
  });

  it('numbers only public messages for customers, and hides agent ids from them', () => {
    const seen = numberedMessages('t1', history, 'customer');
    expect(seen.map((m) => [m.seq, m.id])).toEqual([
      [1, 'm1'],
      [2, 'm3'],
      [3, 'm4'],
    ]);
    expect(seen.find((m) => m.id === 'm3')).toMatchObject({ authorId: null, authorName: 'Ada' });
    expect(seen.some((m) => m.visibility === 'internal')).toBe(false);
  });

  it('continues the numbers of a read that starts after the first messages', () => {
    // ticket-core answered the customer's history after its first public message.
    const rest = numberedMessages('t1', [history[2], history[3]], 'customer', 1);
    expect(rest.map((m) => [m.seq, m.id])).toEqual([
      [2, 'm3'],
      [3, 'm4'],
    ]);
  });
});

describe('customerWroteSince', () => {
  const numbered = numberedMessages('t1', history, 'agent');

  it('is true when a customer message came after the one the agent saw', () => {
    expect(customerWroteSince(numbered, 3)).toBe(true);
  });

  it('is false when the agent saw the last customer message, whatever agents wrote after', () => {
    expect(customerWroteSince(numbered, 4)).toBe(false);
    expect(customerWroteSince(numberedMessages('t1', history.slice(0, 3), 'agent'), 1)).toBe(false);
  });
});

describe('fromEvent', () => {
  // m4 is the 4th message of all and the 3rd public one.
  const added = { eventId: 'e4', message: history[3], place: { all: 4, public: 3 } };

  it('is the next message itself for a reader that has all before it, in its numbering', () => {
    expect(fromEvent('t1', added, 'agent', 3)).toEqual([
      expect.objectContaining({ seq: 4, id: 'm4' }),
    ]);
    expect(fromEvent('t1', added, 'customer', 2)).toEqual([
      expect.objectContaining({ seq: 3, id: 'm4', authorId: 'customer-1' }),
    ]);
  });

  it('is nothing for a reader that has it already, or a customer and a note', () => {
    expect(fromEvent('t1', added, 'agent', 4)).toEqual([]);
    expect(fromEvent('t1', added, 'customer', 5)).toEqual([]);
    const note = { eventId: 'e2', message: history[1], place: { all: 2, public: 1 } };
    expect(fromEvent('t1', note, 'customer', 0)).toEqual([]);
  });

  it('cannot tell a reader with a gap before it, nor without the place', () => {
    expect(fromEvent('t1', added, 'agent', 2)).toBeUndefined();
    expect(fromEvent('t1', added, 'customer', 0)).toBeUndefined();
    expect(fromEvent('t1', { eventId: 'e4', message: history[3] }, 'agent', 3)).toBeUndefined();
  });
});

describe('lastCustomerSeq', () => {
  it('is the seq of the last customer message, or what was known if later', () => {
    const numbered = numberedMessages('t1', history, 'agent');
    expect(lastCustomerSeq(numbered)).toBe(4);
    expect(lastCustomerSeq(numbered.slice(0, 3))).toBe(1);
    expect(lastCustomerSeq(numbered.slice(1, 3), 1)).toBe(1);
    expect(lastCustomerSeq([], 7)).toBe(7);
  });
});
