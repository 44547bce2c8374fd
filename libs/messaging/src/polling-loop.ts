import { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

/**
 * A background loop for a service's pollers (the outbox relay, ticket-core's timers and search
 * index flusher): runs
 * `step` over and over until stopped. `step` answers how many ms to wait before its next run
 * (0: at once, because more work is waiting) and handles its own errors. Stopping cuts the wait
 * short and waits for the step in progress, so nothing is left half done at shutdown.
 */
export class PollingLoop {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** Set by nudge(): the step in progress may have looked before the new work was there. */
  private nudged = false;

  constructor(private readonly step: () => Promise<number>) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** New work is waiting: run the next step now instead of after the idle wait. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.nudged = false;
      const delay = await this.step();
      if (delay <= 0 || this.nudged || !this.running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => (clearTimeout(timer), resolve());
      });
    }
  }
}

/**
 * A provider that polls from application bootstrap until its module is destroyed, one `round` of
 * a PollingLoop at a time.
 */
export abstract class PollingService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly loop = new PollingLoop(() => this.round());

  /** One round of work; answers how many ms to wait before the next (see PollingLoop). */
  protected abstract round(): Promise<number>;

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.loop.stop();
  }

  /** Runs a round now: a writer that just committed work for it says so (see PollingLoop). */
  nudge(): void {
    this.loop.nudge();
  }
}
