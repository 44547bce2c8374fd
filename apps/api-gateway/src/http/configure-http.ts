import { INestApplication, Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { trustedProxies } from '@switchboard/config';
import helmet from 'helmet';
import type { NextFunction, Request, Response } from 'express';
import { ApiGatewayConfig, DEVELOPMENT_JWT_SECRET } from '../config';
import { serveAsyncApi } from './asyncapi';
import { OPENAPI_DOCS_PATH, serveOpenApi } from './openapi';

/** Helmet's defaults everywhere; the Swagger UI's page also needs inline script and style. */
function securityHeaders() {
  const strict = helmet();
  const docs = helmet({
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'", "'unsafe-inline'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
      },
    },
  });
  return (request: Request, response: Response, next: NextFunction) =>
    (request.path.startsWith(`/${OPENAPI_DOCS_PATH}`) ? docs : strict)(request, response, next);
}

/** The gateway's HTTP hardening (security headers, CORS, body limits), its API and NATS docs. */
export async function configureHttp(
  app: INestApplication,
  config: ApiGatewayConfig,
): Promise<void> {
  const express = app as NestExpressApplication;
  express.use(securityHeaders());
  express.useBodyParser('json', { limit: config.BODY_LIMIT });
  express.useBodyParser('urlencoded', { limit: config.BODY_LIMIT, extended: false });
  // Behind a proxy the client's address is in X-Forwarded-For (rate limits are per address):
  // believed only from the proxies TRUST_PROXY names.
  express.set('trust proxy', trustedProxies(config.TRUST_PROXY));
  const origins = (config.CORS_ORIGINS ?? '').split(',').filter(Boolean);
  if (origins.length > 0) {
    app.enableCors({ origin: origins.includes('*') ? true : origins, credentials: false });
  }
  await serveOpenApi(app);
  serveAsyncApi(app);
  if (config.JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
    new Logger('Security').warn(
      'JWT_SECRET is the development default: set your own in production',
    );
  }
}
