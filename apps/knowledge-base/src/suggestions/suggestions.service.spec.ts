import { describe, expect, it } from '@jest/globals';
import * as c from '@switchboard/contracts';
import { ticketText } from './suggestions.service';

const message = (authorKind: c.MessageV1['authorKind'], bodyText: string) =>
  ({ authorKind, bodyText }) as c.MessageV1;

describe('ticketText', () => {
  it("reads the subject and the customer's three latest messages, newest first", () => {
    const text = ticketText({
      subject: 'Help',
      messages: [
        message('customer', 'one'),
        message('customer', 'two'),
        message('agent', 'agent words'),
        message('customer', 'three'),
        message('customer', 'four'),
      ],
    });
    expect(text).toBe('Help\nfour\nthree\ntwo');
  });
});
