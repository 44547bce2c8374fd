import { dataSourceOptions, runMigrations } from '@switchboard/database';
import { createTestDatabase } from '@switchboard/testing';
import { DataSource } from 'typeorm';
import { describe, expect, it } from '@jest/globals';
import { serviceDatabases } from '../../tools/service-databases';

async function tablesOf(dataSource: DataSource, schema: string): Promise<string[]> {
  const rows: { table_name: string }[] = await dataSource.query(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = $1 AND table_name <> 'migrations' ORDER BY table_name`,
    [schema],
  );
  return rows.map((row) => row.table_name);
}

describe.each(serviceDatabases.map((database) => [database.schema, database] as const))(
  'migrations of %s',
  (schema, database) => {
    it('revert completely and apply again to the same tables', async () => {
      const url = await createTestDatabase();
      const dataSource = new DataSource(dataSourceOptions(database, url));
      await dataSource.initialize();
      try {
        const migrated = await tablesOf(dataSource, schema);
        expect(migrated.length).toBeGreaterThan(0);
        for (let index = 0; index < (database.migrations as unknown[]).length; index++) {
          await dataSource.undoLastMigration({ transaction: 'each' });
        }
        expect(await tablesOf(dataSource, schema)).toEqual([]);
        await runMigrations(database, url);
        expect(await tablesOf(dataSource, schema)).toEqual(migrated);
        expect(await runMigrations(database, url)).toEqual([]);
      } finally {
        await dataSource.destroy();
      }
    });
  },
);

it('no service uses synchronize', () => {
  for (const database of serviceDatabases) {
    expect(dataSourceOptions(database, 'postgres://x@localhost/x').synchronize).toBe(false);
  }
});
