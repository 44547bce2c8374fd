import type { Readable } from 'node:stream';

/** What one `put` may accept. */
export interface StorageLimits {
  /** Largest content accepted, in bytes; a bigger stream is refused and nothing is kept. */
  maxBytes: number;
}

/** A stored content: its key is the SHA-256 of the bytes, so the same content is stored once. */
export interface StoredContent {
  key: string;
  size: number;
  sha256: string;
  /** False when the same content was stored already (by anyone): the caller did not make it. */
  created: boolean;
}

/**
 * Where attachment bytes live. Keys are content hashes chosen by the storage, never names given by
 * a client, so a file name can never become a path. Metadata (name, type, message) is not kept
 * here: it belongs to ticket-core.
 */
export interface AttachmentStorage {
  /** Stores the stream's bytes; rejects (and keeps nothing) when the stream errors or is too big. */
  put(stream: Readable, limits: StorageLimits): Promise<StoredContent>;
  /** The stored bytes; rejects with AttachmentNotFoundError for an unknown or malformed key. */
  open(key: string): Promise<Readable>;
  /** The stored size, or undefined for an unknown or malformed key. */
  stat(key: string): Promise<{ size: number; storedAt: Date } | undefined>;
  exists(key: string): Promise<boolean>;
  /**
   * Removes stored content; an unknown or malformed key is nothing to remove. Content is shared
   * by every upload of the same bytes: the caller makes sure none of them still needs it.
   */
  remove(key: string): Promise<void>;
  /** Removes what interrupted writes left behind before `before`; answers how many. */
  removeLeftovers(before: Date): Promise<number>;
}

/** The Nest injection token of the configured driver. */
export const ATTACHMENT_STORAGE = Symbol('AttachmentStorage');

const KEY_PATTERN = /^[0-9a-f]{64}$/;

/** A key is exactly a lowercase hex SHA-256: nothing else ever reaches the file system. */
export function isStorageKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** The stream was bigger than `StorageLimits.maxBytes`. */
export class StorageLimitError extends Error {
  constructor(readonly maxBytes: number) {
    super(`content exceeds the limit of ${maxBytes} bytes`);
    this.name = StorageLimitError.name;
  }
}

export class AttachmentNotFoundError extends Error {
  constructor(readonly key: string) {
    super('attachment not found');
    this.name = AttachmentNotFoundError.name;
  }
}
