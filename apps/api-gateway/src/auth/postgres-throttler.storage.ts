import type { ThrottlerStorage } from '@nestjs/throttler';
import { DataSource } from 'typeorm';

/** What a check answers (the package does not export the type from its root). */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How often a replica removes windows that ended long ago (any replica may: it is idempotent). */
const SWEEP_EVERY_MS = 5 * 60_000;

/**
 * The rate limits' counters in PostgreSQL, so that every gateway replica spends the same budget
 * (in memory, two replicas doubled every limit). A fixed window per key: one upsert per check
 * counts the hit and answers the window's count and end; a key over its limit is refused until
 * its window ends.
 */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const [row]: { hits: number; ms_left: number }[] = await this.dataSource.query(
      `INSERT INTO rate_limits AS r (key, hits, window_ends_at)
       VALUES ($1, 1, now() + make_interval(secs => $2 / 1000.0))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN r.window_ends_at <= now() THEN 1 ELSE r.hits + 1 END,
         window_ends_at = CASE WHEN r.window_ends_at <= now()
                               THEN now() + make_interval(secs => $2 / 1000.0)
                               ELSE r.window_ends_at END
       RETURNING hits, ceil(extract(epoch FROM window_ends_at - now()) * 1000)::int AS ms_left`,
      [`${throttlerName}:${key}`, ttl],
    );
    const secondsLeft = Math.max(1, Math.ceil(row.ms_left / 1000));
    const isBlocked = row.hits > limit;
    return {
      totalHits: row.hits,
      timeToExpire: secondsLeft,
      isBlocked,
      timeToBlockExpire: isBlocked ? secondsLeft : 0,
    };
  }

  private async sweep(): Promise<void> {
    await this.dataSource
      .query(`DELETE FROM rate_limits WHERE window_ends_at < now() - interval '1 hour'`)
      .catch(() => undefined); // PostgreSQL away: the next sweep does it.
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }
}
