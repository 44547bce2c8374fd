import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MailIngestConfig } from '../config';
import { isOutage, UnprocessableMailError } from '../processing/mail-errors';
import { MailClock } from '../processing/mail-clock';
import { MailProcessor } from '../processing/mail-processor';
import { InboxRepository } from './inbox.repository';

/** Wait before a mail is tried again while another service is away. */
const OUTAGE_RETRY_MS = 1000;

/**
 * `MAIL_WORKERS` loops that take due mail from the inbox and process it. Each round is one
 * transaction holding the mail's row (`FOR UPDATE SKIP LOCKED`): the outcome commits together
 * with what processing recorded; a crash rolls back and the row is due again at once. A mail
 * that fails for a reason of its own is tried again with backoff (1 s, 2 s, 4 s …) and parked
 * after `MAIL_MAX_ATTEMPTS`; one that fails because ticket-core or NATS is away is retried for
 * as long as the outage lasts, without counting.
 */
@Injectable()
export class InboxWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(InboxWorkers.name);
  private running = false;
  private loops: Promise<void>[] = [];
  private sleepers = new Set<() => void>();

  constructor(
    private readonly config: MailIngestConfig,
    private readonly dataSource: DataSource,
    private readonly inbox: InboxRepository,
    private readonly processor: MailProcessor,
    private readonly clock: MailClock,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loops = Array.from({ length: this.config.MAIL_WORKERS }, () => this.loop());
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wake();
    await Promise.all(this.loops);
  }

  /** New mail was stored by this replica: idle workers look at once. */
  wake(): void {
    for (const wake of this.sleepers) wake();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const delay = await this.round();
      if (delay > 0 && this.running) {
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            this.sleepers.delete(done);
            resolve();
          };
          const timer = setTimeout(done, delay);
          this.sleepers.add(done);
        });
      }
    }
  }

  /** Processes one due mail; answers how long to wait before the next round. */
  async round(): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      const mail = await this.inbox.takeDue(runner.manager);
      if (!mail) {
        await runner.commitTransaction();
        return this.config.MAIL_POLL_MS;
      }
      await runner.query('SAVEPOINT processing');
      try {
        const outcome = await this.processor.process(mail, runner.manager);
        await this.inbox.finish(runner.manager, mail.id, { ...outcome, at: this.clock.now() });
      } catch (error) {
        // What processing wrote before it failed goes; the row's own bookkeeping stays.
        await runner.query('ROLLBACK TO SAVEPOINT processing');
        const message = (error as Error).message ?? String(error);
        if (isOutage(error)) {
          await this.inbox.retryLater(runner.manager, mail.id, OUTAGE_RETRY_MS, message, false);
        } else if (
          error instanceof UnprocessableMailError ||
          mail.attempts + 1 >= this.config.MAIL_MAX_ATTEMPTS
        ) {
          this.logger.warn(`mail ${mail.id} parked: ${message}`);
          await this.inbox.finish(runner.manager, mail.id, {
            status: 'parked',
            outcome: 'failed',
            error: message.slice(0, 2000),
            at: this.clock.now(),
          });
        } else {
          const delay = Math.min(1000 * 2 ** mail.attempts, this.config.MAIL_RETRY_MAX_MS);
          await this.inbox.retryLater(runner.manager, mail.id, delay, message, true);
        }
      }
      await runner.commitTransaction();
      return 0;
    } catch (error) {
      // The database itself is away: nothing was taken; try again shortly.
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      this.logger.warn(`inbox round failed: ${(error as Error).message}`);
      return Math.max(this.config.MAIL_POLL_MS, 500);
    } finally {
      await runner.release().catch(() => undefined);
    }
  }
}
