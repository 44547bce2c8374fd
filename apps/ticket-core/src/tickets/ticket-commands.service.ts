import { Injectable } from '@nestjs/common';
import {
  AnswerLaterV1,
  AssignTicketV1,
  ChangeLabelsV1,
  ChangeParticipantsV1,
  ClaimTicketV1,
  ConvertToMailV1,
  DecideAccessV1,
  DeleteTicketV1,
  MarkReadV1,
  MergeTicketV1,
  QuickAcceptV1,
  ReopenTicketV1,
  RequestAccessV1,
  RestoreTicketV1,
  ReturnTicketV1,
  RotatePublicTokenV1,
  ScheduleIntakeCloseV1,
  SetAutoSolveV1,
  SetPendingV1,
  SetPriorityV1,
  SolveTicketV1,
  TICKET_ASSIGNED_V1,
  TICKET_CLAIMED_V1,
  TICKET_DELETED_V1,
  TICKET_LABELS_CHANGED_V1,
  TICKET_MERGED_V1,
  TICKET_PARTICIPANTS_CHANGED_V1,
  TICKET_PRIORITY_CHANGED_V1,
  TICKET_REOPENED_V1,
  TICKET_RESTORED_V1,
  TICKET_RETURNED_V1,
  TICKET_SOLVED_V1,
  TicketListV1,
  TicketSummaryV1,
} from '@switchboard/contracts';
import { limitSql } from '@switchboard/database';
import { isUnlimitedSystem } from '../access/resolved-actor';
import { claimableTickets, mayClaim } from '../access/ticket-visibility';
import { setTimer } from '../timers/timer-schedule';
import { isActiveAgent, requireActiveAgent, requireTeam } from './workspace-refs';
import { TicketChange } from './ticket-change';
import { newPublicToken } from './ticket-creation.service';
import { insertMessage } from './ticket-messages.sql';
import { requireAgent, requireStaff, requireWork } from './ticket-permissions';
import { TICKET_FROM, TicketRow, ticketColumns, toSummary } from './ticket-row';
import { CommandContext, TicketStore } from './ticket-store';
import { TicketException } from './ticket.exception';

const future = (value: string, now: Date, field: string): Date => {
  const at = new Date(value);
  if (at.getTime() <= now.getTime())
    throw TicketException.invalid(field, `${field} must be in the future`);
  return at;
};

/** Assignment, status and attribute commands. Each is one transaction through the store. */
@Injectable()
export class TicketCommandsService {
  constructor(private readonly store: TicketStore) {}

  async claim(command: ClaimTicketV1): Promise<TicketSummaryV1> {
    const row = await this.store.mutate(command.actor, command.ticketId, (change) => {
      const me = requireAgent(change.actor);
      if (change.ticket.status !== 'new' && change.ticket.assignee_id) {
        throw TicketException.alreadyClaimed(change.ticket.assignee_id);
      }
      // Taking part in another team's ticket shows it to an agent; it is still that team's to take.
      if (!mayClaim(change.actor, change.ticket.team_id)) {
        throw TicketException.forbidden("this ticket waits in another team's queue");
      }
      this.claimFor(change, me);
    });
    return toSummary(row);
  }

  /** Claims the N oldest claimable tickets at once; rows another claimer holds are skipped. */
  quickAccept(command: QuickAcceptV1): Promise<TicketListV1> {
    return this.store.transaction(command.actor, async (context) => {
      const me = requireAgent(context.actor);
      const params: unknown[] = [];
      const columns = ticketColumns(params, me);
      const claimable = claimableTickets(context.actor, params, { ofOwnTeams: true });
      const rows: TicketRow[] = await context.manager.query(
        `SELECT ${columns} FROM ${TICKET_FROM} WHERE ${claimable}
          ORDER BY t.created_at, t.id ${limitSql(command.count)}
          FOR UPDATE OF t SKIP LOCKED`,
        params,
      );
      const items: TicketSummaryV1[] = [];
      for (const row of rows) {
        const change = new TicketChange(context.actor, row, context.now);
        this.claimFor(change, me);
        items.push(toSummary(await this.store.save(context, change)));
      }
      return { items };
    });
  }

  private claimFor(change: TicketChange, agentId: string): void {
    change.transition('claim');
    change.set('assignee_id', agentId);
    change.record('claimed', { assignee: { before: null, after: agentId } });
    change.emit(TICKET_CLAIMED_V1, { assigneeId: agentId });
  }

  async assign(command: AssignTicketV1): Promise<TicketSummaryV1> {
    if (!command.assigneeId && !command.teamId) {
      throw TicketException.invalid('assigneeId', 'give an assignee, a team, or both');
    }
    const row = await this.store.mutate(
      command.actor,
      command.ticketId,
      async (change, context) => {
        requireStaff(change.actor);
        const ticket = change.ticket;
        if (ticket.status !== 'new') requireWork(change.actor, ticket);
        const previousAssigneeId = ticket.assignee_id;
        const previousTeamId = ticket.team_id;
        if (command.teamId) {
          await requireTeam(context, command.teamId);
          if (ticket.status === 'solved')
            throw TicketException.invalidTransition('solved', 'assign');
          change.set('team_id', command.teamId);
        }
        if (command.assigneeId) {
          await requireActiveAgent(context, command.assigneeId);
          change.transition('assign');
          change.set('assignee_id', command.assigneeId);
        }
        change.recordFields('assigned', ['assignee_id', 'team_id']);
        change.emit(TICKET_ASSIGNED_V1, {
          assigneeId: change.ticket.assignee_id,
          teamId: change.ticket.team_id,
          previousAssigneeId,
          previousTeamId,
        });
      },
    );
    return toSummary(row);
  }

  async returnToQueue(command: ReturnTicketV1): Promise<TicketSummaryV1> {
    const row = await this.store.mutate(command.actor, command.ticketId, (change) => {
      requireWork(change.actor, change.ticket);
      const previous = change.ticket.assignee_id;
      change.transition('returnToQueue');
      change.set('previous_assignee_id', previous);
      change.set('assignee_id', null);
      // An auto-solve date belongs to whoever set it; the next to claim the ticket decides anew.
      change.set('auto_solve_at', null);
      change.record('returned', { assignee: { before: previous, after: null } });
      change.emit(TICKET_RETURNED_V1, { previousAssigneeId: previous });
    });
    return toSummary(row);
  }

  async setPending(command: SetPendingV1): Promise<TicketSummaryV1> {
    const row = await this.store.mutate(command.actor, command.ticketId, (change) => {
      requireWork(change.actor, change.ticket);
      const remindAt = future(command.remindAt, change.now, 'remindAt');
      change.transition('setPending');
      change.set('remind_at', remindAt);
      change.recordFields('reminder-set', ['remind_at']);
    });
    return toSummary(row);
  }

  async setAutoSolve(command: SetAutoSolveV1): Promise<TicketSummaryV1> {
    const row = await this.store.mutate(command.actor, command.ticketId, (change) => {
      requireWork(change.actor, change.ticket);
      const status = change.ticket.status;
      if (command.autoSolveAt !== null && status !== 'open' && status !== 'pending') {
        throw TicketException.invalidTransition(status, 'setAutoSolve');
      }
      const at =
        command.autoSolveAt === null
          ? null
          : future(command.autoSolveAt, change.now, 'autoSolveAt');
      change.set('auto_solve_at', at);
      change.recordFields('auto-solve-set', ['auto_solve_at']);
    });
    return toSummary(row);
  }

  async solve(command: SolveTicketV1): Promise<TicketSummaryV1> {
    const row = await this.store.mutate(command.actor, command.ticketId, (change) => {
      requireWork(change.actor, change.ticket);
      this.solveNow(change, command.withSummary);
    });
    return toSummary(row);
  }

  /** Solving parks nothing: reminder and auto-solve are cleared, the reopen window starts. */
  solveNow(change: TicketChange, withSummary: boolean, command: 'solve' | 'autoSolve' = 'solve') {
    change.transition(command);
    change.set('solved_at', change.now);
    change.set('solved_by', change.actor.agentId ?? change.ticket.assignee_id);
    change.set('remind_at', null);
    change.set('auto_solve_at', null);
    change.record('solved', { withSummary: { before: null, after: withSummary } });
    change.emit(TICKET_SOLVED_V1, { withSummary });
  }

  /**
   * Opens a solved ticket again, for its assignee, or for the caller when it has none or its
   * assignee has left. A reopened ticket is worked again, so it leaves the archive. A merged
   * ticket stays solved: its conversation lives on in the ticket it was merged into.
   */
  async reopen(command: ReopenTicketV1): Promise<TicketSummaryV1> {
    const row = await this.store.mutate(
      command.actor,
      command.ticketId,
      async (change, context) => {
        const me = requireAgent(change.actor);
        requireWork(change.actor, change.ticket);
        if (change.ticket.merged_into_id !== null) {
          throw TicketException.conflict(
            'a merged ticket cannot be reopened: reopen the one it was merged into',
            {
              mergedIntoId: change.ticket.merged_into_id,
            },
          );
        }
        change.transition('reopen');
        const assignee = change.ticket.assignee_id;
        if (!assignee || !(await isActiveAgent(context, assignee))) change.set('assignee_id', me);
        change.set('solved_at', null);
        change.set('solved_by', null);
        change.set('archived_at', null);
        change.emit(TICKET_REOPENED_V1, { by: 'agent' });
      },
    );
    return toSummary(row);
  }

  async setPriority(command: SetPriorityV1): Promise<TicketSummaryV1> {
    const row = await this.store.mutate(command.actor, command.ticketId, (change) => {
      requireWork(change.actor, change.ticket);
      const from = change.ticket.priority;
      change.set('priority', command.priority);
      if (from === command.priority) return;
      change.recordFields('priority-changed', ['priority']);
      change.emit(TICKET_PRIORITY_CHANGED_V1, { from, to: command.priority });
    });
    return toSummary(row);
  }

  async changeLabels(command: ChangeLabelsV1): Promise<TicketSummaryV1> {
    const row = await this.store.mutate(
      command.actor,
      command.ticketId,
      async (change, context) => {
        requireWork(change.actor, change.ticket);
        const current = change.ticket.labels;
        const added = [...new Set(command.add)].filter((label) => !current.includes(label));
        const removed = [...new Set(command.remove)].filter((label) => current.includes(label));
        if (added.length === 0 && removed.length === 0) return;
        change.set('labels', [...current.filter((label) => !removed.includes(label)), ...added]);
        if (added.length > 0) {
          await context.manager.query(
            `INSERT INTO labels (workspace_id, name) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
            [context.actor.workspaceId, added],
          );
        }
        change.recordFields('labels-changed', ['labels']);
        change.emit(TICKET_LABELS_CHANGED_V1, { added, removed });
      },
    );
    return toSummary(row);
  }

  async changeParticipants(command: ChangeParticipantsV1): Promise<TicketSummaryV1> {
    const row = await this.store.mutate(
      command.actor,
      command.ticketId,
      async (change, context) => {
        requireWork(change.actor, change.ticket);
        const current = change.ticket.participant_ids;
        const added = [...new Set(command.add)].filter((id) => !current.includes(id));
        const removed = [...new Set(command.remove)].filter((id) => current.includes(id));
        for (const agentId of added) await requireActiveAgent(context, agentId);
        await this.writeParticipants(context, change.ticket, added, removed);
        if (added.length === 0 && removed.length === 0) return;
        change.record('participants-changed', {
          participants: {
            before: current,
            after: [...current.filter((id) => !removed.includes(id)), ...added],
          },
        });
        change.emit(TICKET_PARTICIPANTS_CHANGED_V1, { added, removed });
      },
    );
    return toSummary(row);
  }

  /** An agent who can see the ticket but not work on it asks to take part. */
  requestAccess(command: RequestAccessV1): Promise<{ requestId: string }> {
    return this.store.transaction(command.actor, async (context) => {
      const me = requireAgent(context.actor);
      const ticket = await this.store.lock(context, command.ticketId);
      if (ticket.assignee_id === me || ticket.participant_ids.includes(me)) {
        throw TicketException.conflict('you already work on this ticket');
      }
      const [existing] = await context.manager.query(
        `SELECT id FROM access_requests WHERE ticket_id = $1 AND agent_id = $2 AND status = 'pending'`,
        [ticket.id, me],
      );
      if (existing) return { requestId: existing.id as string };
      const [created] = await context.manager.query(
        `INSERT INTO access_requests (workspace_id, ticket_id, agent_id, created_at)
         VALUES ($1, $2, $3, $4) RETURNING id`,
        [ticket.workspace_id, ticket.id, me, context.now],
      );
      const change = new TicketChange(context.actor, ticket, context.now);
      change.record('access-requested', { agent: { before: null, after: me } });
      await this.store.save(context, change);
      return { requestId: created.id as string };
    });
  }

  async decideAccess(command: DecideAccessV1): Promise<TicketSummaryV1> {
    const row = await this.store.mutate(
      command.actor,
      command.ticketId,
      async (change, context) => {
        const me = requireAgent(change.actor);
        if (change.ticket.assignee_id !== me && !change.actor.seesAll) {
          throw TicketException.forbidden('only the assignee or a supervisor decides access');
        }
        // An UPDATE answers [rows, count] through TypeORM.
        const [[request]]: [{ agent_id: string }[], number] = await context.manager.query(
          `UPDATE access_requests SET status = $3, decided_at = $4, decided_by = $5
          WHERE id = $1 AND ticket_id = $2 AND status = 'pending' RETURNING agent_id`,
          [
            command.requestId,
            change.ticket.id,
            command.grant ? 'granted' : 'denied',
            change.now,
            me,
          ],
        );
        if (!request) throw TicketException.notFound('pending access request');
        change.record(command.grant ? 'access-granted' : 'access-denied', {
          agent: { before: null, after: request.agent_id },
        });
        if (command.grant) {
          await this.writeParticipants(context, change.ticket, [request.agent_id], []);
          change.emit(TICKET_PARTICIPANTS_CHANGED_V1, { added: [request.agent_id], removed: [] });
        }
      },
    );
    return toSummary(row);
  }

  /** Per-agent read state; recorded, but it moves nothing for anyone else. */
  markRead(command: MarkReadV1): Promise<TicketSummaryV1> {
    return this.store.transaction(command.actor, async (context) => {
      const me = requireAgent(context.actor);
      const ticket = await this.store.lock(context, command.ticketId);
      await this.store.markRead(context.manager, ticket, me, command.read ? context.now : null);
      await context.manager.query(
        `INSERT INTO ticket_history (workspace_id, ticket_id, actor_kind, actor_id, action, created_at)
         VALUES ($1, $2, 'agent', $3, $4, $5)`,
        [
          ticket.workspace_id,
          ticket.id,
          me,
          command.read ? 'marked-read' : 'marked-unread',
          context.now,
        ],
      );
      return toSummary({ ...ticket, unread: !command.read });
    });
  }

  async delete(command: DeleteTicketV1): Promise<TicketSummaryV1> {
    const row = await this.store.mutate(
      command.actor,
      command.ticketId,
      (change) => {
        const isOwner =
          change.ticket.assignee_id !== null && change.ticket.assignee_id === change.actor.agentId;
        if (!change.actor.seesAll && !isOwner) {
          throw TicketException.forbidden(
            'only the assignee, supervisors and admins delete tickets',
          );
        }
        if (change.ticket.deleted_at) throw TicketException.conflict('ticket is already deleted');
        change.set('deleted_at', change.now);
        change.recordFields('deleted', ['deleted_at']);
        change.emit(TICKET_DELETED_V1, {});
      },
      { allowDeleted: true },
    );
    return toSummary(row);
  }

  async restore(command: RestoreTicketV1): Promise<TicketSummaryV1> {
    const row = await this.store.mutate(
      command.actor,
      command.ticketId,
      (change) => {
        if (!isUnlimitedSystem(change.actor) && change.actor.role !== 'admin') {
          throw TicketException.forbidden('only admins restore deleted tickets');
        }
        if (!change.ticket.deleted_at) throw TicketException.conflict('ticket is not deleted');
        change.set('deleted_at', null);
        change.recordFields('restored', ['deleted_at']);
        change.emit(TICKET_RESTORED_V1, {});
      },
      { allowDeleted: true },
    );
    return toSummary(row);
  }

  /** Moves the ticket's messages into another ticket of the same customer, then solves it. */
  merge(command: MergeTicketV1): Promise<TicketSummaryV1> {
    if (command.ticketId === command.intoTicketId) {
      throw TicketException.invalid('intoTicketId', 'a ticket cannot be merged into itself');
    }
    return this.store.transaction(command.actor, async (context) => {
      requireStaff(context.actor);
      // Lock both in a fixed order so that two opposite merges cannot deadlock.
      const [first, second] = [command.ticketId, command.intoTicketId].sort();
      const locked = new Map<string, TicketRow>();
      for (const id of [first, second]) locked.set(id, await this.store.lock(context, id));
      const source = locked.get(command.ticketId)!;
      const target = locked.get(command.intoTicketId)!;
      requireWork(context.actor, source);
      requireWork(context.actor, target);
      if (source.customer_id !== target.customer_id) {
        throw TicketException.conflict('only tickets of the same customer can be merged');
      }
      if (target.merged_into_id) {
        throw TicketException.conflict('the target ticket was merged into another itself');
      }
      await context.manager.query(`UPDATE messages SET ticket_id = $2 WHERE ticket_id = $1`, [
        source.id,
        target.id,
      ]);
      await context.manager.query(
        `UPDATE ticket_search SET search_vector = ticket_search.search_vector || s.search_vector
           FROM ticket_search s WHERE ticket_search.ticket_id = $2 AND s.ticket_id = $1`,
        [source.id, target.id],
      );
      const sourceChange = new TicketChange(context.actor, source, context.now);
      sourceChange.transition('merge');
      sourceChange.set('merged_into_id', target.id);
      sourceChange.set('solved_at', context.now);
      sourceChange.set('solved_by', context.actor.agentId);
      sourceChange.set('remind_at', null);
      sourceChange.set('auto_solve_at', null);
      sourceChange.record('merged', { into: { before: null, after: target.number } });
      sourceChange.emit(TICKET_MERGED_V1, { intoTicketId: target.id, intoNumber: target.number });
      await this.store.save(context, sourceChange);

      await insertMessage(
        context.manager,
        target.workspace_id,
        target.id,
        {
          visibility: 'internal',
          authorKind: 'system',
          authorId: null,
          bodyText: `Ticket #${source.number} was merged into this ticket.`,
          bodyHtml: null,
          attachments: [],
          mail: null,
        },
        context.now,
      );
      const targetChange = new TicketChange(context.actor, target, context.now);
      targetChange.record('merged-in', { from: { before: null, after: source.number } });
      return toSummary(await this.store.save(context, targetChange));
    });
  }

  /** Continue by mail: replies now go out by email (PRODUCT §2.1). */
  async convertToMail(command: ConvertToMailV1): Promise<TicketSummaryV1> {
    const row = await this.store.mutate(command.actor, command.ticketId, (change) => {
      requireWork(change.actor, change.ticket);
      this.toMail(change);
    });
    return toSummary(row);
  }

  /** "Answer at a later date": a chat becomes a mail ticket and is parked, in one step. */
  async answerLater(command: AnswerLaterV1): Promise<TicketSummaryV1> {
    const row = await this.store.mutate(command.actor, command.ticketId, (change) => {
      requireWork(change.actor, change.ticket);
      const remindAt = future(command.remindAt, change.now, 'remindAt');
      this.toMail(change);
      change.transition('answerLater');
      change.set('remind_at', remindAt);
      change.recordFields('reminder-set', ['remind_at']);
    });
    return toSummary(row);
  }

  private toMail(change: TicketChange): void {
    if (change.ticket.channel !== 'chat') {
      throw TicketException.conflict(
        `only chat tickets continue by mail (this is ${change.ticket.channel})`,
      );
    }
    if (!change.ticket.customer_email) {
      throw TicketException.conflict('the customer has no email address to continue by mail');
    }
    change.set('channel', 'mail');
    change.recordFields('channel-changed', ['channel']);
  }

  /** Out of hours: the chat's intake closes after a silence; chat-gateway is told by event. */
  scheduleIntakeClose(command: ScheduleIntakeCloseV1): Promise<{ closesAt: string }> {
    return this.store.transaction(command.actor, async (context) => {
      requireStaff(context.actor);
      const ticket = await this.store.lock(context, command.ticketId);
      const active = ticket.status === 'new' || ticket.status === 'open';
      if (ticket.channel !== 'chat' || !active) {
        throw TicketException.conflict('only an active chat ticket has an intake to close');
      }
      const minutes = command.afterMinutes ?? context.actor.settings.intakeCloseMinutes;
      const closesAt = new Date(context.now.getTime() + minutes * 60_000);
      await setTimer(context.manager, ticket.workspace_id, ticket.id, 'intake-close', closesAt);
      return { closesAt: closesAt.toISOString() };
    });
  }

  async rotatePublicToken(command: RotatePublicTokenV1): Promise<{ publicToken: string }> {
    const row = await this.store.mutate(command.actor, command.ticketId, (change) => {
      requireWork(change.actor, change.ticket);
      change.set('public_token', newPublicToken());
      // The token itself never goes into the history.
      change.record('public-token-rotated');
    });
    return { publicToken: row.public_token };
  }

  private async writeParticipants(
    { manager }: CommandContext,
    ticket: TicketRow,
    added: string[],
    removed: string[],
  ): Promise<void> {
    if (added.length > 0) {
      await manager.query(
        `INSERT INTO ticket_participants (workspace_id, ticket_id, agent_id)
         SELECT $1, $2, unnest($3::uuid[]) ON CONFLICT DO NOTHING`,
        [ticket.workspace_id, ticket.id, added],
      );
    }
    if (removed.length > 0) {
      await manager.query(
        `DELETE FROM ticket_participants WHERE ticket_id = $1 AND agent_id = ANY($2::uuid[])`,
        [ticket.id, removed],
      );
    }
  }
}
