import { IsBoolean, IsEmail, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { Actor } from '../../actor';
import { ActorRequest } from '../common';

export const SET_CREDENTIALS_V1 = 'helpdesk.cmd.credentials.set.v1';
/**
 * Sets an agent's login password (api-gateway keeps the argon2id hash). The system (the demo
 * seed, provisioning) or an admin of the agent's workspace.
 */
export class SetCredentialsV1 extends ActorRequest {
  @IsUUID()
  agentId: string;

  @IsEmail()
  email: string;

  @IsString()
  @Length(8, 200)
  password: string;

  /**
   * A first password (an operator's new admin): it opens no session until the agent replaces it
   * with their own at sign-in, so whoever else saw it printed cannot use it later.
   */
  @IsOptional()
  @IsBoolean()
  temporary?: boolean;
}

export const VERIFY_ACCESS_TOKEN_V1 = 'helpdesk.qry.credentials.verify-access-token.v1';
/**
 * Checks an agent's access token for another service that takes it (chat-gateway's agent
 * sockets): its signature and expiry, and that the agent is still active. api-gateway answers,
 * so the signing secret stays in one service.
 */
export class VerifyAccessTokenV1 {
  @IsString()
  @Length(1, 4096)
  token: string;
}

export class VerifiedAccessTokenV1 {
  /** The agent with their current role and teams (read anew, not from the token). */
  actor: Actor;
  name: string;
  /** When the token stops being valid: a socket must present a fresh one by then. */
  expiresAt: string;
}
