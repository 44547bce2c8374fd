import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { KEYS_IN_USE_V1 } from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { ATTACHMENT_STORAGE, AttachmentStorage } from '@switchboard/storage';
import { DataSource } from 'typeorm';
import { ApiGatewayConfig } from '../config';
import { lockContent } from './attachment-upload.service';

/** Uploads looked at per round; the rest wait for the next one. */
const BATCH = 500;

export interface SweepResult {
  rows: number;
  files: number;
  leftovers: number;
}

/**
 * Removes what uploads leave behind: the rows of uploads older than UPLOAD_MAX_AGE_HOURS (a row
 * only lets its workspace attach the content to a reply), the files of those no message carries
 * (an agent uploaded and never sent) once no upload row uses them and nobody stored the same
 * content since, and the `.part` files of interrupted writes. Every replica runs the timer; a transaction-scoped advisory lock lets one
 * sweep at a time. Storage is shared with mail-ingest (content-addressed), so a file is removed
 * only when ticket-core says no message carries it and its last store is older than the cut-off.
 */
@Injectable()
export class UploadSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(UploadSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly rpc: NatsRpcClient,
    private readonly config: ApiGatewayConfig,
    @Inject(ATTACHMENT_STORAGE) private readonly storage: AttachmentStorage,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .catch((error: Error) => this.logger.warn(`upload clean-up failed: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, this.config.UPLOAD_SWEEP_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sweep(now = new Date()): Promise<SweepResult> {
    const before = new Date(now.getTime() - this.config.UPLOAD_MAX_AGE_HOURS * 3_600_000);
    const result = await this.dataSource.transaction(async (manager) => {
      const [{ mine }]: { mine: boolean }[] = await manager.query(
        `SELECT pg_try_advisory_xact_lock(hashtextextended('upload-sweep', 0)) AS mine`,
      );
      if (!mine) return undefined;
      const old: { id: string; key: string }[] = await manager.query(
        `SELECT id, key FROM uploads WHERE created_at < $1 ORDER BY created_at LIMIT ${BATCH}`,
        [before],
      );
      const keys = [...new Set(old.map((row) => row.key))].sort();
      if (keys.length === 0) return { rows: 0, files: 0, leftovers: 0 };
      const used = new Set((await this.rpc.request(KEYS_IN_USE_V1, { keys })).keys);
      const gone = keys.filter((key) => !used.has(key));
      // The same per-content locks as uploads take: no upload of this content is recorded
      // between our look at the rows and the file's removal.
      for (const key of gone) await lockContent(manager, key);
      // A row only lets its workspace attach the content to a reply: after the age, none may.
      await manager.query(`DELETE FROM uploads WHERE id = ANY($1::uuid[])`, [
        old.map((row) => row.id),
      ]);
      const kept: { key: string }[] = await manager.query(
        `SELECT DISTINCT key FROM uploads WHERE key = ANY($1::text[])`,
        [gone],
      );
      let files = 0;
      for (const key of gone) {
        if (kept.some((row) => row.key === key)) continue;
        const stored = await this.storage.stat(key);
        if (!stored || stored.storedAt >= before) continue;
        await this.storage.remove(key);
        files += 1;
      }
      return { rows: old.length, files, leftovers: 0 };
    });
    if (!result) return { rows: 0, files: 0, leftovers: 0 };
    result.leftovers = await this.storage.removeLeftovers(before);
    if (result.rows + result.files + result.leftovers > 0) {
      this.logger.log(
        `removed ${result.rows} old upload record(s), ${result.files} unused file(s), ${result.leftovers} interrupted write(s)`,
      );
    }
    return result;
  }
}
