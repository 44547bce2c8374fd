import { Actor, Role } from '@switchboard/contracts';

/** Who is calling the REST API, as the guard established it. */
export interface Principal {
  actor: Actor;
  role: Role;
  via: 'access-token' | 'api-token';
  /** The agent, for access tokens; null for API tokens. */
  agentId: string | null;
  name: string;
}

/** The claims of an access token (a short-lived JWT). */
export interface AccessClaims {
  sub: string;
  ws: string;
  role: Role;
  teams: string[];
  name: string;
  email: string;
  /** The session (refresh-token family): the token is refused once it is revoked. */
  sid: string;
  /** Expiry in seconds since the epoch, set by the signer. */
  exp: number;
}
