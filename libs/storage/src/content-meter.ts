import { Hash, createHash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import { StorageLimitError } from './attachment-storage';

/**
 * Passes bytes through while hashing and counting them; fails the pipeline as soon as the count
 * goes over the limit, so an oversized upload is cut off instead of written out in full.
 */
export class ContentMeter extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private count = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  get size(): number {
    return this.count;
  }

  /** The hex SHA-256 of everything that passed; call once, after the stream ended. */
  digest(): string {
    return this.hash.digest('hex');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.count += chunk.length;
    if (this.count > this.maxBytes) {
      callback(new StorageLimitError(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }
}
