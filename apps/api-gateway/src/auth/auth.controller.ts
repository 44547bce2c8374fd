import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { GET_AGENT_V1 } from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { RateLimitGuard } from './auth-throttler.guard';
import { CurrentPrincipal, Public } from './auth.decorators';
import { ApiGatewayConfig } from '../config';
import { DemoLoginReply, DeskConfigReply, LoginBody, Me, RefreshBody, TokenPair } from './auth.dto';
import { AuthService } from './auth.service';
import { Principal } from './principal';

@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly rpc: NatsRpcClient,
    private readonly config: ApiGatewayConfig,
  ) {}

  /**
   * The demo login, in development only (`DEMO_LOGIN`, set by `npm start`); `login: null`
   * elsewhere (a 200 all the same, so the login page's question logs no error in the browser).
   */
  @Public()
  @Get('auth/demo')
  demo(): DemoLoginReply {
    const value = this.config.DEMO_LOGIN;
    if (!value) return { login: null };
    const at = value.indexOf(':');
    return { login: { email: value.slice(0, at), password: value.slice(at + 1) } };
  }

  /** What the desk needs before signing in: where its live updates come from (null: it polls). */
  @Public()
  @Get('desk/config')
  deskConfig(): DeskConfigReply {
    return { liveUrl: this.config.CHAT_PUBLIC_URL ?? null };
  }

  @Public()
  @UseGuards(RateLimitGuard)
  @Post('auth/login')
  @HttpCode(200)
  login(@Body() body: LoginBody): Promise<TokenPair> {
    return this.auth.login(body.email, body.password, body.workspaceId, body.newPassword);
  }

  @Public()
  @UseGuards(RateLimitGuard)
  @Post('auth/refresh')
  @HttpCode(200)
  refresh(@Body() body: RefreshBody): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken);
  }

  /** Ends the session the refresh token belongs to (its whole rotation family). */
  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@Body() body: RefreshBody): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }

  @Get('me')
  async me(@CurrentPrincipal() principal: Principal): Promise<Me> {
    const agent = principal.agentId
      ? await this.rpc.request(GET_AGENT_V1, { actor: principal.actor, agentId: principal.agentId })
      : null;
    return {
      via: principal.via,
      role: principal.role,
      workspaceId: principal.actor.workspaceId,
      agent,
    };
  }
}
