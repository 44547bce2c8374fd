import { Injectable, Logger } from '@nestjs/common';
import {
  AgentV1,
  ErrorCode,
  GET_AGENT_V1,
  SetCredentialsV1,
  VerifiedAccessTokenV1,
} from '@switchboard/contracts';
import { inTransaction } from '@switchboard/database';
import { NatsRpcClient, ServiceException } from '@switchboard/messaging';
import { DataSource } from 'typeorm';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './secrets';
import { TokenPair } from './auth.dto';
import { TokensService, unauthenticated } from './tokens.service';

const WRONG_LOGIN = 'wrong email or password';

interface CredentialRow {
  agent_id: string;
  workspace_id: string;
  password_hash: string;
  must_change_password: boolean;
}

/** Logging in, refreshing, logging out; and setting the passwords those check. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokensService,
    private readonly rpc: NatsRpcClient,
  ) {}

  /**
   * Signs in with email and password. With `newPassword` the password is replaced on the way
   * (the agent's other sessions end); a first password an operator made (`temporary`) opens
   * nothing until then: PASSWORD_CHANGE_REQUIRED.
   */
  async login(
    email: string,
    password: string,
    workspaceId?: string,
    newPassword?: string,
  ): Promise<TokenPair> {
    const rows: CredentialRow[] = await this.dataSource.query(
      `SELECT agent_id, workspace_id, password_hash, must_change_password FROM credentials
        WHERE email = $1 AND ($2::uuid IS NULL OR workspace_id = $2)`,
      [email.trim().toLowerCase(), workspaceId ?? null],
    );
    // An email may belong to several workspaces. Which ones the password opens decides, so that
    // the answer tells nothing about an email to someone who does not know its password.
    const hashes =
      rows.length > 0 ? rows.map((row) => row.password_hash) : [await DUMMY_PASSWORD_HASH];
    const valid = await Promise.all(hashes.map((hash) => verifyPassword(hash, password)));
    const opened = rows.filter((_, index) => valid[index]);
    if (opened.length === 0) throw new ServiceException(ErrorCode.UNAUTHENTICATED, WRONG_LOGIN);
    if (opened.length > 1) {
      throw new ServiceException(
        ErrorCode.VALIDATION_FAILED,
        'this email and password open several workspaces: give workspaceId',
        { fields: [{ field: 'workspaceId', errors: ['required for this email'] }] },
      );
    }
    const [credential] = opened;
    const agent = await this.activeAgent(credential.workspace_id, credential.agent_id);
    if (newPassword === undefined) {
      if (credential.must_change_password)
        throw new ServiceException(
          ErrorCode.PASSWORD_CHANGE_REQUIRED,
          'this is a first password: choose your own to sign in',
        );
      return this.tokens.issue(agent);
    }
    if (newPassword === password)
      throw new ServiceException(ErrorCode.VALIDATION_FAILED, 'choose a password of your own', {
        fields: [{ field: 'newPassword', errors: ['must differ from the current password'] }],
      });
    const hash = await hashPassword(newPassword);
    return inTransaction(this.dataSource, async (manager) => {
      await manager.query(
        `UPDATE credentials SET password_hash = $2, must_change_password = false, updated_at = now()
          WHERE agent_id = $1`,
        [agent.id, hash],
      );
      await this.tokens.revokeAgent(agent.id, manager);
      this.logger.log(`agent ${agent.id} chose a new password`);
      return this.tokens.issue(agent, undefined, manager);
    });
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const pair = await inTransaction(this.dataSource, async (manager) => {
      const spent = await this.tokens.spend(manager, refreshToken);
      if (spent === 'reused') return undefined;
      // Role, teams and whether the agent may still work are read anew at every refresh.
      const agent = await this.activeAgent(spent.workspace_id, spent.agent_id);
      return this.tokens.issue(agent, spent.family_id, manager);
    });
    if (!pair) {
      throw unauthenticated('the refresh token was already used; every session of it is revoked');
    }
    return pair;
  }

  logout(refreshToken: string): Promise<void> {
    return this.tokens.revokeFamilyOf(refreshToken);
  }

  /**
   * An access token checked for another service that takes it (chat-gateway's agent sockets):
   * signature and expiry here, and the agent still active with their current role and teams.
   */
  async verifyAccessToken(token: string): Promise<VerifiedAccessTokenV1> {
    const claims = await this.tokens.verifyAccess(token);
    const agent = await this.activeAgent(claims.ws, claims.sub);
    return {
      actor: {
        kind: 'agent',
        workspaceId: agent.workspaceId,
        agentId: agent.id,
        role: agent.role,
        teamIds: agent.teamIds,
      },
      name: agent.name,
      expiresAt: new Date(claims.exp * 1000).toISOString(),
    };
  }

  /** Sets (or replaces) an agent's password; replacing it ends all their sessions. */
  async setCredentials(command: SetCredentialsV1): Promise<{ agentId: string }> {
    const { actor } = command;
    if (actor.kind !== 'system' && !(actor.kind === 'agent' && actor.role === 'admin')) {
      throw new ServiceException(ErrorCode.FORBIDDEN, 'passwords are set by admins');
    }
    // The agent must exist in the caller's workspace with this email (ticket-core says so).
    const agent = await this.rpc.request(GET_AGENT_V1, { actor, agentId: command.agentId });
    const email = command.email.trim().toLowerCase();
    if (agent.email !== email) {
      throw new ServiceException(ErrorCode.CONFLICT, "the email is not this agent's email");
    }
    const hash = await hashPassword(command.password);
    await inTransaction(this.dataSource, async (manager) => {
      await manager.query(
        `INSERT INTO credentials (agent_id, workspace_id, email, password_hash, must_change_password)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (agent_id) DO UPDATE
           SET email = excluded.email, password_hash = excluded.password_hash,
               must_change_password = excluded.must_change_password, updated_at = now()`,
        [agent.id, agent.workspaceId, email, hash, command.temporary ?? false],
      );
      await this.tokens.revokeAgent(agent.id, manager);
    });
    this.logger.log(`credentials set for agent ${agent.id}`);
    return { agentId: agent.id };
  }

  /** The agent as ticket-core knows them now; UNAUTHENTICATED once they left or were removed. */
  async activeAgent(workspaceId: string, agentId: string): Promise<AgentV1> {
    const agent = await this.rpc
      .request(GET_AGENT_V1, { actor: { kind: 'system', workspaceId, teamIds: [] }, agentId })
      .catch((error: ServiceException) => {
        if (error.code === ErrorCode.NOT_FOUND) return undefined;
        throw error;
      });
    if (!agent || !agent.active) {
      throw new ServiceException(ErrorCode.UNAUTHENTICATED, 'this agent can no longer log in');
    }
    return agent;
  }
}
