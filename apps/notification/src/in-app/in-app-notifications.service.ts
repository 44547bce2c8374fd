import { Injectable } from '@nestjs/common';
import * as c from '@switchboard/contracts';
import { randomUUID } from 'node:crypto';
import { Outbox } from '@switchboard/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationException } from '../core/notification.exception';
import { AgentKind } from '../templates/notification-kinds';

interface Row {
  id: string;
  kind: AgentKind;
  ticket_id: string | null;
  ticket_number: number | null;
  title: string;
  body: string;
  created_at: Date;
  read_at: Date | null;
}

/** The short line an agent sees in the desk for each kind. */
export function inAppTitle(kind: AgentKind, number: number): string {
  switch (kind) {
    case 'assigned':
      return `Ticket #${number} was assigned to you`;
    case 'participant_added':
      return `You were added to ticket #${number}`;
    case 'reminder_due':
      return `Reminder for ticket #${number}`;
    case 'team_new_ticket':
      return `New ticket #${number} in your team`;
    case 'access_requested':
      return `Someone asks to join ticket #${number}`;
  }
}

/** Agents' in-app notifications, in notification's schema; one per event, agent and kind. */
@Injectable()
export class InAppNotifications {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Written in the event's transaction; a redelivered event adds nothing. A new one is also an
   * event of notification's own, which chat-gateway pushes to the agent's open desks.
   */
  async add(
    manager: EntityManager,
    event: c.EventEnvelope<c.TicketEventV1>,
    agentId: string,
    kind: AgentKind,
  ): Promise<void> {
    const [row]: Row[] = await manager.query(
      `INSERT INTO in_app_notifications
         (id, workspace_id, agent_id, event_id, kind, ticket_id, ticket_number, title, body, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (event_id, agent_id, kind) DO NOTHING
       RETURNING id, kind, ticket_id, ticket_number, title, body, created_at, read_at`,
      [
        randomUUID(),
        event.workspaceId,
        agentId,
        event.id,
        kind,
        event.data.ticketId,
        event.data.number,
        inAppTitle(kind, event.data.number),
        event.data.ticket.subject,
        new Date(event.occurredAt),
      ],
    );
    if (row) {
      await this.outbox.add(manager, c.NOTIFICATION_CREATED_V1, event.workspaceId, {
        agentId,
        notification: toNotification(row),
      });
    }
  }

  async list(query: c.ListNotificationsV1): Promise<c.NotificationListV1> {
    const agentId = agentOf(query.actor);
    const rows: Row[] = await this.dataSource.query(
      `SELECT id, kind, ticket_id, ticket_number, title, body, created_at, read_at
         FROM in_app_notifications
        WHERE agent_id = $1 AND workspace_id = $2
          AND ($3::boolean IS NOT TRUE OR read_at IS NULL)
          AND ($4::timestamptz IS NULL OR created_at < $4)
        ORDER BY created_at DESC, id DESC
        LIMIT $5`,
      [
        agentId,
        query.actor.workspaceId,
        query.unreadOnly ?? false,
        query.before ?? null,
        query.limit ?? 50,
      ],
    );
    const { unread } = await this.countUnread(query);
    return {
      items: rows.map(toNotification),
      unread,
    };
  }

  async countUnread(query: c.ActorRequest): Promise<c.UnreadCountV1> {
    const [row]: { unread: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS unread FROM in_app_notifications
        WHERE agent_id = $1 AND workspace_id = $2 AND read_at IS NULL`,
      [agentOf(query.actor), query.actor.workspaceId],
    );
    return { unread: row.unread };
  }

  async markRead(command: c.MarkNotificationsReadV1): Promise<c.UnreadCountV1> {
    const agentId = agentOf(command.actor);
    if (!command.all && !command.ids?.length) {
      throw NotificationException.invalid('ids', 'give ids or all: true');
    }
    await this.dataSource.query(
      `UPDATE in_app_notifications SET read_at = now()
        WHERE agent_id = $1 AND workspace_id = $2 AND read_at IS NULL
          AND ($3::boolean OR id = ANY($4::uuid[]))`,
      [agentId, command.actor.workspaceId, command.all ?? false, command.ids ?? []],
    );
    return this.countUnread(command);
  }
}

function toNotification(row: Row): c.NotificationV1 {
  return {
    id: row.id,
    kind: row.kind,
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number,
    title: row.title,
    body: row.body,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}

function agentOf(actor: c.Actor): string {
  if (actor.kind !== 'agent' || !actor.agentId) {
    throw NotificationException.forbidden('only agents have notifications');
  }
  return actor.agentId;
}
