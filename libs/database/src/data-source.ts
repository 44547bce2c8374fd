import { DataSource, EntitySchema, MixedList } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { preparingPg } from './prepared-statements';
import { TypeOrmLogger } from './typeorm-logger';

/** What a service declares about its storage: its own schema, entities and migrations. */
export interface ServiceDatabase {
  /** The PostgreSQL schema this service owns; no other service reads or writes it. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/**
 * TypeORM options for one service. The schema is also the connection's search_path, so raw SQL
 * in migrations and queries lands in the service's own schema without qualifying every name.
 */
export function dataSourceOptions(
  database: ServiceDatabase,
  url: string,
  overrides: { poolSize?: number; applicationName?: string } = {},
): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    driver: preparingPg,
    url,
    schema: database.schema,
    entities: database.entities,
    migrations: database.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'warn'],
    logger: new TypeOrmLogger(),
    poolSize: overrides.poolSize ?? 10,
    applicationName: overrides.applicationName ?? database.schema,
    extra: {
      options: `-c search_path=${database.schema},public`,
      // A pooled connection that PostgreSQL dropped (restart) is discarded instead of failing
      // the next query twice; new connections are tried within this time.
      connectionTimeoutMillis: 5000,
      keepAlive: true,
    },
  };
}

/** Applies a service's pending migrations, creating its schema first. Returns the names run. */
export async function runMigrations(database: ServiceDatabase, url: string): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(database, url), poolSize: 1 });
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${database.schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
