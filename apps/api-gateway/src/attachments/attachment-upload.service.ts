import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  Actor,
  AttachmentInputV1,
  ErrorCode,
  GET_WORKSPACE_SETTINGS_V1,
} from '@switchboard/contracts';
import { NatsRpcClient, RemoteError, ServiceException } from '@switchboard/messaging';
import {
  ATTACHMENT_STORAGE,
  AttachmentStorage,
  StorageLimitError,
  StoredContent,
} from '@switchboard/storage';
import type { Request } from 'express';
import { pipeline } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { AttachmentException } from './attachment.exception';
import { sanitizeFileName } from './attachment-name';
import { ContentTypeGate } from './content-type-gate';
import { MultipartFile, MultipartForm, readMultipart } from './multipart-reader';
import { UploadRecord, recordedAttachment } from './upload-record';

/** A workspace's attachment rules (its settings, owned by ticket-core). */
export interface AttachmentLimits {
  /** The workspace the limits are of; uploads are recorded as its own. */
  workspaceId: string;
  maxBytes: number;
  types: readonly string[];
}

export interface UploadOptions {
  maxFiles: number;
  /** Text fields accepted beside the files (the public page's reply body). */
  maxFields: number;
  maxFieldBytes: number;
}

/** One file a request stored, and the uploads row it wrote for it. */
interface StoredUpload {
  id: string;
  attachment: AttachmentInputV1;
  /** Whether this request wrote the content (else it was stored already, perhaps by mail). */
  created: boolean;
}

/**
 * Serialises, per content, "record an upload of it" against "remove it once no upload uses it".
 * Content is stored once for every upload of the same bytes (in any workspace).
 */
export async function lockContent(manager: EntityManager, key: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`upload:${key}`]);
}

/**
 * A failure after which the reply may still have been written: no answer came (in time, or at
 * all: the connection closed while waiting). Its files stay, since an unused file only costs
 * space while a message without its file is broken. An answer that is an error (RemoteError)
 * means ticket-core wrote nothing.
 */
function mayHaveSucceeded(error: unknown): boolean {
  return (
    error instanceof ServiceException &&
    !(error instanceof RemoteError) &&
    (error.code === ErrorCode.TIMEOUT || error.code === ErrorCode.UNAVAILABLE)
  );
}

/**
 * Receives uploads: streams each file through the type gate into storage within the workspace's
 * limits, and records what was checked (name, type, size) as the workspace's upload. A request's
 * uploads and what it does with them are one unit: when any part fails, the request leaves
 * nothing behind. A reply names uploads by key only; what it records comes from here.
 */
@Injectable()
export class AttachmentUploadService {
  private readonly logger = new Logger(AttachmentUploadService.name);

  constructor(
    @Inject(ATTACHMENT_STORAGE) private readonly storage: AttachmentStorage,
    private readonly rpc: NatsRpcClient,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * The attachments as this workspace uploaded them: a reply may only attach its own workspace's
   * uploads (keys are content hashes shared in storage, and knowing another workspace's key must
   * not be a way to read its file), and records the name, type and size the gateway checked, not
   * the ones in the request.
   */
  async recorded(
    workspaceId: string,
    attachments: AttachmentInputV1[] = [],
  ): Promise<AttachmentInputV1[]> {
    if (attachments.length === 0) return [];
    const keys = [...new Set(attachments.map((attachment) => attachment.key))];
    const rows: (Omit<UploadRecord, 'size'> & { size: string })[] = await this.dataSource.query(
      `SELECT key, name, content_type AS "contentType", size, max(created_at) AS "uploadedAt"
         FROM uploads
        WHERE workspace_id = $1 AND key = ANY($2::text[]) AND content_type IS NOT NULL
        GROUP BY key, name, content_type, size`,
      [workspaceId, keys],
    );
    const records = rows.map((row) => ({ ...row, size: Number(row.size) }));
    const missing = keys.filter((key) => !records.some((record) => record.key === key));
    if (missing.length > 0) {
      throw ServiceException.validation([
        { field: 'attachments', errors: [`not uploaded to this workspace: ${missing.join(', ')}`] },
      ]);
    }
    return attachments.map((attachment) => recordedAttachment(attachment, records)!);
  }

  /** Read for every upload, so an admin's change applies to the next one. */
  async limitsFor(actor: Actor): Promise<AttachmentLimits> {
    const settings = await this.rpc.request(GET_WORKSPACE_SETTINGS_V1, { actor });
    return {
      workspaceId: actor.workspaceId,
      maxBytes: settings.attachmentMaxBytes,
      types: settings.attachmentTypes,
    };
  }

  /**
   * Stores the form's files, then hands the form to `use` (which sends the reply, or answers the
   * upload). If reading the form or `use` fails, the uploads rows this request wrote are removed,
   * and so is every file it stored that no other upload uses; the error is then rethrown.
   */
  async receive<T>(
    request: Request,
    limits: AttachmentLimits,
    options: UploadOptions,
    use: (form: MultipartForm<AttachmentInputV1>) => Promise<T>,
  ): Promise<T> {
    const stored: StoredUpload[] = [];
    try {
      const form = await readMultipart(
        request,
        {
          maxFiles: options.maxFiles,
          maxFields: options.maxFields,
          maxFieldBytes: options.maxFieldBytes,
        },
        async (file) => {
          const upload = await this.store(file, limits);
          stored.push(upload);
          return upload.attachment;
        },
      );
      return await use(form);
    } catch (error) {
      // readMultipart rejects only once every file it started has settled: `stored` is complete.
      if (!mayHaveSucceeded(error)) await this.discard(stored);
      throw error;
    }
  }

  private async store(file: MultipartFile, limits: AttachmentLimits): Promise<StoredUpload> {
    const name = sanitizeFileName(file.fileName);
    const gate = new ContentTypeGate(file.mimeType, name, limits.types);
    // The callback form keeps its error handlers on both streams after the upload is done,
    // so a late failure of the form (which destroys every file stream) cannot go unhandled.
    pipeline(file.stream, gate, () => undefined);
    let stored: StoredContent;
    try {
      stored = await this.storage.put(gate, { maxBytes: limits.maxBytes });
    } catch (error) {
      if (error instanceof StorageLimitError) throw AttachmentException.tooLarge(limits.maxBytes);
      throw error;
    }
    const attachment = { key: stored.key, name, contentType: gate.contentType, size: stored.size };
    try {
      return {
        id: await this.record(limits.workspaceId, attachment),
        attachment,
        created: stored.created,
      };
    } catch (error) {
      if (stored.created) await this.removeUnused([stored.key]);
      throw error;
    }
  }

  /** Writes the upload's row, once its content is sure to be (still) in storage. */
  private record(workspaceId: string, attachment: AttachmentInputV1): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      await lockContent(manager, attachment.key);
      const [row]: { id: string }[] = await manager.query(
        `INSERT INTO uploads (workspace_id, key, name, content_type, size)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [workspaceId, attachment.key, attachment.name, attachment.contentType, attachment.size],
      );
      // A refused request that had stored the same content may have removed it since our put
      // found it there; its lock is released, and the row is not written.
      if (!(await this.storage.exists(attachment.key))) {
        throw new ServiceException(
          ErrorCode.UNAVAILABLE,
          'the upload was interrupted by another one of the same file; send it again',
        );
      }
      return row.id;
    });
  }

  /**
   * Removes these uploads' rows, and the files this request wrote unless another upload still
   * uses them. Content that was stored before (by another upload, or by mail-ingest, which keeps
   * no rows here) is never this request's to remove.
   */
  private async discard(uploads: StoredUpload[]): Promise<void> {
    if (uploads.length === 0) return;
    const ids = uploads.map((upload) => upload.id);
    const keys = uploads.filter((upload) => upload.created).map((upload) => upload.attachment.key);
    await this.removeUnused(keys, ids);
  }

  /**
   * Deletes the rows `ids` (if any), then the files of `keys` no uploads row uses any more.
   * Never fails: what cannot be removed is logged, and the caller's own error is what counts.
   */
  private async removeUnused(keys: string[], ids: string[] = []): Promise<void> {
    const sorted = [...new Set(keys)].sort();
    try {
      await this.dataSource.transaction(async (manager) => {
        // Always in the same order: two requests removing the same files cannot deadlock.
        for (const key of sorted) await lockContent(manager, key);
        if (ids.length > 0) {
          await manager.query(`DELETE FROM uploads WHERE id = ANY($1::uuid[])`, [ids]);
        }
        const used: { key: string }[] = await manager.query(
          `SELECT DISTINCT key FROM uploads WHERE key = ANY($1::text[])`,
          [sorted],
        );
        // Still under the locks: no upload of this content can be recorded meanwhile.
        for (const key of sorted) {
          if (!used.some((row) => row.key === key)) await this.storage.remove(key);
        }
      });
    } catch (error) {
      this.logger.error(
        `could not remove the uploads of a refused request (${sorted.join(', ')}): ${(error as Error).message}`,
        (error as Error).stack,
      );
    }
  }
}
