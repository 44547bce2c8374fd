import { INestApplication } from '@nestjs/common';
import { ServiceConfig } from '@switchboard/config';
import { ServiceDefinition, createService } from '@switchboard/messaging';

/**
 * A service running inside the test process against the real PostgreSQL and NATS, for medium
 * tests that need to reach into its providers. HTTP listens on a random port.
 */
export async function startInProcess<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  env: Record<string, string>,
): Promise<INestApplication> {
  const { app } = await createService(definition, { ...env, LOG_LEVEL: env.LOG_LEVEL ?? 'warn' });
  await app.init();
  await app.startAllMicroservices();
  await app.listen(0, '127.0.0.1');
  return app;
}
