import { Injectable, Logger } from '@nestjs/common';
import { inTransaction } from '@switchboard/database';
import { PollingService, ServiceException } from '@switchboard/messaging';
import { DataSource } from 'typeorm';
import { resolveActor } from '../core/resolved-actor';
import { Clock } from '../core/clock';
import { TicketChange } from '../tickets/ticket-change';
import { TicketStore } from '../tickets/ticket-store';
import { TimerActions } from './timer-actions.service';
import { TimerKind } from '../tickets/ticket-timers';

export interface TimerRunnerSettings {
  pollIntervalMs: number;
}

interface DueTimer {
  id: string;
  workspace_id: string;
  ticket_id: string;
  kind: TimerKind;
  attempts: number;
}

const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * Fires due timers. Every replica polls; each timer is taken with FOR UPDATE SKIP LOCKED and
 * applied in the same transaction that deletes it, so it fires exactly once across replicas and
 * survives restarts (a crash rolls both back). A failing timer is retried with backoff.
 */
@Injectable()
export class TimerRunner extends PollingService {
  private readonly logger = new Logger(TimerRunner.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: TicketStore,
    private readonly actions: TimerActions,
    private readonly clock: Clock,
    private readonly settings: TimerRunnerSettings,
  ) {
    super();
  }

  /** Fires one due timer if there is one; answers whether it took one. */
  async fireNext(): Promise<boolean> {
    let failed: { timer: DueTimer; error: Error } | undefined;
    const took = await inTransaction(this.dataSource, async (manager) => {
      const now = this.clock.now();
      const [timer]: DueTimer[] = await manager.query(
        `SELECT id, workspace_id, ticket_id, kind, attempts FROM timers
          WHERE due_at <= $1 ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [now],
      );
      if (!timer) return false;
      await manager.query(`DELETE FROM timers WHERE id = $1`, [timer.id]);
      await manager.query('SAVEPOINT timer_action');
      try {
        const actor = await resolveActor(manager, {
          kind: 'system',
          workspaceId: timer.workspace_id,
          teamIds: [],
        });
        const context = { manager, actor, now };
        const change = new TicketChange(
          actor,
          await this.store.lock(context, timer.ticket_id),
          now,
        );
        if (this.actions.apply(timer.kind, change)) await this.store.save(context, change);
      } catch (error) {
        // The ticket moved on in a way the timer cannot apply to (a domain refusal): drop it.
        // Anything else keeps the timer for a later try.
        await manager.query('ROLLBACK TO SAVEPOINT timer_action');
        if (!(error instanceof ServiceException)) failed = { timer, error: error as Error };
      }
      return true;
    });
    if (failed) await this.postpone(failed.timer, failed.error);
    return took;
  }

  private async postpone(timer: DueTimer, error: Error): Promise<void> {
    const delayMs = Math.min(1000 * 2 ** timer.attempts, MAX_BACKOFF_MS);
    this.logger.warn(`timer ${timer.kind} of ticket ${timer.ticket_id} failed: ${error.message}`);
    await this.dataSource.query(
      `INSERT INTO timers (id, workspace_id, ticket_id, kind, due_at, attempts, last_error)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (ticket_id, kind) DO NOTHING`,
      [
        timer.id,
        timer.workspace_id,
        timer.ticket_id,
        timer.kind,
        new Date(this.clock.now().getTime() + delayMs),
        timer.attempts + 1,
        error.message.slice(0, 1000),
      ],
    );
  }

  /** One round of the loop; answers the wait before the next. */
  protected async round(): Promise<number> {
    try {
      if (await this.fireNext()) return 0; // more may be due: go again at once
    } catch (error) {
      this.logger.warn(`timer poll failed: ${(error as Error).message}`);
    }
    return this.settings.pollIntervalMs;
  }
}
