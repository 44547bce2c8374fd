import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    natsUrl: string;
    natsNamespace: string;
  }
}

export interface TestEnvironment {
  /** The run's own database, created and migrated by the global setup, dropped after the run. */
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
