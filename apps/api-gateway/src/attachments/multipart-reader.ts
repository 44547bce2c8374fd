import busboy from 'busboy';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { AttachmentException } from './attachment.exception';

export interface MultipartFile {
  field: string;
  /** The client's file name, as sent (sanitize before keeping it). */
  fileName: string;
  /** The client's claimed type (never trusted: the bytes decide). */
  mimeType: string;
  stream: Readable;
}

export interface MultipartLimits {
  maxFiles: number;
  maxFields: number;
  /** Largest text field, in bytes. */
  maxFieldBytes: number;
}

export interface MultipartForm<T> {
  fields: Record<string, string>;
  files: T[];
}

/**
 * Streams a multipart/form-data body: each file goes to `onFile` as it arrives (nothing is held
 * in memory or in a temporary folder of the parser), text fields are collected. The first
 * failure rejects the whole form; the rest of the body is then read and dropped, so that the
 * client gets the error instead of a reset connection. The rejection waits until every `onFile`
 * already started has settled: the caller then knows all that the request stored, and can
 * remove it.
 */
export function readMultipart<T>(
  request: Request,
  limits: MultipartLimits,
  onFile: (file: MultipartFile) => Promise<T>,
): Promise<MultipartForm<T>> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        // File names are sanitized by the caller; busboy must not interpret them.
        preservePath: true,
        defParamCharset: 'utf8',
        limits: {
          files: limits.maxFiles,
          fields: limits.maxFields,
          fieldSize: limits.maxFieldBytes,
          fieldNameSize: 100,
          headerPairs: 20,
        },
      });
    } catch {
      reject(AttachmentException.invalid('body', 'expected a multipart/form-data body'));
      return;
    }
    const fields: Record<string, string> = {};
    const pending: Promise<T>[] = [];
    const streams: Readable[] = [];
    let failed = false;

    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      request.unpipe(parser);
      request.resume();
      // A file still streaming would otherwise wait forever (and keep its temporary file).
      for (const stream of streams) {
        if (!stream.readableEnded) stream.destroy(error instanceof Error ? error : undefined);
      }
      void Promise.allSettled(pending).then(() => reject(error));
    };

    parser.on('file', (field, stream, info) => {
      // A file input left empty is sent as a part with an empty file name (which busboy reads
      // as none): no file was chosen.
      if (failed || !info.filename) {
        stream.resume();
        return;
      }
      streams.push(stream);
      const task = onFile({
        field,
        fileName: info.filename ?? '',
        mimeType: info.mimeType,
        stream,
      });
      task.catch(fail);
      pending.push(task);
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) {
        fail(
          AttachmentException.invalid(name, `${name} is longer than ${limits.maxFieldBytes} bytes`),
        );
        return;
      }
      fields[name] = value;
    });
    parser.on('filesLimit', () =>
      fail(AttachmentException.invalid('files', `at most ${limits.maxFiles} file(s) per request`)),
    );
    parser.on('fieldsLimit', () =>
      fail(AttachmentException.invalid('body', `at most ${limits.maxFields} field(s) per request`)),
    );
    parser.on('error', (error: Error) =>
      fail(AttachmentException.invalid('body', `malformed multipart body: ${error.message}`)),
    );
    parser.on('close', () => {
      Promise.all(pending).then((files) => {
        if (!failed) resolve({ fields, files });
      }, fail);
    });
    request.on('close', () => {
      if (!request.complete) fail(AttachmentException.invalid('body', 'the upload was aborted'));
    });
    request.pipe(parser);
  });
}
