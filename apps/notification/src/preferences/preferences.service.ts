import { Injectable } from '@nestjs/common';
import * as c from '@switchboard/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationException } from '../core/notification.exception';
import { AgentKind, DEFAULT_AGENT_EMAIL_KINDS } from '../templates/notification-kinds';

/**
 * Settings notification keeps of its own: which agent notifications an agent also wants by
 * email, and which inbound mailboxes answer a new mail with the auto-responder.
 */
@Injectable()
export class PreferencesService {
  constructor(private readonly dataSource: DataSource) {}

  async emailKinds(manager: EntityManager, agentId: string): Promise<AgentKind[]> {
    const [row]: { email_kinds: AgentKind[] }[] = await manager.query(
      `SELECT email_kinds FROM agent_preferences WHERE agent_id = $1`,
      [agentId],
    );
    return row?.email_kinds ?? DEFAULT_AGENT_EMAIL_KINDS;
  }

  async get(query: c.GetNotificationPreferencesV1): Promise<c.NotificationPreferencesV1> {
    return { emailKinds: await this.emailKinds(this.dataSource.manager, agentOf(query.actor)) };
  }

  async update(command: c.UpdateNotificationPreferencesV1): Promise<c.NotificationPreferencesV1> {
    const agentId = agentOf(command.actor);
    const emailKinds = [...new Set(command.emailKinds)];
    await this.dataSource.query(
      `INSERT INTO agent_preferences (agent_id, workspace_id, email_kinds) VALUES ($1, $2, $3)
       ON CONFLICT (agent_id) DO UPDATE SET email_kinds = excluded.email_kinds, updated_at = now()`,
      [agentId, command.actor.workspaceId, emailKinds],
    );
    return { emailKinds };
  }

  /** Whether one of these addresses (a new mail's recipients) has its auto-responder on. */
  async autoResponderOn(
    manager: EntityManager,
    workspaceId: string,
    addresses: string[],
  ): Promise<boolean> {
    if (addresses.length === 0) return false;
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM mailbox_settings
        WHERE workspace_id = $1 AND address = ANY($2::text[]) AND auto_responder`,
      [workspaceId, addresses.map(bareAddress)],
    );
    return rows.length > 0;
  }

  async setAutoResponder(command: c.SetAutoResponderV1): Promise<c.AutoResponderV1> {
    requireAdmin(command.actor);
    const address = command.address.toLowerCase();
    await this.dataSource.query(
      `INSERT INTO mailbox_settings (workspace_id, address, auto_responder) VALUES ($1, $2, $3)
       ON CONFLICT (workspace_id, address)
       DO UPDATE SET auto_responder = excluded.auto_responder, updated_at = now()`,
      [command.actor.workspaceId, address, command.enabled],
    );
    return { address, enabled: command.enabled };
  }
}

/** `Support <support+x@acme.test>` → `support@acme.test`: the mailbox an address reaches. */
export function bareAddress(address: string): string {
  const inner = /<([^>]+)>/.exec(address)?.[1] ?? address;
  return inner
    .trim()
    .toLowerCase()
    .replace(/\+[^@]*@/, '@');
}

export function agentOf(actor: c.Actor): string {
  if (actor.kind !== 'agent' || !actor.agentId) {
    throw NotificationException.forbidden('only agents have notification preferences');
  }
  return actor.agentId;
}

export function requireAdmin(actor: c.Actor): void {
  if (actor.kind !== 'agent' || actor.role !== 'admin') {
    throw NotificationException.forbidden('only admins change this');
  }
}
