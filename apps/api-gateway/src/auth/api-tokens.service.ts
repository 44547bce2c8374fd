import { Injectable } from '@nestjs/common';
import { Actor, ErrorCode, Role } from '@switchboard/contracts';
import { ServiceException } from '@switchboard/messaging';
import { DataSource } from 'typeorm';
import { ApiTokenView, CreatedApiToken } from './auth.dto';
import { Principal } from './principal';
import { newSecret, secretHash } from './secrets';

interface ApiTokenRow {
  id: string;
  workspace_id: string;
  name: string;
  role: Role;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const toView = (row: ApiTokenRow): ApiTokenView => ({
  id: row.id,
  name: row.name,
  role: row.role,
  createdAt: row.created_at.toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

export const API_TOKEN_PREFIX = 'sbt';

/**
 * Tokens for integrations: scoped to a workspace and a role, shown once, stored hashed,
 * revocable. An integration acts as the workspace's system actor limited to the token's role, here
 * (role-guarded routes) and in ticket-core (an agent-role token may do what an agent in no team may).
 */
@Injectable()
export class ApiTokensService {
  constructor(private readonly dataSource: DataSource) {}

  async create(actor: Actor, name: string, role: Role): Promise<CreatedApiToken> {
    const token = newSecret(API_TOKEN_PREFIX);
    const [row]: ApiTokenRow[] = await this.dataSource.query(
      `INSERT INTO api_tokens (workspace_id, name, role, token_hash, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [actor.workspaceId, name, role, secretHash(token), actor.agentId ?? null],
    );
    return { ...toView(row), token };
  }

  async list(actor: Actor): Promise<ApiTokenView[]> {
    const rows: ApiTokenRow[] = await this.dataSource.query(
      `SELECT * FROM api_tokens WHERE workspace_id = $1 ORDER BY created_at DESC`,
      [actor.workspaceId],
    );
    return rows.map(toView);
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now())
        WHERE id = $1 AND workspace_id = $2`,
      [id, actor.workspaceId],
    );
    if (result[1] === 0) throw new ServiceException(ErrorCode.NOT_FOUND, 'API token not found');
  }

  /** The principal of a valid token, or undefined. */
  async authenticate(token: string): Promise<Principal | undefined> {
    // An UPDATE answers [rows, count] through TypeORM.
    const [[row]]: [ApiTokenRow[], number] = await this.dataSource.query(
      `UPDATE api_tokens SET last_used_at = now()
        WHERE token_hash = $1 AND revoked_at IS NULL RETURNING *`,
      [secretHash(token)],
    );
    if (!row) return undefined;
    return {
      // ticket-core limits the system actor to the token's role (an integration).
      actor: { kind: 'system', workspaceId: row.workspace_id, teamIds: [], role: row.role },
      role: row.role,
      via: 'api-token',
      agentId: null,
      name: row.name,
    };
  }
}
