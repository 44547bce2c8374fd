import { Inject, Injectable, Logger } from '@nestjs/common';
import { AttachmentRefV1 } from '@switchboard/contracts';
import { ATTACHMENT_STORAGE, AttachmentStorage } from '@switchboard/storage';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { AttachmentException } from './attachment.exception';
import { sanitizeFileName } from './attachment-name';
import { contentDisposition, isInlineType } from './content-disposition';

const MIME_TYPE = /^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/;

/** The Content-Type header for a recorded type: never something a browser would reinterpret. */
function contentTypeHeader(recorded: string): string {
  const type = recorded.trim().toLowerCase();
  if (!MIME_TYPE.test(type)) return 'application/octet-stream';
  // Text was checked to be UTF-8 on the way in.
  return type.startsWith('text/') ? `${type}; charset=utf-8` : type;
}

/**
 * Sends stored bytes for an attachment the caller was allowed to see. The headers make sure a
 * browser never runs them: nosniff, a sandboxing CSP, and `attachment` for anything but plain
 * images. Name and type come from the message's record, sanitized again on the way out since
 * other writers (mail, the API) recorded them too.
 */
@Injectable()
export class AttachmentDownloadService {
  private readonly logger = new Logger(AttachmentDownloadService.name);

  constructor(@Inject(ATTACHMENT_STORAGE) private readonly storage: AttachmentStorage) {}

  async send(response: Response, attachment: AttachmentRefV1): Promise<void> {
    const stored = await this.storage.stat(attachment.key);
    if (!stored) throw AttachmentException.notFound();
    const stream = await this.storage.open(attachment.key);
    const type = contentTypeHeader(attachment.contentType);
    response.status(200);
    response.setHeader('Content-Type', type);
    response.setHeader('Content-Length', String(stored.size));
    response.setHeader(
      'Content-Disposition',
      contentDisposition(sanitizeFileName(attachment.name), isInlineType(type)),
    );
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    response.setHeader('Cache-Control', 'private');
    try {
      await pipeline(stream, response);
    } catch (error) {
      // Headers are gone: all that is left is to cut the connection (pipeline did) and log.
      this.logger.warn(`download of ${attachment.key} ended early: ${(error as Error).message}`);
    }
  }
}
