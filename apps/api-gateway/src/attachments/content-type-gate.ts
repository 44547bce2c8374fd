import { Transform, TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { AttachmentException } from './attachment.exception';

/** What file-type reads at most to recognise a format. */
export const SNIFF_BYTES = 4100;

/** Types without a magic number, accepted only as valid UTF-8 without NUL bytes. */
const TEXT_TYPES: Record<string, string> = { 'text/plain': '.txt', 'text/csv': '.csv' };

export interface TypeDecision {
  contentType: string;
  /** The bytes still have to prove to be text. */
  text: boolean;
}

/** `image/png` matches `image/png` and `image/*`. */
export function isAllowedType(contentType: string, allowed: readonly string[]): boolean {
  return allowed.some(
    (entry) =>
      entry === contentType || (entry.endsWith('/*') && contentType.startsWith(entry.slice(0, -1))),
  );
}

function essence(mimeType: string): string {
  return mimeType.split(';')[0].trim().toLowerCase();
}

/**
 * The type an upload is stored and served as. The bytes decide: what file-type recognises is
 * that type whatever the client claimed (an .exe named .png is an .exe). Only when nothing is
 * recognised may the upload be text, if the client says so (by type or by extension) and the
 * workspace accepts it; anything else unrecognised is refused, since it cannot be checked.
 */
export function decideType(
  detected: string | undefined,
  declaredType: string,
  fileName: string,
  allowed: readonly string[],
): TypeDecision {
  if (detected) {
    if (!isAllowedType(detected, allowed))
      throw AttachmentException.unsupportedType(detected, allowed);
    return { contentType: detected, text: false };
  }
  const declared = essence(declaredType);
  const byExtension = Object.keys(TEXT_TYPES).find((type) =>
    fileName.toLowerCase().endsWith(TEXT_TYPES[type]),
  );
  const text = declared in TEXT_TYPES ? declared : byExtension;
  if (text && isAllowedType(text, allowed)) return { contentType: text, text: true };
  throw AttachmentException.unsupportedType(
    declared || 'unknown',
    allowed,
    'could not be recognised as an accepted type',
  );
}

type Detector = (head: Uint8Array) => Promise<string | undefined>;

let fileTypeModule: Promise<typeof import('file-type')> | undefined;

/** file-type is ESM only; loaded once, on first use. */
const detectWithFileType: Detector = async (head) => {
  fileTypeModule ??= import('file-type');
  const { fileTypeFromBuffer } = await fileTypeModule;
  return (await fileTypeFromBuffer(head))?.mime;
};

/**
 * Lets an upload through only once its type is decided: holds back the first 4100 bytes, asks
 * file-type what they are, then releases them. Text uploads are checked as they stream (UTF-8,
 * no NUL). A refusal fails the stream before any byte has passed, so storage keeps nothing.
 */
export class ContentTypeGate extends Transform {
  private head: Buffer[] = [];
  private headBytes = 0;
  private decision?: TypeDecision;
  private decoder?: TextDecoder;

  constructor(
    private readonly declaredType: string,
    private readonly fileName: string,
    private readonly allowed: readonly string[],
    private readonly detect: Detector = detectWithFileType,
  ) {
    super();
  }

  /** The decided type; read it after the stream ended. */
  get contentType(): string {
    if (!this.decision) throw new Error('the content type is not decided yet');
    return this.decision.contentType;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.decision) {
      this.settle(callback, () => this.checked(chunk));
      return;
    }
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < SNIFF_BYTES) {
      callback();
      return;
    }
    this.settle(callback, () => this.release());
  }

  override _flush(callback: TransformCallback): void {
    this.settle(callback, async () => {
      const rest = this.decision ? undefined : await this.release();
      // A truncated multi-byte sequence at the very end is not valid UTF-8 either.
      if (this.decoder) this.textCheck(() => this.decoder!.decode());
      return rest;
    });
  }

  private settle(
    callback: TransformCallback,
    work: () => Buffer | undefined | Promise<Buffer | undefined>,
  ) {
    Promise.resolve()
      .then(work)
      .then(
        (output) => callback(null, output && output.length > 0 ? output : undefined),
        (error: Error) => callback(error),
      );
  }

  /** Decides from the held-back head, then lets it through. */
  private async release(): Promise<Buffer> {
    const head = Buffer.concat(this.head);
    this.head = [];
    const detected = await this.detect(head.subarray(0, SNIFF_BYTES));
    this.decision = decideType(detected, this.declaredType, this.fileName, this.allowed);
    if (this.decision.text) this.decoder = new TextDecoder('utf-8', { fatal: true });
    return this.checked(head);
  }

  private checked(chunk: Buffer): Buffer {
    if (this.decoder) {
      if (chunk.includes(0)) this.notText('contains NUL bytes');
      this.textCheck(() => this.decoder!.decode(chunk, { stream: true }));
    }
    return chunk;
  }

  private textCheck(decode: () => string): void {
    try {
      decode();
    } catch {
      this.notText('is not valid UTF-8 text');
    }
  }

  private notText(why: string): never {
    throw AttachmentException.unsupportedType(this.decision!.contentType, this.allowed, why);
  }
}
