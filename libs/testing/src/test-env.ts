import { randomBytes } from 'node:crypto';
import { adminQuery, databaseUrlFor, testRun } from './test-run';

export interface TestEnvironment {
  /** The run's shared database, migrated by the global setup and dropped after the run. */
  databaseUrl: string;
  natsUrl: string;
  /** The run's NATS namespace; `uniqueNamespace()` gives a test one of its own. */
  natsNamespace: string;
}

export function testEnv(): TestEnvironment {
  const { databaseUrl, natsUrl, natsNamespace } = testRun();
  return { databaseUrl, natsUrl, natsNamespace };
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
  const template = testRun().templateDatabase;
  const database = `${template.replace(/_template$/, '')}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${database}" TEMPLATE "${template}"`);
  return databaseUrlFor(database);
}
