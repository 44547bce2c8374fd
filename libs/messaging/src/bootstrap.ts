import { DynamicModule, INestApplication, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, ServiceConfig, loadConfig } from '@switchboard/config';
import { ServiceName } from '@switchboard/contracts';
import { httpCorrelationMiddleware, httpMetricsMiddleware } from '@switchboard/observability';
import { Logger } from 'nestjs-pino';
import { NatsAuthenticationError, NatsConnection } from './nats-connection';
import { NatsRpcServer } from './rpc/nats-rpc.server';

export interface ServiceDefinition<C extends ServiceConfig> {
  service: ServiceName;
  config: new () => C;
  module: (config: C) => DynamicModule;
  port: (config: C) => number;
  /** HTTP settings of the service's own (security headers, CORS, body limits, API docs). */
  configure?: (app: INestApplication, config: C) => void | Promise<void>;
  /** Anything else the service serves besides HTTP and NATS (an SMTP server, sockets). */
  afterListen?: (app: INestApplication, config: C) => Promise<void>;
}

/** Validates the environment and builds the service's application, without listening. */
export async function createService<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ app: INestApplication; config: C }> {
  const config = loadConfig(definition.config, env);
  const app = await NestFactory.create(definition.module(config), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  // Installed before Nest's own middleware, so every later log line carries the request's id.
  app.use(httpCorrelationMiddleware);
  app.use(httpMetricsMiddleware);
  app.enableShutdownHooks();
  await definition.configure?.(app, config);
  app.connectMicroservice(
    { strategy: new NatsRpcServer(app.get(NatsConnection), definition.service) },
    { inheritAppConfig: false },
  );
  return { app, config };
}

/** Starts one service process: HTTP (health, metrics, API) and its NATS handlers. */
export async function bootstrapService<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
): Promise<INestApplication> {
  let created: { app: INestApplication; config: C };
  try {
    created = await createService(definition);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${definition.service}: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const { app, config } = created;
  try {
    await app.init();
  } catch (error) {
    if (error instanceof NatsAuthenticationError) {
      process.stderr.write(`${definition.service}: ${error.message}\n`);
      process.exit(78); // EX_CONFIG: its credentials are wrong, a restart will not help
    }
    throw error;
  }
  await app.startAllMicroservices();
  const port = definition.port(config);
  await app.listen(port, '0.0.0.0');
  await definition.afterListen?.(app, config);
  new NestLogger('Bootstrap').log(`${definition.service} listening on :${port}`);
  return app;
}
