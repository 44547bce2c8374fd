import { Injectable } from '@nestjs/common';
import { Actor } from '@switchboard/contracts';
import { inTransaction } from '@switchboard/database';
import { DataSource, EntityManager } from 'typeorm';
import { ResolvedActor, resolveActor } from '../access/resolved-actor';
import { visibleTickets } from '../access/ticket-visibility';
import { Clock } from '../clock';
import { timerChanges, timerWriteParams, timerWritesSql } from '../timers/timer-schedule';
import { TicketChange } from './ticket-change';
import { insertOutboxSql, outboxRow } from '@switchboard/messaging';
import {
  TICKET_FROM,
  TICKET_TABLE_COLUMNS,
  TicketRow,
  ticketColumns,
  toSnapshot,
} from './ticket-row';
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
export interface LockOptions {
  /** Delete and restore: the only commands a deleted ticket takes. */
  allowDeleted?: boolean;
}

@Injectable()
export class TicketStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Runs `work` in a transaction with the resolved caller. */
  transaction<T>(actor: Actor, work: (context: CommandContext) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, async (manager) =>
      work({ manager, actor: await resolveActor(manager, actor), now: this.clock.now() }),
    );
  }

  /**
   * Runs read-only `work` with the resolved caller, outside any transaction: BEGIN and COMMIT
   * would be two more round trips per request, and reads need no atomicity beyond each statement.
   */
  async read<T>(actor: Actor, work: (context: CommandContext) => Promise<T>): Promise<T> {
    const manager = this.dataSource.manager;
    return work({ manager, actor: await resolveActor(manager, actor), now: this.clock.now() });
  }

  /** Locks a visible ticket, lets `apply` change it, saves the change; answers the saved row. */
  mutate(
    actor: Actor,
    ticketId: string,
    apply: (change: TicketChange, context: CommandContext) => Promise<void> | void,
    options: LockOptions = {},
  ): Promise<TicketRow> {
    return this.transaction(actor, async (context) => {
      const change = new TicketChange(
        context.actor,
        await this.lock(context, ticketId, options),
        context.now,
      );
      await apply(change, context);
      return this.save(context, change);
    });
  }

  /**
   * Locks a ticket the caller can see, for a command. A deleted ticket (which only admins and
   * the system see) takes no command but delete and restore, which say so with `allowDeleted`.
   */
  async lock(
    context: CommandContext,
    ticketId: string,
    { allowDeleted = false }: LockOptions = {},
  ): Promise<TicketRow> {
    const row = await this.find(context, 't.id = $1', [ticketId], 'FOR UPDATE OF t');
    if (!row) throw TicketException.notFound();
    if (row.deleted_at && !allowDeleted) {
      throw TicketException.conflict('the ticket is deleted: an admin restores it first');
    }
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

  /**
   * Writes the change's fields, history, events, read mark and timers; answers the ticket as
   * saved. The ticket is already locked: one UPDATE … RETURNING writes and re-reads it, and one
   * more statement writes the history, the events, the read mark and the timers together.
   */
  async save(context: CommandContext, change: TicketChange): Promise<TicketRow> {
    change.completeHistory();
    const { manager, actor, now } = context;
    const ticket = change.ticket;
    let saved: TicketRow | undefined;
    // Any change bumps version and activity; a command that changed nothing re-reads the row.
    if (change.changed.size > 0 || change.history.length > 0) {
      const params: unknown[] = [ticket.id, now];
      const sets = [...change.changed].map((field) => `${field} = $${params.push(ticket[field])}`);
      sets.push('updated_at = $2', 'last_activity_at = $2', 'version = version + 1');
      const columns = ticketColumns(params, null);
      // The caller could see the ticket before the change (it was found through visibleTickets
      // and locked), and may no longer afterwards: handed to another team, returned to a queue
      // that is not theirs, deleted. The change is theirs to make all the same (PRODUCT §2.1),
      // so the saved row is answered and announced as it is.
      [saved] = await manager.query(
        `WITH t AS (UPDATE tickets SET ${sets.join(', ')} WHERE id = $1
                    RETURNING ${TICKET_TABLE_COLUMNS.join(', ')})
         SELECT ${columns} FROM t JOIN customers c ON c.id = t.customer_id`,
        params,
      );
    } else {
      saved = await this.find(context, 't.id = $1', [ticket.id]);
    }
    if (!saved) throw TicketException.notFound();
    const events = change.events.map((event) =>
      outboxRow(event.subject, ticket.workspace_id, {
        ticketId: ticket.id,
        number: ticket.number,
        actorKind: actor.kind,
        actorId: actorId(actor),
        ticket: toSnapshot(saved),
        ...event.extra,
      }),
    );
    const timers = timerChanges(change);
    if (change.history.length > 0 || events.length > 0 || actor.agentId || timers.size > 0) {
      await manager.query(
        `WITH history AS (
           INSERT INTO ticket_history (workspace_id, ticket_id, actor_kind, actor_id, action, changes, created_at)
           SELECT $1, $2, $3, $4, h.action, h.changes, $5
             FROM jsonb_to_recordset($6::jsonb) AS h(action text, changes jsonb)),
         events AS (${insertOutboxSql('$7')}),
         read AS (${MARK_READ_SQL('$1', '$8::uuid', '$2', '$5::timestamptz')}),
         ${timerWritesSql('$1', '$2', '$9', '$10', '$11')}
         SELECT 1 AS done`,
        [
          ticket.workspace_id,
          ticket.id,
          actor.kind,
          actorId(actor),
          now,
          JSON.stringify(change.history),
          JSON.stringify(events),
          actor.agentId,
          ...timerWriteParams(timers),
        ],
      );
    }
    return { ...saved, unread: false };
  }

  /** The acting agent has seen everything up to their own change. */
  async markRead(manager: EntityManager, ticket: TicketRow, agentId: string, at: Date | null) {
    await manager.query(MARK_READ_SQL('$1', '$2::uuid', '$3', '$4::timestamptz'), [
      ticket.workspace_id,
      agentId,
      ticket.id,
      at,
    ]);
  }
}

/** Sets an agent's read mark on a ticket (nothing when the agent parameter is NULL). */
const MARK_READ_SQL = (workspace: string, agent: string, ticket: string, at: string) =>
  `INSERT INTO ticket_reads (workspace_id, agent_id, ticket_id, read_at)
   SELECT ${workspace}, ${agent}, ${ticket}, ${at} WHERE ${agent} IS NOT NULL
   ON CONFLICT (agent_id, ticket_id) DO UPDATE SET read_at = excluded.read_at`;

export function actorId(actor: ResolvedActor): string | null {
  return actor.agentId ?? actor.customerId;
}
