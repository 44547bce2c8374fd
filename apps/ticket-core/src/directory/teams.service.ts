import { Injectable } from '@nestjs/common';
import {
  CreateTeamV1,
  ListTeamsV1,
  ROLES,
  TeamListV1,
  TeamV1,
  UpdateTeamV1,
} from '@switchboard/contracts';
import { requireRole } from '../core/resolved-actor';
import { TicketCoreException } from '../core/ticket-core.exception';
import { Transactions } from '../core/command-context';
import { checkBusinessHours } from '../workspaces/workspace-settings.service';
import { TEAM_SELECT, TeamRow, toTeamV1 } from './directory-rows';

/** The teams (departments, queues) of a workspace. */
@Injectable()
export class TeamsService {
  constructor(private readonly transactions: Transactions) {}

  /**
   * Creates the team, or answers the one with this exact name, so a retried request or a re-run
   * seed does not fail. Admins only.
   */
  create(command: CreateTeamV1): Promise<TeamV1> {
    return this.transactions.transaction(command.actor, async ({ manager, actor, now }) => {
      requireRole(actor, 'admin');
      const name = command.name.trim();
      if (!name) throw TicketCoreException.invalid('name', 'name must not be blank');
      // DO NOTHING and read back: a concurrent create of the same name ends with one team.
      await manager.query(
        `INSERT INTO teams (workspace_id, name, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (workspace_id, name) DO NOTHING`,
        [actor.workspaceId, name, now],
      );
      const [row]: TeamRow[] = await manager.query(
        `${TEAM_SELECT} WHERE t.workspace_id = $1 AND t.name = $2`,
        [actor.workspaceId, name],
      );
      return toTeamV1(row);
    });
  }

  /** Renames the team or sets its business hours (null: the workspace's). Admins only. */
  update(command: UpdateTeamV1): Promise<TeamV1> {
    return this.transactions.transaction(command.actor, async ({ manager, actor }) => {
      requireRole(actor, 'admin');
      const name = command.name?.trim();
      if (name === '') throw TicketCoreException.invalid('name', 'name must not be blank');
      const hours =
        command.businessHours === undefined
          ? undefined
          : command.businessHours && JSON.stringify(checkBusinessHours(command.businessHours));
      const [, updated]: [unknown, number] = await manager
        .query(
          `UPDATE teams SET name = coalesce($3, name),
                  business_hours = CASE WHEN $4 THEN $5::jsonb ELSE business_hours END
            WHERE workspace_id = $1 AND id = $2`,
          [actor.workspaceId, command.teamId, name ?? null, hours !== undefined, hours ?? null],
        )
        .catch((error: { code?: string }) => {
          if (error.code === '23505') throw TicketCoreException.conflict('a team has this name');
          throw error;
        });
      if (updated === 0) throw TicketCoreException.notFound('team');
      const [row]: TeamRow[] = await manager.query(`${TEAM_SELECT} WHERE t.id = $1`, [
        command.teamId,
      ]);
      return toTeamV1(row);
    });
  }

  list(query: ListTeamsV1): Promise<TeamListV1> {
    return this.transactions.transaction(query.actor, async ({ manager, actor }) => {
      requireRole(actor, ...ROLES);
      const rows: TeamRow[] = await manager.query(
        `${TEAM_SELECT} WHERE t.workspace_id = $1 ORDER BY lower(t.name), t.name`,
        [actor.workspaceId],
      );
      return { items: rows.map(toTeamV1) };
    });
  }
}
