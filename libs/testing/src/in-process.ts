import { INestApplication } from '@nestjs/common';
import { ServiceConfig } from '@switchboard/config';
import { ServiceDefinition, createService } from '@switchboard/messaging';
import { Client } from 'pg';
import { TestNatsClient, connectTestClient } from './nats-client';
import { createTestDatabase, testEnv, uniqueNamespace } from './test-env';

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

export interface InProcessHarness {
  app: INestApplication;
  /** A NATS client in the service's namespace, with the services' request helper. */
  client: TestNatsClient;
  /** A PostgreSQL client on the test's own database, for setting up and checking rows. */
  db: Client;
  databaseUrl: string;
  namespace: string;
  close(): Promise<void>;
}

/**
 * A service in-process on a database and a NATS namespace of the test's own, with a NATS client
 * and a database client beside it: the setup of most medium tests.
 */
export async function startInProcessHarness<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  namespacePrefix: string,
): Promise<InProcessHarness> {
  const databaseUrl = await createTestDatabase();
  const namespace = uniqueNamespace(namespacePrefix);
  const app = await startInProcess(definition, {
    DATABASE_URL: databaseUrl,
    NATS_URL: testEnv().natsUrl,
    NATS_NAMESPACE: namespace,
  });
  const client = await connectTestClient(testEnv().natsUrl, namespace);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  return {
    app,
    client,
    db,
    databaseUrl,
    namespace,
    async close() {
      await db.end();
      await client.close();
      await app.close();
    },
  };
}
