import { describe, expect, it } from '@jest/globals';
import { redactUrl } from './redact';

describe('redactUrl', () => {
  it.each([
    ['/api/v1/public/tickets/abc123', '/api/v1/public/tickets/[redacted]'],
    [
      '/api/v1/public/tickets/abc123/attachments/k1?download=1',
      '/api/v1/public/tickets/[redacted]/attachments/k1?download=1',
    ],
    ['/t/abc123', '/t/[redacted]'],
    ['/t/abc123?sent=1', '/t/[redacted]?sent=1'],
    ['/x?token=s3cret&page=2', '/x?token=[redacted]&page=2'],
    ['/x?page=2&refresh_token=s3cret', '/x?page=2&refresh_token=[redacted]'],
    ['/socket.io/?EIO=4&sessionToken=abc', '/socket.io/?EIO=4&sessionToken=[redacted]'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('leaves URLs without credentials alone', () => {
    for (const url of ['/api/v1/tickets/22', '/kb/acme/articles/t', '/tickets?status=open'])
      expect(redactUrl(url)).toBe(url);
  });
});
