import {
  AttachmentNotFoundError,
  DiskAttachmentStorage,
  StorageLimitError,
} from '@switchboard/storage';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';

/** Every file under `dir`, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe('DiskAttachmentStorage (on a real file system)', () => {
  let dir: string;
  let storage: DiskAttachmentStorage;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-storage-'));
    storage = new DiskAttachmentStorage(dir);
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores content under its hash, in two levels of folders, and reads it back', async () => {
    const sha = createHash('sha256').update('report body').digest('hex');
    const stored = await storage.put(Readable.from([Buffer.from('report '), Buffer.from('body')]), {
      maxBytes: 1000,
    });
    expect(stored).toEqual({ key: sha, size: 11, sha256: sha, created: true });
    expect(await filesUnder(dir)).toEqual([join(sha.slice(0, 2), sha.slice(2, 4), sha)]);
    expect(await readFile(join(dir, sha.slice(0, 2), sha.slice(2, 4), sha), 'utf8')).toBe(
      'report body',
    );
    expect(await text(await storage.open(sha))).toBe('report body');
    const stats = await storage.stat(sha);
    expect(stats?.size).toBe(11);
    expect(Date.now() - stats!.storedAt.getTime()).toBeLessThan(60_000);
    expect(await storage.exists(sha)).toBe(true);
  });

  it('stores the same content once', async () => {
    const first = await storage.put(Readable.from([Buffer.from('same')]), { maxBytes: 10 });
    const path = join(dir, first.key.slice(0, 2), first.key.slice(2, 4), first.key);
    const long = new Date(Date.now() - 3_600_000);
    await utimes(path, long, long);
    const second = await storage.put(Readable.from([Buffer.from('same')]), { maxBytes: 10 });
    expect(second.key).toBe(first.key);
    expect([first.created, second.created]).toEqual([true, false]);
    expect(await filesUnder(dir)).toHaveLength(1);
    // Stored again now: the clean-up of old uploads counts from here.
    expect((await storage.stat(first.key))!.storedAt.getTime()).toBeGreaterThan(long.getTime());
  });

  it('removes only the stale leftovers of interrupted writes', async () => {
    await mkdir(join(dir, 'tmp'), { recursive: true });
    const stale = join(dir, 'tmp', 'a.part');
    const fresh = join(dir, 'tmp', 'b.part');
    await writeFile(stale, 'x');
    await writeFile(fresh, 'y');
    const long = new Date(Date.now() - 3_600_000);
    await utimes(stale, long, long);
    expect(await storage.removeLeftovers(new Date(Date.now() - 60_000))).toBe(1);
    expect((await readdir(join(dir, 'tmp'))).sort()).toEqual(['b.part']);
  });

  it('refuses content over the limit and leaves no file behind', async () => {
    const big = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    await expect(storage.put(big, { maxBytes: 1000 })).rejects.toBeInstanceOf(StorageLimitError);
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('leaves no file behind when the source stream fails half way', async () => {
    const source = new PassThrough();
    const put = storage.put(source, { maxBytes: 1000 });
    source.write(Buffer.from('partial'));
    setTimeout(() => source.destroy(new Error('client went away')), 10);
    await expect(put).rejects.toThrow('client went away');
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('fails with the source’s error, not a crash, when the source fails before it is piped', async () => {
    const source = new PassThrough();
    const put = storage.put(source, { maxBytes: 1000 });
    source.destroy(new Error('client went away early'));
    await expect(put).rejects.toThrow(/client went away early|premature close/i);
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('removes content by its key, and nothing for unknown or malformed keys', async () => {
    const kept = await storage.put(Readable.from([Buffer.from('kept')]), { maxBytes: 10 });
    const gone = await storage.put(Readable.from([Buffer.from('gone')]), { maxBytes: 10 });
    await storage.remove(gone.key);
    expect(await storage.exists(gone.key)).toBe(false);
    await expect(storage.open(gone.key)).rejects.toBeInstanceOf(AttachmentNotFoundError);
    await storage.remove(gone.key);
    await storage.remove('0'.repeat(64));
    await storage.remove('../tmp');
    expect(await filesUnder(dir)).toEqual([
      join(kept.key.slice(0, 2), kept.key.slice(2, 4), kept.key),
    ]);
    // Stored again after a removal, the same content is back under the same key.
    expect((await storage.put(Readable.from([Buffer.from('gone')]), { maxBytes: 10 })).key).toBe(
      gone.key,
    );
    expect(await storage.exists(gone.key)).toBe(true);
  });

  it('treats unknown and malformed keys as not found, never as paths', async () => {
    await expect(storage.open('0'.repeat(64))).rejects.toBeInstanceOf(AttachmentNotFoundError);
    await expect(storage.open('../../etc/passwd')).rejects.toBeInstanceOf(AttachmentNotFoundError);
    expect(await storage.exists('../tmp')).toBe(false);
    expect(await storage.stat('0'.repeat(64))).toBeUndefined();
  });
});
