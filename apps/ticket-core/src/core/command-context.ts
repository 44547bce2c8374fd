import { Injectable, Optional } from '@nestjs/common';
import { Actor } from '@switchboard/contracts';
import { inTransaction } from '@switchboard/database';
import { OutboxRelay } from '@switchboard/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from './clock';
import { ResolvedActor, resolveActor } from './resolved-actor';

/** What a command or query of any module runs with: its statements, its caller, its moment. */
export interface CommandContext {
  manager: EntityManager;
  actor: ResolvedActor;
  now: Date;
}

/**
 * How every module of ticket-core runs a command (one transaction) or a query (no transaction),
 * with the caller resolved from the directory and the time read from the clock.
 */
@Injectable()
export class Transactions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  /**
   * Runs `work` in a transaction with the resolved caller. Once it commits, the outbox relay is
   * told at once: the events it wrote go out now, not at the relay's next idle poll.
   */
  async transaction<T>(actor: Actor, work: (context: CommandContext) => Promise<T>): Promise<T> {
    const result = await inTransaction(this.dataSource, async (manager) =>
      work({ manager, actor: await resolveActor(manager, actor), now: this.clock.now() }),
    );
    this.relay?.nudge();
    return result;
  }

  /**
   * Runs read-only `work` with the resolved caller, outside any transaction: BEGIN and COMMIT
   * would be two more round trips per request, and reads need no atomicity beyond each statement.
   */
  async read<T>(actor: Actor, work: (context: CommandContext) => Promise<T>): Promise<T> {
    const manager = this.dataSource.manager;
    return work({ manager, actor: await resolveActor(manager, actor), now: this.clock.now() });
  }
}
