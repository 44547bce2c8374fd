import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    adminDatabaseUrl: string;
    templateDatabase: string;
    natsUrl: string;
    natsNamespace: string;
  }
}

export interface TestEnvironment {
  /** The run's shared database, migrated by the global setup and dropped after the run. */
  databaseUrl: string;
  natsUrl: string;
  /** The run's NATS namespace; `uniqueNamespace()` gives a test one of its own. */
  natsNamespace: string;
}

export function testEnv(): TestEnvironment {
  return {
    databaseUrl: inject('databaseUrl'),
    natsUrl: inject('natsUrl'),
    natsNamespace: inject('natsNamespace'),
  };
}

/** A namespace under the run's, so a test's streams and consumers are its own. */
export function uniqueNamespace(prefix = 't'): string {
  return `${testEnv().natsNamespace}-${prefix}${randomBytes(3).toString('hex')}`;
}

/**
 * A migrated database of the test's own, copied from the run's template in well under a second,
 * so that tests which relay outboxes or count rows never see another test's data.
 */
export async function createTestDatabase(): Promise<string> {
  const template = inject('templateDatabase');
  const database = `${template.replace(/_template$/, '')}_${randomBytes(4).toString('hex')}`;
  const client = new Client({ connectionString: inject('adminDatabaseUrl') });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${database}" TEMPLATE "${template}"`);
  } finally {
    await client.end();
  }
  return inject('adminDatabaseUrl').replace(/\/[^/]*$/, `/${database}`);
}
