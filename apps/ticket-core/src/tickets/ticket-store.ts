import { Injectable } from '@nestjs/common';
import { Actor } from '@switchboard/contracts';
import { CommandContext, Transactions } from '../core/command-context';
import { ResolvedActor, actorId } from '../core/resolved-actor';
import { visibleTickets } from '../access/ticket-visibility';
import { TimerKind, timerChanges, timerWritesSql } from './ticket-timers';
import { HistoryEntry, PendingEvent, ReadMark, TicketChange } from './ticket-change';
import { insertOutboxSql, outboxRow } from '@switchboard/messaging';
import {
  TICKET_FROM,
  TICKET_TABLE_COLUMNS,
  TicketRow,
  ticketColumns,
  toSnapshot,
} from './ticket-row';
import { TicketCoreException } from '../core/ticket-core.exception';

/**
 * Loads and saves tickets for commands. A command runs in one transaction: the ticket is locked
 * (only if the caller may see it: otherwise NOT_FOUND), changed, and saved together with its
 * history, its events (outbox) and its timers. Nothing is half-written.
 */
export interface LockOptions {
  /** Delete and restore: the only commands a deleted ticket takes. */
  allowDeleted?: boolean;
}

export interface MutateOptions extends LockOptions {
  /** Who may send the command at all, checked before the ticket is looked for. */
  guard?: (actor: ResolvedActor) => void;
}

@Injectable()
export class TicketStore {
  constructor(private readonly transactions: Transactions) {}

  /** Locks a visible ticket, lets `apply` change it, saves the change; answers the saved row. */
  mutate(
    actor: Actor,
    ticketId: string,
    apply: (change: TicketChange, context: CommandContext) => Promise<void> | void,
    options: MutateOptions = {},
  ): Promise<TicketRow> {
    return this.transactions.transaction(actor, async (context) => {
      options.guard?.(context.actor);
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
   * The same for a command on several tickets (a merge, a quick accept): `lock` takes them,
   * `apply` changes them together, each is saved; answers the saved rows in order.
   */
  mutateMany(
    actor: Actor,
    lock: (context: CommandContext) => Promise<TicketRow[]>,
    apply: (changes: TicketChange[], context: CommandContext) => Promise<void> | void,
  ): Promise<TicketRow[]> {
    return this.transactions.transaction(actor, async (context) => {
      const changes = (await lock(context)).map(
        (ticket) => new TicketChange(context.actor, ticket, context.now),
      );
      await apply(changes, context);
      const saved: TicketRow[] = [];
      for (const change of changes) saved.push(await this.save(context, change));
      return saved;
    });
  }

  /** Locks the visible tickets with these ids, in id order so two commands never deadlock. */
  async lockAll(context: CommandContext, ticketIds: string[]): Promise<TicketRow[]> {
    const rows = new Map<string, TicketRow>();
    for (const id of [...new Set(ticketIds)].sort()) rows.set(id, await this.lock(context, id));
    return ticketIds.map((id) => rows.get(id)!);
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
    if (!row) throw TicketCoreException.notFound();
    if (row.deleted_at && !allowDeleted) {
      throw TicketCoreException.conflict('the ticket is deleted: an admin restores it first');
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
    const { manager, now } = context;
    const ticket = change.ticket;
    let saved: TicketRow | undefined;
    // A change that moves the ticket bumps version and activity; else the row is re-read.
    if (change.touches) {
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
    if (!saved) throw TicketCoreException.notFound();
    await this.writeEffects(context, [
      {
        ticket: saved,
        history: change.history,
        events: change.events,
        readMark: change.readMark,
        timers: new Map([...timerChanges(change), ...change.timers]),
      },
    ]);
    return { ...saved, unread: false };
  }

  /**
   * Writes what changes of tickets leave besides their rows, in one statement for any number of
   * tickets: history, events (the outbox, each with the ticket's snapshot), read marks and
   * timers. `save` writes a change's; ticket creation writes its new tickets'.
   */
  async writeEffects(context: CommandContext, effects: TicketEffects[]): Promise<void> {
    const { manager, actor, now } = context;
    const history = effects.flatMap(({ ticket, history }) =>
      history.map(({ action, changes }) => ({ ticket_id: ticket.id, action, changes })),
    );
    const events = effects.flatMap(({ ticket, events }) =>
      events.map((event) =>
        outboxRow(event.subject, ticket.workspace_id, {
          ticketId: ticket.id,
          number: ticket.number,
          actorKind: actor.kind,
          actorId: actorId(actor),
          ticket: toSnapshot(ticket),
          ...event.extra,
        }),
      ),
    );
    const reads = effects.flatMap(({ ticket, readMark }) =>
      readMark ? [{ ticket_id: ticket.id, agent_id: readMark.agentId, read_at: readMark.at }] : [],
    );
    const timers = effects.flatMap(({ ticket, timers }) =>
      [...timers].map(([kind, dueAt]) => ({ ticket_id: ticket.id, kind, due_at: dueAt })),
    );
    if (history.length + events.length + reads.length + timers.length === 0) return;
    await manager.query(
      `WITH history AS (
         INSERT INTO ticket_history (workspace_id, ticket_id, actor_kind, actor_id, action, changes, created_at)
         SELECT $1, h.ticket_id, $2, $3, h.action, h.changes, $4
           FROM jsonb_to_recordset($5::jsonb) AS h(ticket_id uuid, action text, changes jsonb)),
       events AS (${insertOutboxSql('$6')}),
       reads AS (
         INSERT INTO ticket_reads (workspace_id, agent_id, ticket_id, read_at)
         SELECT $1, r.agent_id, r.ticket_id, r.read_at
           FROM jsonb_to_recordset($7::jsonb) AS r(agent_id uuid, ticket_id uuid, read_at timestamptz)
         ON CONFLICT (agent_id, ticket_id) DO UPDATE SET read_at = excluded.read_at),
       ${timerWritesSql('$1', '$8')}
       SELECT 1 AS done`,
      [
        actor.workspaceId,
        actor.kind,
        actorId(actor),
        now,
        JSON.stringify(history),
        JSON.stringify(events),
        JSON.stringify(reads),
        JSON.stringify(timers),
      ],
    );
  }
}

/** What a saved change or a created ticket leaves beside its row (`TicketStore.writeEffects`). */
export interface TicketEffects {
  /** The ticket as saved: events carry its snapshot. */
  ticket: TicketRow;
  history: HistoryEntry[];
  events: PendingEvent[];
  readMark: ReadMark | null;
  /** Timers to schedule or move (a time) or cancel (null). */
  timers: Map<TimerKind, Date | null>;
}
