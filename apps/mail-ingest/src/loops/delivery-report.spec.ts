import { describe, expect, it } from '@jest/globals';
import { BOUNCE } from '../../test/fixtures/bounce';
import { failureReason, readDeliveryReport } from './delivery-report';

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
