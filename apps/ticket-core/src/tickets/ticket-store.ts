import { Injectable } from '@nestjs/common';
import { Actor } from '@switchboard/contracts';
import { inTransaction } from '@switchboard/database';
import { Outbox } from '@switchboard/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { ResolvedActor, resolveActor } from '../access/resolved-actor';
import { visibleTickets } from '../access/ticket-visibility';
import { Clock } from '../clock';
import { syncTimers } from '../timers/timer-schedule';
import { TicketChange } from './ticket-change';
import { TICKET_FROM, TicketRow, ticketColumns, toSnapshot } from './ticket-row';
import { TicketException } from './ticket.exception';

export interface CommandContext {
  manager: EntityManager;
  actor: ResolvedActor;
  now: Date;
}

/**
 * Loads and saves tickets for commands. A command runs in one transaction: the ticket is locked
 * (only if the caller may see it: otherwise NOT_FOUND), changed, and saved together with its
 * history, its events (outbox) and its timers. Nothing is half-written.
 */
@Injectable()
export class TicketStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** Runs `work` in a transaction with the resolved caller. */
  transaction<T>(actor: Actor, work: (context: CommandContext) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, async (manager) =>
      work({ manager, actor: await resolveActor(manager, actor), now: this.clock.now() }),
    );
  }

  /** Locks a visible ticket, lets `apply` change it, saves the change; answers the saved row. */
  mutate(
    actor: Actor,
    ticketId: string,
    apply: (change: TicketChange, context: CommandContext) => Promise<void> | void,
  ): Promise<TicketRow> {
    return this.transaction(actor, async (context) => {
      const change = new TicketChange(
        context.actor,
        await this.lock(context, ticketId),
        context.now,
      );
      await apply(change, context);
      return this.save(context, change);
    });
  }

  async lock(context: CommandContext, ticketId: string): Promise<TicketRow> {
    const row = await this.find(context, 't.id = $1', [ticketId], 'FOR UPDATE OF t');
    if (!row) throw TicketException.notFound();
    return row;
  }

  /** Reads one visible ticket matching `where` (with its own leading parameters). */
  async find(
    { manager, actor }: CommandContext,
    where: string,
    whereParams: unknown[],
    lock = '',
  ): Promise<TicketRow | undefined> {
    const params = [...whereParams];
    const columns = ticketColumns(params, actor.agentId);
    const visible = visibleTickets(actor, params);
    const [row] = await manager.query(
      `SELECT ${columns} FROM ${TICKET_FROM} WHERE ${where} AND ${visible} ${lock}`,
      params,
    );
    return row as TicketRow | undefined;
  }

  /** Writes the change's fields, history, events and timers; answers the ticket as saved. */
  async save(
    context: CommandContext,
    change: TicketChange,
    options: { created?: boolean } = {},
  ): Promise<TicketRow> {
    const { manager, actor, now } = context;
    const ticket = change.ticket;
    // A new ticket was just inserted as it is; any other change bumps version and activity.
    if (!options.created && (change.changed.size > 0 || change.history.length > 0)) {
      const params: unknown[] = [ticket.id, now];
      const sets = [...change.changed].map((field) => `${field} = $${params.push(ticket[field])}`);
      sets.push('updated_at = $2', 'last_activity_at = $2', 'version = version + 1');
      await manager.query(`UPDATE tickets SET ${sets.join(', ')} WHERE id = $1`, params);
    }
    const saved = await this.lock(context, ticket.id);
    for (const entry of change.history) {
      await manager.query(
        `INSERT INTO ticket_history (workspace_id, ticket_id, actor_kind, actor_id, action, changes, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          ticket.workspace_id,
          ticket.id,
          actor.kind,
          actorId(actor),
          entry.action,
          entry.changes,
          now,
        ],
      );
    }
    for (const event of change.events) {
      await this.outbox.add(manager, event.subject, ticket.workspace_id, {
        ticketId: ticket.id,
        number: ticket.number,
        actorKind: actor.kind,
        actorId: actorId(actor),
        ticket: toSnapshot(saved),
        ...event.extra,
      } as never);
    }
    await syncTimers(manager, change);
    if (actor.agentId) await this.markRead(manager, saved, actor.agentId, now);
    return { ...saved, unread: false };
  }

  /** The acting agent has seen everything up to their own change. */
  async markRead(manager: EntityManager, ticket: TicketRow, agentId: string, at: Date | null) {
    await manager.query(
      `INSERT INTO ticket_reads (workspace_id, agent_id, ticket_id, read_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (agent_id, ticket_id) DO UPDATE SET read_at = excluded.read_at`,
      [ticket.workspace_id, agentId, ticket.id, at],
    );
  }
}

export function actorId(actor: ResolvedActor): string | null {
  return actor.agentId ?? actor.customerId;
}
