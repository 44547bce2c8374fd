import { INestApplication, Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { ApiGatewayConfig, DEVELOPMENT_JWT_SECRET } from '../config';

/** The gateway's HTTP hardening: security headers, CORS, body limits. */
export function configureHttp(app: INestApplication, config: ApiGatewayConfig): void {
  const express = app as NestExpressApplication;
  express.use(helmet());
  express.useBodyParser('json', { limit: config.BODY_LIMIT });
  express.useBodyParser('urlencoded', { limit: config.BODY_LIMIT, extended: false });
  // Behind a proxy the client's address is in X-Forwarded-For (rate limits are per address).
  express.set('trust proxy', 'loopback, linklocal, uniquelocal');
  const origins = (config.CORS_ORIGINS ?? '').split(',').filter(Boolean);
  if (origins.length > 0) {
    app.enableCors({ origin: origins.includes('*') ? true : origins, credentials: false });
  }
  if (config.JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
    new Logger('Security').warn(
      'JWT_SECRET is the development default: set your own in production',
    );
  }
}
