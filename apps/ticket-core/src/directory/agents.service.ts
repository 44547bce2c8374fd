import { Injectable } from '@nestjs/common';
import {
  AgentListV1,
  AgentV1,
  GetAgentV1,
  ListAgentsV1,
  Role,
  ROLES,
  SetAvailabilityV1,
  UpsertAgentV1,
} from '@switchboard/contracts';
import { EntityManager } from 'typeorm';
import { requireRole } from '../core/resolved-actor';
import { TicketCoreException } from '../core/ticket-core.exception';
import { Transactions } from '../core/command-context';
import { AGENT_SELECT, AgentRow, toAgentV1 } from './directory-rows';

interface ExistingAgent {
  id: string;
  role: Role;
  active: boolean;
}

/** The agents of a workspace: who they are, their role, their teams and their availability. */
@Injectable()
export class AgentsService {
  constructor(private readonly transactions: Transactions) {}

  /**
   * Creates the agent with this email or updates it, replacing its team memberships. Admins only;
   * the system actor creates a new workspace's first admin, since nobody else can yet.
   */
  upsert(command: UpsertAgentV1): Promise<AgentV1> {
    return this.transactions.transaction(command.actor, async ({ manager, actor, now }) => {
      requireRole(actor, 'admin');
      const name = command.name.trim();
      if (!name) throw TicketCoreException.invalid('name', 'name must not be blank');
      const email = command.email.trim().toLowerCase();
      const teamIds = [...new Set(command.teamIds)];
      await this.requireTeams(manager, actor.workspaceId, teamIds);

      const [existing]: ExistingAgent[] = await manager.query(
        `SELECT id, role, active FROM agents WHERE workspace_id = $1 AND email = $2 FOR UPDATE`,
        [actor.workspaceId, email],
      );
      const staysAdmin = command.role === 'admin' && (command.active ?? existing?.active ?? true);
      if (existing?.role === 'admin' && existing.active && !staysAdmin) {
        await this.requireAnotherAdmin(manager, actor.workspaceId, existing.id);
      }

      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO agents (workspace_id, name, email, role, sign_replies, active, created_at, updated_at)
         VALUES ($1, $2, $3, $4, coalesce($5, false), coalesce($6, true), $7, $7)
         ON CONFLICT (workspace_id, email) DO UPDATE
           SET name = excluded.name, role = excluded.role,
               sign_replies = coalesce($5, agents.sign_replies),
               active = coalesce($6, agents.active), updated_at = $7
         RETURNING id`,
        [
          actor.workspaceId,
          name,
          email,
          command.role,
          command.signReplies ?? null,
          command.active ?? null,
          now,
        ],
      );
      await manager.query(`DELETE FROM team_members WHERE agent_id = $1`, [id]);
      await manager.query(
        `INSERT INTO team_members (workspace_id, team_id, agent_id)
         SELECT $1, team_id, $3 FROM unnest($2::uuid[]) AS team_id`,
        [actor.workspaceId, teamIds, id],
      );
      return toAgentV1(await this.get(manager, actor.workspaceId, id));
    });
  }

  /** The calling agent's own availability; nobody sets it for someone else. */
  setAvailability(command: SetAvailabilityV1): Promise<AgentV1> {
    return this.transactions.transaction(command.actor, async ({ manager, actor, now }) => {
      if (actor.kind !== 'agent' || !actor.agentId) {
        throw TicketCoreException.forbidden('only an agent has an availability');
      }
      await manager.query(
        `UPDATE agents SET availability = $3, updated_at = $4 WHERE id = $1 AND workspace_id = $2`,
        [actor.agentId, actor.workspaceId, command.availability, now],
      );
      return toAgentV1(await this.get(manager, actor.workspaceId, actor.agentId));
    });
  }

  /** Every agent of the caller's workspace, inactive ones included (admins reactivate them). */
  list(query: ListAgentsV1): Promise<AgentListV1> {
    return this.transactions.transaction(query.actor, async ({ manager, actor }) => {
      requireRole(actor, ...ROLES);
      const rows: AgentRow[] = await manager.query(
        `${AGENT_SELECT} WHERE a.workspace_id = $1 ORDER BY lower(a.name), a.email`,
        [actor.workspaceId],
      );
      return { items: rows.map(toAgentV1) };
    });
  }

  /** One agent of the caller's workspace; another workspace's agent is not found. */
  getOne(query: GetAgentV1): Promise<AgentV1> {
    return this.transactions.transaction(query.actor, async ({ manager, actor }) => {
      requireRole(actor, ...ROLES);
      return toAgentV1(await this.get(manager, actor.workspaceId, query.agentId));
    });
  }

  private async get(manager: EntityManager, workspaceId: string, id: string): Promise<AgentRow> {
    const [row]: AgentRow[] = await manager.query(
      `${AGENT_SELECT} WHERE a.workspace_id = $1 AND a.id = $2`,
      [workspaceId, id],
    );
    if (!row) throw TicketCoreException.notFound('agent');
    return row;
  }

  /** Every team id must name a team of this workspace; another workspace's team is not found. */
  private async requireTeams(manager: EntityManager, workspaceId: string, teamIds: string[]) {
    if (teamIds.length === 0) return;
    const found: unknown[] = await manager.query(
      `SELECT id FROM teams WHERE workspace_id = $1 AND id = ANY($2::uuid[])`,
      [workspaceId, teamIds],
    );
    if (found.length !== teamIds.length) throw TicketCoreException.notFound('team');
  }

  /**
   * Demoting or deactivating an admin must leave the workspace one: otherwise nobody could
   * manage it again. The workspace row lock makes concurrent demotions take turns, so two admins
   * cannot demote each other at once.
   */
  private async requireAnotherAdmin(manager: EntityManager, workspaceId: string, agentId: string) {
    await manager.query(`SELECT 1 FROM workspaces WHERE id = $1 FOR NO KEY UPDATE`, [workspaceId]);
    const [other]: unknown[] = await manager.query(
      `SELECT 1 FROM agents
        WHERE workspace_id = $1 AND id <> $2 AND role = 'admin' AND active LIMIT 1`,
      [workspaceId, agentId],
    );
    if (!other)
      throw TicketCoreException.conflict('the workspace must keep at least one active admin');
  }
}
