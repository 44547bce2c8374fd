import { Inject, Injectable } from '@nestjs/common';
import { Actor, AttachmentInputV1, GET_WORKSPACE_SETTINGS_V1 } from '@switchboard/contracts';
import { NatsRpcClient, ServiceException } from '@switchboard/messaging';
import { ATTACHMENT_STORAGE, AttachmentStorage, StorageLimitError } from '@switchboard/storage';
import type { Request } from 'express';
import { pipeline } from 'node:stream';
import { DataSource } from 'typeorm';
import { AttachmentException } from './attachment.exception';
import { sanitizeFileName } from './attachment-name';
import { ContentTypeGate } from './content-type-gate';
import { MultipartFile, MultipartForm, readMultipart } from './multipart-reader';

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

/**
 * Receives uploads: streams each file through the type gate into storage within the workspace's
 * limits, and answers what a reply's `attachments` takes. Refused files leave nothing stored.
 */
@Injectable()
export class AttachmentUploadService {
  constructor(
    @Inject(ATTACHMENT_STORAGE) private readonly storage: AttachmentStorage,
    private readonly rpc: NatsRpcClient,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * A reply may only attach what its own workspace uploaded: keys are content hashes shared in
   * storage, and knowing another workspace's key must not be a way to read its file.
   */
  async requireUploaded(workspaceId: string, attachments: AttachmentInputV1[] = []) {
    if (attachments.length === 0) return;
    const keys = [...new Set(attachments.map((attachment) => attachment.key))];
    const found: { key: string }[] = await this.dataSource.query(
      `SELECT key FROM uploads WHERE workspace_id = $1 AND key = ANY($2::text[])`,
      [workspaceId, keys],
    );
    const missing = keys.filter((key) => !found.some((row) => row.key === key));
    if (missing.length > 0) {
      throw ServiceException.validation([
        { field: 'attachments', errors: [`not uploaded to this workspace: ${missing.join(', ')}`] },
      ]);
    }
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

  receive(
    request: Request,
    limits: AttachmentLimits,
    options: UploadOptions,
  ): Promise<MultipartForm<AttachmentInputV1>> {
    return readMultipart(
      request,
      {
        maxFiles: options.maxFiles,
        maxFields: options.maxFields,
        maxFieldBytes: options.maxFieldBytes,
      },
      (file) => this.store(file, limits),
    );
  }

  private async store(file: MultipartFile, limits: AttachmentLimits): Promise<AttachmentInputV1> {
    const name = sanitizeFileName(file.fileName);
    const gate = new ContentTypeGate(file.mimeType, name, limits.types);
    // The callback form keeps its error handlers on both streams after the upload is done,
    // so a late failure of the form (which destroys every file stream) cannot go unhandled.
    pipeline(file.stream, gate, () => undefined);
    try {
      const stored = await this.storage.put(gate, { maxBytes: limits.maxBytes });
      await this.dataSource.query(
        `INSERT INTO uploads (workspace_id, key) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [limits.workspaceId, stored.key],
      );
      return { key: stored.key, name, contentType: gate.contentType, size: stored.size };
    } catch (error) {
      if (error instanceof StorageLimitError) throw AttachmentException.tooLarge(limits.maxBytes);
      throw error;
    }
  }
}
