import { describe, expect, it } from '@jest/globals';
import { failureReason, readDeliveryReport } from './delivery-report';

export const BOUNCE = [
  'From: Mail Delivery System <MAILER-DAEMON@mx.example.test>',
  'To: support@acme.test',
  'Subject: Undelivered Mail Returned to Sender',
  'Message-ID: <bounce-1@mx.example.test>',
  'Auto-Submitted: auto-replied',
  'MIME-Version: 1.0',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
  '',
  '--B',
  'Content-Type: text/plain',
  '',
  'I could not deliver your message.',
  '--B',
  'Content-Type: message/delivery-status',
  '',
  'Reporting-MTA: dns; mx.example.test',
  '',
  'Final-Recipient: rfc822; gone@example.test',
  'Action: failed',
  'Status: 5.1.1',
  'Diagnostic-Code: smtp; 550 5.1.1 <gone@example.test>: Recipient address',
  '  rejected: User unknown',
  '',
  '--B',
  'Content-Type: text/rfc822-headers',
  '',
  'From: support@acme.test',
  'To: gone@example.test',
  'Message-ID: <r1abc.0011@mail.acme.test>',
  'Subject: Re: your ticket',
  '',
  '--B--',
  '',
].join('\r\n');

describe('readDeliveryReport', () => {
  it("reads the failed recipient, status, diagnostic and the original's Message-ID", () => {
    const report = readDeliveryReport(Buffer.from(BOUNCE));
    expect(report).toEqual({
      originalMessageId: '<r1abc.0011@mail.acme.test>',
      recipient: 'gone@example.test',
      action: 'failed',
      status: '5.1.1',
      diagnostic: '550 5.1.1 <gone@example.test>: Recipient address rejected: User unknown',
    });
    expect(failureReason(report)).toBe(
      '5.1.1 550 5.1.1 <gone@example.test>: Recipient address rejected: User unknown',
    );
  });

  it('never takes the report’s own Message-ID for the original', () => {
    const withoutOriginal = BOUNCE.replace('Message-ID: <r1abc.0011@mail.acme.test>\r\n', '');
    expect(readDeliveryReport(Buffer.from(withoutOriginal)).originalMessageId).toBeUndefined();
  });
});
