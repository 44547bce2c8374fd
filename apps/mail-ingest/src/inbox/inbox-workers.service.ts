import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MailIngestConfig } from '../config';
import { isOutage, UnprocessableMailError } from '../processing/mail-errors';
import { MailClock } from '../processing/mail-clock';
import { MailProcessor } from '../processing/mail-processor';
import { FinishedMail, InboxRepository, InboxRow } from './inbox.repository';

/** Wait before a mail is tried again while another service is away. */
const OUTAGE_RETRY_MS = 1000;

/**
 * `MAIL_WORKERS` loops that take due mail from the inbox and process it. Each round is one
 * transaction holding its mails' rows (`FOR UPDATE SKIP LOCKED`): the outcomes commit together
 * with the files they recorded; a crash rolls back and the rows are due again at once (what
 * ticket-core already took is recognised by the mail's Message-ID and not added twice). A mail
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

  /**
   * Takes up to MAIL_BATCH due mails and processes them concurrently (ticket-core batches
   * concurrent creations; one commit covers the batch); answers how long to wait before the
   * next round.
   */
  async round(): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      const mails = await this.inbox.takeDue(runner.manager, this.config.MAIL_BATCH);
      if (mails.length === 0) {
        await runner.commitTransaction();
        return this.config.MAIL_POLL_MS;
      }
      const results = await Promise.all(
        mails.map((mail) =>
          this.processor.process(mail, runner.manager).then(
            (outcome) => ({ mail, outcome, error: undefined }),
            (error: unknown) => ({ mail, outcome: undefined, error }),
          ),
        ),
      );
      const finished: FinishedMail[] = [];
      for (const { mail, outcome, error } of results) {
        if (outcome) {
          await this.inbox.recordAttachments(runner.manager, mail, outcome.attachments ?? []);
          finished.push({ ...outcome, id: mail.id, at: this.clock.now() });
        } else {
          const parked = await this.failed(runner.manager, mail, error);
          if (parked) finished.push(parked);
        }
      }
      await this.inbox.finish(runner.manager, finished);
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

  /**
   * A failed try: later again (an outage, or a failure of its own below the limit), or parked
   * (answered, for the round to record with the others).
   */
  private async failed(
    manager: EntityManager,
    mail: InboxRow,
    error: unknown,
  ): Promise<FinishedMail | undefined> {
    const message = (error as Error)?.message ?? String(error);
    if (isOutage(error)) {
      await this.inbox.retryLater(manager, mail.id, OUTAGE_RETRY_MS, message, false);
    } else if (
      error instanceof UnprocessableMailError ||
      mail.attempts + 1 >= this.config.MAIL_MAX_ATTEMPTS
    ) {
      this.logger.warn(`mail ${mail.id} parked: ${message}`);
      return {
        id: mail.id,
        status: 'parked',
        outcome: 'failed',
        error: message.slice(0, 2000),
        at: this.clock.now(),
      };
    } else {
      const delay = Math.min(1000 * 2 ** mail.attempts, this.config.MAIL_RETRY_MAX_MS);
      await this.inbox.retryLater(manager, mail.id, delay, message, true);
    }
  }
}
