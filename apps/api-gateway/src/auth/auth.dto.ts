import * as c from '@switchboard/contracts';
import { ROLES, type Role } from '@switchboard/contracts';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class LoginBody {
  @IsEmail()
  email: string;

  @IsString()
  @Length(1, 200)
  password: string;

  /** Only needed when the email and password open agents of several workspaces. */
  @IsOptional()
  @IsUUID()
  workspaceId?: string;

  /**
   * Replaces the password on the way in (ending the agent's other sessions); required when the
   * password is a first one an operator made (the answer is then 403 PASSWORD_CHANGE_REQUIRED).
   */
  @IsOptional()
  @IsString()
  @Length(8, 200)
  newPassword?: string;
}

export class RefreshBody {
  @IsString()
  @Length(20, 200)
  refreshToken: string;
}

export class CreateApiTokenBody {
  @IsString()
  @Length(1, 100)
  name: string;

  @IsIn(ROLES)
  role: Role;
}

/** What login and refresh answer. */
export class TokenPair {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  tokenType: 'Bearer';
}

/** The caller: how they authenticated, their role and workspace, and the agent (null for an API token). */
export class Me {
  via: 'access-token' | 'api-token';
  role: Role;
  workspaceId: string;
  agent: c.AgentV1 | null;
}

/** An API token as listed: never its secret. */
export class ApiTokenView {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A new API token, with its secret: shown this once. */
export class CreatedApiToken extends ApiTokenView {
  token: string;
}

export class ApiTokenList {
  items: ApiTokenView[];
}

/** A demo workspace's login. */
export class DemoLogin {
  email: string;
  password: string;
}

/** The demo login the desk's login page offers in development (`DEMO_LOGIN`); null elsewhere. */
export class DemoLoginReply {
  login: DemoLogin | null;
}

/** The desk's settings from the server: chat-gateway's public URL for live updates, or null. */
export class DeskConfigReply {
  liveUrl: string | null;
}
