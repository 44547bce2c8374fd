import { Injectable, Logger } from '@nestjs/common';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { Headers } from '@switchboard/contracts';
import { DataSource } from 'typeorm';
import { NatsConnection } from '../nats-connection';
import { outboxDuplicates, outboxLagSeconds, outboxPublished } from '../metrics';
import { PollingService } from '../polling-loop';

export interface OutboxRelaySettings {
  /** How often an idle relay looks for new rows. */
  pollIntervalMs: number;
  /** How many rows one relay takes per round. */
  batchSize: number;
}

interface PendingRow {
  id: string;
  subject: string;
  envelope: unknown;
  created_at: Date;
}

const MAX_BACKOFF_MS = 5000;
const PRUNE_EVERY_MS = 10 * 60 * 1000;

/**
 * Publishes outbox rows to JetStream with `Nats-Msg-Id` = row id, then marks them sent. Rows are
 * taken with FOR UPDATE SKIP LOCKED, so any number of replicas can relay the same outbox without
 * sending a row twice; a crash between publish and mark is absorbed by JetStream's duplicate
 * window (and by idempotent consumers beyond it).
 */
@Injectable()
export class OutboxRelay extends PollingService {
  private readonly logger = new Logger(OutboxRelay.name);
  private failures = 0;
  private lastPrune = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly nats: NatsConnection,
    private readonly settings: OutboxRelaySettings,
  ) {
    super();
  }

  /** Sends one batch; answers how many rows were sent. Exposed for tests and benchmarks. */
  async relayBatch(): Promise<number> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const rows: PendingRow[] = await manager.query(
        `SELECT id, subject, envelope, created_at FROM outbox
          WHERE sent_at IS NULL
          ORDER BY seq
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [this.settings.batchSize],
      );
      if (rows.length === 0) return { sent: 0 };
      const results = await Promise.allSettled(rows.map((row) => this.publish(row)));
      const sent = rows.filter((_, index) => results[index].status === 'fulfilled');
      const failed = rows.filter((_, index) => results[index].status === 'rejected');
      if (sent.length > 0) {
        outboxPublished.inc(sent.length);
        outboxLagSeconds.set((Date.now() - new Date(rows[0].created_at).getTime()) / 1000);
        await manager.query('UPDATE outbox SET sent_at = now() WHERE id = ANY($1::uuid[])', [
          sent.map((row) => row.id),
        ]);
      }
      if (failed.length > 0) {
        const reason = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult)
          .reason as Error;
        await manager.query(
          `UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::uuid[])`,
          [failed.map((row) => row.id), String(reason?.message ?? reason).slice(0, 1000)],
        );
        return {
          sent: sent.length,
          error: new Error(`${failed.length} of ${rows.length} not published: ${reason?.message}`),
        };
      }
      return { sent: sent.length };
    });
    // Thrown only after the commit, so the rows that did go out stay marked sent.
    if (outcome.error) throw outcome.error;
    return outcome.sent;
  }

  private async publish(row: PendingRow): Promise<void> {
    const headers = natsHeaders();
    const envelope = row.envelope as { correlationId?: string };
    if (envelope.correlationId) headers.set(Headers.correlationId, envelope.correlationId);
    headers.set(Headers.eventType, row.subject);
    const ack = await this.nats.js.publish(
      this.nats.subject(row.subject),
      JSON.stringify(row.envelope),
      { msgID: row.id, headers, timeout: 5000 },
    );
    if (ack.duplicate) outboxDuplicates.inc();
  }

  /** One round of the loop; answers the wait before the next (backing off while failing). */
  protected async round(): Promise<number> {
    let sent = 0;
    try {
      sent = this.nats.isConnected ? await this.relayBatch() : 0;
      if (this.failures > 0) this.logger.log('outbox relay recovered');
      this.failures = 0;
      await this.pruneSent();
    } catch (error) {
      this.failures++;
      if (this.failures === 1 || this.failures % 20 === 0) {
        this.logger.warn(`outbox relay failed (${this.failures}x): ${(error as Error).message}`);
      }
    }
    // A full batch means more may be waiting: go again at once.
    if (sent === this.settings.batchSize) return 0;
    return this.failures > 0
      ? Math.min(this.settings.pollIntervalMs * 2 ** this.failures, MAX_BACKOFF_MS)
      : this.settings.pollIntervalMs;
  }

  /** Sent rows are kept a day for inspection, then removed so the table stays small. */
  private async pruneSent(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    await this.dataSource.query(
      `DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < now() - interval '1 day'`,
    );
  }
}
