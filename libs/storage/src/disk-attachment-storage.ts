import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AttachmentNotFoundError,
  AttachmentStorage,
  StorageLimits,
  StoredContent,
  isStorageKey,
} from './attachment-storage';
import { ContentMeter } from './content-meter';

/**
 * The default driver: files on disk under one directory, at `<dir>/<aa>/<bb>/<sha256>`. A put
 * writes to `<dir>/tmp/` while hashing and counting, then renames into place, so a reader never
 * sees a partial file and a refused or failed upload leaves nothing behind. The temporary folder
 * is inside the directory so that the rename stays on one file system (and so stays atomic).
 */
export class DiskAttachmentStorage implements AttachmentStorage {
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  async put(stream: Readable, limits: StorageLimits): Promise<StoredContent> {
    // The source may fail (a client going away) while the folder is still being made, before the
    // pipeline listens: an error nobody listens to would take the process down. The pipeline
    // then finds the stream destroyed and fails with that error.
    const ignoreUntilPiped = () => undefined;
    stream.on('error', ignoreUntilPiped);
    const tmpDir = join(this.root, 'tmp');
    try {
      await mkdir(tmpDir, { recursive: true });
    } finally {
      stream.off('error', ignoreUntilPiped);
    }
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    const meter = new ContentMeter(limits.maxBytes);
    // `wx`: a fresh file, never an existing one; `flush`: on disk before the stream closes,
    // since a reply may reference the key as soon as put() answers.
    const file = createWriteStream(tmp, { flags: 'wx', mode: 0o600, flush: true });
    try {
      await pipeline(stream, meter, file);
    } catch (error) {
      // A refusal can come while the file is still being opened: remove it once it is closed,
      // or the open would create it after the removal.
      if (!file.closed) await new Promise<void>((resolve) => file.once('close', () => resolve()));
      await rm(tmp, { force: true });
      throw error;
    }

    const sha256 = meter.digest();
    const target = this.pathOf(sha256);
    let created = false;
    try {
      if (await this.exists(sha256)) {
        // Same content already stored: keep one copy, and note that it was stored again now
        // (the clean-up of abandoned uploads leaves content stored recently by anyone alone).
        await rm(tmp, { force: true });
        const now = new Date();
        await utimes(target, now, now).catch(() => undefined);
      } else {
        created = true;
        await mkdir(dirname(target), { recursive: true });
        await rename(tmp, target);
        await syncDirectory(dirname(target));
      }
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    return { key: sha256, size: meter.size, sha256, created };
  }

  async open(key: string): Promise<Readable> {
    if (!isStorageKey(key)) throw new AttachmentNotFoundError(key);
    try {
      const file = await open(this.pathOf(key), 'r');
      return file.createReadStream();
    } catch (error) {
      if (isNotFound(error)) throw new AttachmentNotFoundError(key);
      throw error;
    }
  }

  async stat(key: string): Promise<{ size: number; storedAt: Date } | undefined> {
    if (!isStorageKey(key)) return undefined;
    try {
      const stats = await stat(this.pathOf(key));
      return stats.isFile() ? { size: stats.size, storedAt: stats.mtime } : undefined;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }

  async remove(key: string): Promise<void> {
    if (!isStorageKey(key)) return;
    await rm(this.pathOf(key), { force: true });
  }

  /** `tmp/*.part` files of writes a crash (or a killed process) interrupted. */
  async removeLeftovers(before: Date): Promise<number> {
    const tmpDir = join(this.root, 'tmp');
    const names = await readdir(tmpDir).catch((error: unknown) => {
      if (isNotFound(error)) return [] as string[];
      throw error;
    });
    let removed = 0;
    for (const name of names) {
      if (!name.endsWith('.part')) continue;
      const path = join(tmpDir, name);
      const stats = await stat(path).catch(() => undefined);
      // A write in progress keeps its file fresh; only one untouched since `before` is left over.
      if (!stats || stats.mtime >= before) continue;
      await rm(path, { force: true });
      removed += 1;
    }
    return removed;
  }

  /** Two levels of 256 folders keep directories small at millions of files. */
  private pathOf(key: string): string {
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Makes the rename itself durable; best effort, as some file systems refuse to fsync a folder. */
async function syncDirectory(path: string): Promise<void> {
  try {
    const dir = await open(path, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // Not fatal: the file's own content is already synced.
  }
}
