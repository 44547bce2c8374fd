import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, Role } from '@switchboard/contracts';
import { ServiceException } from '@switchboard/messaging';
import { API_TOKEN_PREFIX, ApiTokensService } from './api-tokens.service';
import { AuthenticatedRequest, IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';
import { AuthService } from './auth.service';
import { Principal } from './principal';
import { TokensService, unauthenticated } from './tokens.service';

/**
 * Every REST route needs a bearer token unless it is @Public(): an access token (JWT) of an
 * agent, or an API token. @Roles() narrows a route further.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
    private readonly apiTokens: ApiTokensService,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // Health and metrics are for the platform (probes, scrapers), not behind agents' tokens.
    if (!request.path.startsWith('/api/')) return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    request.principal = await this.authenticate(request.headers.authorization);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && request.principal.via === 'access-token') {
      // An access token's role is as old as the token (up to 15 minutes). ticket-core reads the
      // agent anew on each request, but the routes with a required role may not reach it (API
      // tokens, mailboxes): their caller's role and activity are read anew here.
      request.principal = await this.current(request.principal);
    }
    if (roles && !roles.includes(request.principal.role)) {
      throw new ServiceException(ErrorCode.FORBIDDEN, `requires role ${roles.join(' or ')}`);
    }
    return true;
  }

  private async current(principal: Principal): Promise<Principal> {
    const agent = await this.auth.activeAgent(principal.actor.workspaceId, principal.agentId!);
    return {
      ...principal,
      actor: { ...principal.actor, role: agent.role, teamIds: agent.teamIds },
      role: agent.role,
      name: agent.name,
    };
  }

  private async authenticate(header: string | undefined): Promise<Principal> {
    const token = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header ?? '')?.[1];
    if (!token) throw unauthenticated('an Authorization: Bearer token is required');
    if (token.startsWith(`${API_TOKEN_PREFIX}_`)) {
      const principal = await this.apiTokens.authenticate(token);
      if (!principal) throw unauthenticated('the API token is invalid or revoked');
      return principal;
    }
    const claims = await this.tokens.verifyAccess(token);
    return {
      actor: {
        kind: 'agent',
        workspaceId: claims.ws,
        agentId: claims.sub,
        role: claims.role,
        teamIds: claims.teams,
      },
      role: claims.role,
      via: 'access-token',
      agentId: claims.sub,
      name: claims.name,
    };
  }
}
