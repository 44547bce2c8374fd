import 'reflect-metadata';
import { runMigrations } from '@switchboard/database';
import { serviceDatabases } from './service-databases';

/** Applies every service's pending migrations to DATABASE_URL (`npm run migrate`). */
export async function migrateAll(url: string, log: (line: string) => void = () => {}) {
  for (const database of serviceDatabases) {
    const applied = await runMigrations(database, url);
    log(`${database.schema}: ${applied.length ? applied.join(', ') : 'up to date'}`);
  }
}

if (require.main === module) {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/switchboard';
  migrateAll(url, (line) => console.log(`migrate ${line}`)).catch((error: Error) => {
    console.error(`migrate failed: ${error.message}`);
    process.exit(1);
  });
}
