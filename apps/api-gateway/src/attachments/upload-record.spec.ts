import { describe, expect, it } from '@jest/globals';
import { UploadRecord, recordedAttachment } from './upload-record';

const KEY = 'a'.repeat(64);

const record = (fields: Partial<UploadRecord>): UploadRecord => ({
  key: KEY,
  name: 'notes.txt',
  contentType: 'text/plain',
  size: 42,
  uploadedAt: new Date('2026-01-01T00:00:00Z'),
  ...fields,
});

describe('recordedAttachment', () => {
  it("replaces the client's name, type and size with the upload's", () => {
    const claimed = { key: KEY, name: 'a.html', contentType: 'text/html', size: 1 };
    expect(recordedAttachment(claimed, [record({})])).toEqual({
      key: KEY,
      name: 'notes.txt',
      contentType: 'text/plain',
      size: 42,
    });
  });

  it('is undefined for a key without a record', () => {
    const claimed = { key: 'b'.repeat(64), name: 'x', contentType: 'text/plain', size: 42 };
    expect(recordedAttachment(claimed, [record({})])).toBeUndefined();
  });

  it('chooses among uploads of the same bytes: claimed type, then claimed name, then latest', () => {
    const csv = record({ name: 'data.csv', contentType: 'text/csv' });
    const txt = record({ name: 'data.txt' });
    const later = record({ name: 'later.txt', uploadedAt: new Date('2026-02-01T00:00:00Z') });
    const records = [csv, txt, later];
    const pick = (name: string, contentType: string) =>
      recordedAttachment({ key: KEY, name, contentType, size: 0 }, records)?.name;
    expect(pick('data.txt', 'text/csv')).toBe('data.csv');
    expect(pick('data.txt', ' Text/Plain ')).toBe('data.txt');
    // Compared as it would have been recorded: sanitized.
    expect(pick('../data.txt', 'text/plain')).toBe('data.txt');
    expect(pick('other.txt', 'text/plain')).toBe('later.txt');
    expect(pick('other.txt', 'text/html')).toBe('later.txt');
  });
});
