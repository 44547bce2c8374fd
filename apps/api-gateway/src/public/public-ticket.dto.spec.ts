import { PublicTicketV1 } from '@switchboard/contracts';
import { describe, expect, it } from '@jest/globals';
import { toPublicTicket } from './public-ticket.dto';

describe('toPublicTicket', () => {
  it('passes on no internal id and links attachments through the token', () => {
    const wire: PublicTicketV1 & { extra?: string } = {
      ticketId: '11111111-1111-4111-8111-111111111111',
      workspaceId: '22222222-2222-4222-8222-222222222222',
      customerId: '33333333-3333-4333-8333-333333333333',
      extra: 'added to the wire later',
      number: 7,
      subject: 'Printer',
      status: 'open',
      createdAt: '2030-01-01T00:00:00.000Z',
      messages: [
        {
          id: 'm1',
          authorKind: 'agent',
          authorName: 'Sigrid',
          bodyText: 'hi',
          bodyHtml: null,
          attachments: [{ key: 'k'.repeat(64), name: 'a.png', contentType: 'image/png', size: 3 }],
          createdAt: '2030-01-01T00:00:00.000Z',
        },
      ],
    };
    const page = toPublicTicket('tok', wire);
    const json = JSON.stringify(page);
    for (const secret of [
      wire.ticketId!,
      wire.workspaceId!,
      wire.customerId!,
      'added to the wire',
    ]) {
      expect(json).not.toContain(secret);
    }
    expect(page.messages[0]).toMatchObject({
      id: 'm1',
      author: 'agent',
      authorName: 'Sigrid',
      attachments: [{ url: `/api/v1/public/tickets/tok/attachments/${'k'.repeat(64)}` }],
    });
  });
});
