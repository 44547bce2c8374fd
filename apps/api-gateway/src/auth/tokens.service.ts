import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AgentV1, ErrorCode } from '@switchboard/contracts';
import { ServiceException } from '@switchboard/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ApiGatewayConfig } from '../config';
import { newSecret, secretHash } from './secrets';
import { TokenPair } from './auth.dto';
import { AccessClaims } from './principal';

interface RefreshRow {
  id: string;
  family_id: string;
  agent_id: string;
  workspace_id: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

export const unauthenticated = (message: string) =>
  new ServiceException(ErrorCode.UNAUTHENTICATED, message);

/**
 * The agent a live refresh token was issued to (spent or not: a replayed one counts against its
 * agent); undefined for a revoked, expired or unknown token, which counts against the address
 * only, so that an old token retried by a stale client cannot use up its agent's limit.
 */
export async function agentOfRefreshToken(
  dataSource: DataSource,
  refreshToken: string,
): Promise<string | undefined> {
  const [row] = await dataSource.query(
    `SELECT agent_id FROM refresh_tokens
      WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()`,
    [secretHash(refreshToken)],
  );
  return row?.agent_id;
}

/**
 * Short-lived access tokens (JWT) and rotating refresh tokens. A refresh token works once: using
 * it gives a new pair of the same family. Using a spent one again means it was stolen (or the
 * client is confused), so the whole family is revoked.
 */
@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
    private readonly config: ApiGatewayConfig,
  ) {}

  async issue(
    agent: AgentV1,
    familyId: string = randomUUID(),
    manager?: EntityManager,
  ): Promise<TokenPair> {
    const claims: Omit<AccessClaims, 'exp'> = {
      sub: agent.id,
      ws: agent.workspaceId,
      role: agent.role,
      teams: agent.teamIds,
      name: agent.name,
      email: agent.email,
      sid: familyId,
    };
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
    });
    const refreshToken = newSecret('sbr');
    const db = manager ?? this.dataSource;
    await db.query(
      `INSERT INTO sessions (id, agent_id, workspace_id) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO NOTHING`,
      [familyId, agent.id, agent.workspaceId],
    );
    await db.query(
      `INSERT INTO refresh_tokens (family_id, agent_id, workspace_id, token_hash, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(days => $5))`,
      [
        familyId,
        agent.id,
        agent.workspaceId,
        secretHash(refreshToken),
        this.config.REFRESH_TOKEN_TTL_DAYS,
      ],
    );
    return {
      accessToken,
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
      refreshToken,
      tokenType: 'Bearer',
    };
  }

  /**
   * The claims of a valid access token of a live session. The session is read on every request
   * (a primary-key lookup), so that logging out or a revocation takes effect at once on every
   * replica, not when the token expires.
   */
  async verifyAccess(token: string): Promise<AccessClaims> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw unauthenticated('the access token is invalid or has expired');
    }
    const [live] = claims.sid
      ? await this.dataSource.query(`SELECT 1 FROM sessions WHERE id = $1 AND revoked_at IS NULL`, [
          claims.sid,
        ])
      : [];
    if (!live)
      throw unauthenticated('the session has ended (signed out or revoked): sign in again');
    return claims;
  }

  /**
   * Spends a refresh token: answers its row when it is valid (the caller then issues the next
   * pair in the same transaction). A token spent before revokes its whole family, in this
   * transaction, and answers 'reused': the caller commits that, then refuses.
   */
  async spend(manager: EntityManager, refreshToken: string): Promise<RefreshRow | 'reused'> {
    const [row]: RefreshRow[] = await manager.query(
      `SELECT id, family_id, agent_id, workspace_id, expires_at, used_at, revoked_at
         FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
      [secretHash(refreshToken)],
    );
    if (!row || row.revoked_at || row.expires_at.getTime() <= Date.now()) {
      throw unauthenticated('the refresh token is invalid, revoked or expired');
    }
    if (row.used_at) {
      await this.revokeFamily(row.family_id, manager);
      return 'reused';
    }
    await manager.query(`UPDATE refresh_tokens SET used_at = now() WHERE id = $1`, [row.id]);
    return row;
  }

  async revokeFamilyOf(refreshToken: string): Promise<void> {
    const [row] = await this.dataSource.query(
      `SELECT family_id FROM refresh_tokens WHERE token_hash = $1`,
      [secretHash(refreshToken)],
    );
    if (row) await this.revokeFamily(row.family_id as string);
  }

  async revokeFamily(familyId: string, manager?: EntityManager): Promise<void> {
    const db = manager ?? this.dataSource;
    await db.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId],
    );
    await db.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [
      familyId,
    ]);
  }

  /** Ends every session of an agent (a new password): their refresh and access tokens alike. */
  async revokeAgent(agentId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE agent_id = $1 AND revoked_at IS NULL`,
      [agentId],
    );
    await manager.query(
      `UPDATE sessions SET revoked_at = now() WHERE agent_id = $1 AND revoked_at IS NULL`,
      [agentId],
    );
  }
}
