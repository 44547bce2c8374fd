import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from '@jest/globals';
import { StorageLimitError, isStorageKey } from './attachment-storage';
import { ContentMeter } from './content-meter';

const sink = () =>
  new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });

describe('ContentMeter', () => {
  it('counts and hashes what passes through', async () => {
    const meter = new ContentMeter(100);
    await pipeline(Readable.from([Buffer.from('hello '), Buffer.from('world')]), meter, sink());
    expect(meter.size).toBe(11);
    expect(meter.digest()).toBe(createHash('sha256').update('hello world').digest('hex'));
  });

  it('accepts exactly the limit and fails one byte over it', async () => {
    await expect(
      pipeline(Readable.from([Buffer.alloc(10)]), new ContentMeter(10), sink()),
    ).resolves.toBeUndefined();
    const failed = pipeline(
      Readable.from([Buffer.alloc(6), Buffer.alloc(5)]),
      new ContentMeter(10),
      sink(),
    );
    await expect(failed).rejects.toBeInstanceOf(StorageLimitError);
    await expect(failed).rejects.toMatchObject({ maxBytes: 10 });
  });
});

describe('isStorageKey', () => {
  it('accepts only a lowercase hex SHA-256', () => {
    expect(isStorageKey('a'.repeat(64))).toBe(true);
    expect(isStorageKey('A'.repeat(64))).toBe(false);
    expect(isStorageKey('a'.repeat(63))).toBe(false);
    expect(isStorageKey(`../../${'a'.repeat(58)}`)).toBe(false);
    expect(isStorageKey(`${'a'.repeat(64)}/x`)).toBe(false);
  });
});
