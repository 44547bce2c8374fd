import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Request } from 'express';
import { createSecretKey } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiGatewayConfig } from '../config';
import { publicThrottlers } from '../public/public-throttlers';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensService } from './api-tokens.service';
import { RateLimitGuard } from './auth-throttler.guard';
import { PostgresThrottlerStorage } from './postgres-throttler.storage';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { CredentialsNatsController } from './credentials.nats-controller';
import { TokensService, agentOfRefreshToken } from './tokens.service';

/**
 * Logins and refreshes are limited per client address and, separately, per account: a login by
 * the email it names, a refresh by the agent its token belongs to (every refresh brings a new
 * token, so the token itself would never reach a limit). Unknown tokens count against the address.
 */
async function accountOf(request: Request, dataSource: DataSource): Promise<string> {
  const body = (request.body ?? {}) as { email?: unknown; refreshToken?: unknown };
  if (typeof body.email === 'string') return `email:${body.email.trim().toLowerCase()}`;
  if (typeof body.refreshToken === 'string') {
    const agentId = await agentOfRefreshToken(dataSource, body.refreshToken);
    if (agentId) return `agent:${agentId}`;
  }
  return `ip:${request.ip}`;
}

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [ApiGatewayConfig],
      useFactory: (config: ApiGatewayConfig) => ({
        // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a
        // public key on every verify, and that failed attempt was a third of the gateway's CPU.
        secret: createSecretKey(Buffer.from(config.JWT_SECRET)),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [ApiGatewayConfig, DataSource],
      useFactory: (config: ApiGatewayConfig, dataSource: DataSource) => ({
        // Shared by every replica: in memory, each would grant the whole budget again.
        storage: new PostgresThrottlerStorage(dataSource),
        throttlers: [
          { name: 'ip', ttl: 60_000, limit: config.AUTH_RATE_LIMIT_PER_MINUTE },
          {
            name: 'account',
            ttl: 60_000,
            limit: config.AUTH_RATE_LIMIT_PER_MINUTE,
            getTracker: (request: Record<string, unknown>) =>
              accountOf(request as unknown as Request, dataSource),
          },
          ...publicThrottlers(config),
        ],
      }),
    }),
  ],
  controllers: [AuthController, ApiTokensController, CredentialsNatsController],
  providers: [
    AuthService,
    TokensService,
    ApiTokensService,
    RateLimitGuard,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokensService],
})
export class AuthModule {}
