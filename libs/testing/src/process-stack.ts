import { AppName } from '@switchboard/config';
import { Client } from 'pg';
import { TestNatsClient, connectTestClient } from './nats-client';
import { ServiceProcess } from './service-process';
import { createTestDatabase, testEnv, uniqueNamespace } from './test-env';

/**
 * Services as real processes on a fresh database and NATS namespace, with a NATS client and a
 * database client beside them: where the e2e specs start.
 */
export interface ProcessStack {
  namespace: string;
  databaseUrl: string;
  /** What each process was started with, for a test that starts one again. */
  serviceEnv: Record<string, string>;
  /** In the order of `apps`. */
  processes: ServiceProcess[];
  client: TestNatsClient;
  db: Client;
  /** Closes the clients, then stops the processes. */
  stop(): Promise<void>;
}

/**
 * Starts `apps` (an app twice for two replicas) together; `env` goes to each process. The
 * database is a fresh copy of the run's template unless `databaseUrl` names a migrated one.
 */
export async function startProcessStack(
  prefix: string,
  apps: AppName[],
  env: Record<string, string> = {},
  options: { databaseUrl?: string } = {},
): Promise<ProcessStack> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const namespace = uniqueNamespace(prefix);
  const serviceEnv = {
    DATABASE_URL: databaseUrl,
    NATS_URL: testEnv().natsUrl,
    NATS_NAMESPACE: namespace,
    ...env,
  };
  const processes = await startAll(
    apps.map((app) => ServiceProcess.start(app, { env: serviceEnv })),
  );
  const client = await connectTestClient(testEnv().natsUrl, namespace);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  return {
    namespace,
    databaseUrl,
    serviceEnv,
    processes,
    client,
    db,
    stop: async () => {
      await db.end();
      await client.close();
      await Promise.all(processes.map((process) => process.stop()));
    },
  };
}

/**
 * The processes, once every one is ready; when one fails to start, the others are stopped before
 * the error is thrown, so that a failed set-up leaves no service running behind the test.
 */
export async function startAll(starting: Promise<ServiceProcess>[]): Promise<ServiceProcess[]> {
  const settled = await Promise.allSettled(starting);
  const failed = settled.find((result) => result.status === 'rejected');
  if (!failed)
    return settled.map((result) => (result as PromiseFulfilledResult<ServiceProcess>).value);
  await Promise.all(
    settled.map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)),
  );
  throw failed.reason;
}
