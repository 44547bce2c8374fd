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
  TICKET_DELETED_V1,
  TICKET_LABELS_CHANGED_V1,
  TICKET_ACCESS_REQUESTED_V1,
  TICKET_CHANNEL_CHANGED_V1,
  TICKET_TRANSCRIPT_REQUESTED_V1,
  SendTranscriptV1,
  TICKET_PARTICIPANTS_CHANGED_V1,
  TICKET_PRIORITY_CHANGED_V1,
  TICKET_RESTORED_V1,
  TICKET_RETURNED_V1,
  TicketListV1,
  TicketSummaryV1,
} from '@switchboard/contracts';
import { limitSql } from '@switchboard/database';
import { requireAgent, requireRole, requireStaff } from '../core/resolved-actor';
import { claimableTickets, mayClaim } from '../access/ticket-visibility';
import { isAllowed } from './ticket-state-machine';
import { isActiveAgent, requireActiveAgent, requireTeam } from './workspace-refs';
import { TicketChange } from './ticket-change';
import { newPublicToken } from './ticket-creation.service';
import { insertMessage } from './ticket-messages.sql';
import { requireWork } from './ticket-permissions';
import { TICKET_FROM, TicketRow, ticketColumns, toSummary } from './ticket-row';
import { TicketStore } from './ticket-store';
import { CommandContext } from '../core/command-context';
import { TicketCoreException } from '../core/ticket-core.exception';

const future = (value: string, now: Date, field: string): Date => {
  const at = new Date(value);
  if (at.getTime() <= now.getTime())
    throw TicketCoreException.invalid(field, `${field} must be in the future`);
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
        throw TicketCoreException.alreadyClaimed(change.ticket.assignee_id);
      }
      // Taking part in another team's ticket shows it to an agent; it is still that team's to take.
      if (!mayClaim(change.actor, change.ticket.team_id)) {
        throw TicketCoreException.forbidden("this ticket waits in another team's queue");
      }
      change.claim(me);
    });
    return toSummary(row);
  }

  /** Claims the N oldest claimable tickets at once; rows another claimer holds are skipped. */
  async quickAccept(command: QuickAcceptV1): Promise<TicketListV1> {
    const rows = await this.store.mutateMany(
      command.actor,
      async ({ manager, actor }) => {
        const params: unknown[] = [];
        const columns = ticketColumns(params, requireAgent(actor));
        const claimable = claimableTickets(actor, params, { ofOwnTeams: true });
        return manager.query(
          `SELECT ${columns} FROM ${TICKET_FROM} WHERE ${claimable}
            ORDER BY t.created_at, t.id ${limitSql(command.count)}
            FOR UPDATE OF t SKIP LOCKED`,
          params,
        );
      },
      (changes) => {
        for (const change of changes) change.claim(change.actor.agentId!);
      },
    );
    return { items: rows.map(toSummary) };
  }

  async assign(command: AssignTicketV1): Promise<TicketSummaryV1> {
    if (!command.assigneeId && !command.teamId) {
      throw TicketCoreException.invalid('assigneeId', 'give an assignee, a team, or both');
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
          change.transition('changeTeam');
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
      // Any ticket's auto-solve date may be cleared; only a worked one's may be set.
      if (command.autoSolveAt !== null) change.transition('setAutoSolve');
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
      change.solve(command.withSummary);
    });
    return toSummary(row);
  }

  /**
   * Opens a solved ticket again, for its assignee, or for the caller when it has none or its
   * assignee has left. A merged ticket stays solved: its conversation lives on in the ticket it
   * was merged into.
   */
  async reopen(command: ReopenTicketV1): Promise<TicketSummaryV1> {
    const row = await this.store.mutate(
      command.actor,
      command.ticketId,
      async (change, context) => {
        const me = requireAgent(change.actor);
        requireWork(change.actor, change.ticket);
        if (change.ticket.merged_into_id !== null) {
          throw TicketCoreException.conflict(
            'a merged ticket cannot be reopened: reopen the one it was merged into',
            {
              mergedIntoId: change.ticket.merged_into_id,
            },
          );
        }
        change.reopen('agent');
        const assignee = change.ticket.assignee_id;
        if (!assignee || !(await isActiveAgent(context, assignee))) change.set('assignee_id', me);
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
  async requestAccess(command: RequestAccessV1): Promise<{ requestId: string }> {
    let requestId = '';
    await this.store.mutate(
      command.actor,
      command.ticketId,
      async (change, { manager, now }) => {
        const me = change.actor.agentId!;
        const ticket = change.ticket;
        if (ticket.assignee_id === me || ticket.participant_ids.includes(me)) {
          throw TicketCoreException.conflict('you already work on this ticket');
        }
        const [existing] = await manager.query(
          `SELECT id FROM access_requests WHERE ticket_id = $1 AND agent_id = $2 AND status = 'pending'`,
          [ticket.id, me],
        );
        if (existing) {
          requestId = existing.id;
          return;
        }
        const [created] = await manager.query(
          `INSERT INTO access_requests (workspace_id, ticket_id, agent_id, created_at)
         VALUES ($1, $2, $3, $4) RETURNING id`,
          [ticket.workspace_id, ticket.id, me, now],
        );
        requestId = created.id;
        change.record('access-requested', { agent: { before: null, after: me } });
        change.emit(TICKET_ACCESS_REQUESTED_V1, { requestId, agentId: me });
      },
      { guard: requireAgent },
    );
    return { requestId };
  }

  /**
   * The conversation by mail to the ticket's customer (the chat widget's "email me this
   * conversation"): an event, which notification answers with the transcript. The customer may
   * ask for their own ticket only (the lock finds no other).
   */
  async sendTranscript(command: SendTranscriptV1): Promise<{ recipient: string }> {
    let recipient = '';
    await this.store.mutate(command.actor, command.ticketId, (change) => {
      if (!change.ticket.customer_email) {
        throw TicketCoreException.conflict('the customer has no email address to send it to');
      }
      recipient = change.ticket.customer_email;
      change.emit(TICKET_TRANSCRIPT_REQUESTED_V1, {});
    });
    return { recipient };
  }

  async decideAccess(command: DecideAccessV1): Promise<TicketSummaryV1> {
    const row = await this.store.mutate(
      command.actor,
      command.ticketId,
      async (change, context) => {
        const me = requireAgent(change.actor);
        if (change.ticket.assignee_id !== me && !change.actor.seesAll) {
          throw TicketCoreException.forbidden('only the assignee or a supervisor decides access');
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
        if (!request) throw TicketCoreException.notFound('pending access request');
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
  async markRead(command: MarkReadV1): Promise<TicketSummaryV1> {
    const row = await this.store.mutate(
      command.actor,
      command.ticketId,
      (change) => change.markRead(change.actor.agentId!, command.read),
      { guard: requireAgent },
    );
    return toSummary({ ...row, unread: !command.read });
  }

  async delete(command: DeleteTicketV1): Promise<TicketSummaryV1> {
    const row = await this.store.mutate(
      command.actor,
      command.ticketId,
      (change) => {
        const isOwner =
          change.ticket.assignee_id !== null && change.ticket.assignee_id === change.actor.agentId;
        if (!change.actor.seesAll && !isOwner) {
          throw TicketCoreException.forbidden(
            'only the assignee, supervisors and admins delete tickets',
          );
        }
        if (change.ticket.deleted_at)
          throw TicketCoreException.conflict('ticket is already deleted');
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
        requireRole(change.actor, 'admin');
        if (!change.ticket.deleted_at) throw TicketCoreException.conflict('ticket is not deleted');
        change.set('deleted_at', null);
        change.recordFields('restored', ['deleted_at']);
        change.emit(TICKET_RESTORED_V1, {});
      },
      { allowDeleted: true },
    );
    return toSummary(row);
  }

  /** Moves the ticket's messages into another ticket of the same customer, then solves it. */
  async merge(command: MergeTicketV1): Promise<TicketSummaryV1> {
    if (command.ticketId === command.intoTicketId) {
      throw TicketCoreException.invalid('intoTicketId', 'a ticket cannot be merged into itself');
    }
    const [, target] = await this.store.mutateMany(
      command.actor,
      (context) => {
        requireStaff(context.actor);
        return this.store.lockAll(context, [command.ticketId, command.intoTicketId]);
      },
      async ([sourceChange, targetChange], { manager, actor, now }) => {
        const [source, target] = [sourceChange.ticket, targetChange.ticket];
        requireWork(actor, source);
        requireWork(actor, target);
        if (source.customer_id !== target.customer_id) {
          throw TicketCoreException.conflict('only tickets of the same customer can be merged');
        }
        if (target.merged_into_id) {
          throw TicketCoreException.conflict('the target ticket was merged into another itself');
        }
        await manager.query(`UPDATE messages SET ticket_id = $2 WHERE ticket_id = $1`, [
          source.id,
          target.id,
        ]);
        await manager.query(
          `UPDATE ticket_search SET search_vector = ticket_search.search_vector || s.search_vector
             FROM ticket_search s WHERE ticket_search.ticket_id = $2 AND s.ticket_id = $1`,
          [source.id, target.id],
        );
        sourceChange.mergeInto(target);
        await insertMessage(
          manager,
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
          now,
        );
        targetChange.record('merged-in', { from: { before: null, after: source.number } });
      },
    );
    return toSummary(target);
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
      throw TicketCoreException.conflict(
        `only chat tickets continue by mail (this is ${change.ticket.channel})`,
      );
    }
    if (!change.ticket.customer_email) {
      throw TicketCoreException.conflict('the customer has no email address to continue by mail');
    }
    change.set('channel', 'mail');
    change.recordFields('channel-changed', ['channel']);
    change.emit(TICKET_CHANNEL_CHANGED_V1, { from: 'chat', to: 'mail' });
  }

  /** Out of hours: the chat's intake closes after a silence; chat-gateway is told by event. */
  async scheduleIntakeClose(command: ScheduleIntakeCloseV1): Promise<{ closesAt: string }> {
    let closesAt = new Date(0);
    await this.store.mutate(
      command.actor,
      command.ticketId,
      (change) => {
        const { channel, status } = change.ticket;
        if (channel !== 'chat' || !isAllowed(status, 'scheduleIntakeClose')) {
          throw TicketCoreException.conflict('only an active chat ticket has an intake to close');
        }
        const minutes = command.afterMinutes ?? change.actor.settings.intakeCloseMinutes;
        closesAt = new Date(change.now.getTime() + minutes * 60_000);
        change.scheduleTimer('intake-close', closesAt);
      },
      { guard: requireStaff },
    );
    return { closesAt: closesAt.toISOString() };
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
