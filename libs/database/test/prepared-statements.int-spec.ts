import {
  ServiceDatabase,
  dataSourceOptions,
  limitSql,
  planPerCall,
  statementName,
} from '@switchboard/database';
import { createTestDatabase } from '@switchboard/testing';
import { DataSource, QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const database: ServiceDatabase = { schema: 'public', entities: [], migrations: [] };

describe('prepared statements (the pg driver every service uses)', () => {
  let dataSource: DataSource;
  let runner: QueryRunner;

  beforeAll(async () => {
    dataSource = new DataSource(dataSourceOptions(database, await createTestDatabase()));
    await dataSource.initialize();
    // One query runner is one connection: prepared statements belong to a connection.
    runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.query(`CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)`);
    await runner.query(`INSERT INTO notes VALUES (1, 'one'), (2, 'two')`);
  });

  afterAll(async () => {
    await runner?.release();
    await dataSource?.destroy();
  });

  const prepared = async (): Promise<{ name: string; statement: string }[]> =>
    runner.query(`SELECT name, statement FROM pg_prepared_statements ORDER BY name`);

  it('prepares a parameterized statement once per connection and reuses it', async () => {
    const text = 'SELECT body FROM notes WHERE id = $1';
    expect(await runner.query(text, [1])).toEqual([{ body: 'one' }]);
    expect(await runner.query(text, [2])).toEqual([{ body: 'two' }]);
    const statements = await prepared();
    expect(statements.filter((row) => row.statement === text)).toEqual([
      { name: statementName(text), statement: text },
    ]);
  });

  it('leaves queries without parameters unprepared (DDL, migrations, BEGIN)', async () => {
    await runner.query('SELECT count(*) FROM notes');
    expect((await prepared()).map((row) => row.statement)).not.toContain(
      'SELECT count(*) FROM notes',
    );
  });

  it('plans a statement marked planPerCall on every call, never preparing it', async () => {
    const text = planPerCall('SELECT body FROM notes WHERE id >= $1 ORDER BY id');
    expect(await runner.query(text, [2])).toEqual([{ body: 'two' }]);
    expect((await prepared()).map((row) => row.statement)).not.toContain(text);
  });

  it('keeps the connection usable after a prepared statement fails', async () => {
    const text = 'SELECT 10 / $1::int AS n';
    await expect(runner.query(text, [0])).rejects.toThrow(/division by zero/);
    expect(await runner.query(text, [5])).toEqual([{ n: 2 }]);
    // Inside a failed transaction too: the statement is usable after the rollback.
    await runner.startTransaction();
    await expect(runner.query(text, [0])).rejects.toThrow(/division by zero/);
    await runner.rollbackTransaction();
    expect(await runner.query(text, [2])).toEqual([{ n: 5 }]);
  });

  it('follows a schema change under a prepared statement', async () => {
    const text = 'SELECT id, body FROM notes WHERE id = $1';
    expect(await runner.query(text, [1])).toEqual([{ id: 1, body: 'one' }]);
    await runner.query(`ALTER TABLE notes ADD COLUMN author text`);
    await runner.query(`CREATE INDEX notes_body ON notes (body)`);
    expect(await runner.query(text, [1])).toEqual([{ id: 1, body: 'one' }]);
  });

  it('plans a statement once when its LIMIT is written in (limitSql), on every call when it is a parameter', async () => {
    await runner.query(`CREATE TABLE events (id int PRIMARY KEY, kind text NOT NULL)`);
    await runner.query(
      `INSERT INTO events SELECT i, 'k' || (i % 50) FROM generate_series(1, 20000) AS i`,
    );
    await runner.query(`ANALYZE events`);
    const byParameter = 'SELECT id FROM events WHERE kind = $1 ORDER BY id LIMIT $2';
    const written = `SELECT id FROM events WHERE kind = $1 ORDER BY id ${limitSql(26)}`;
    for (let call = 0; call < 10; call++) {
      expect(await runner.query(byParameter, ['k7', 26])).toHaveLength(26);
      expect(await runner.query(written, ['k7'])).toHaveLength(26);
    }
    const plans: { statement: string; generic_plans: string; custom_plans: string }[] =
      await runner.query(
        `SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements
          WHERE statement IN ($1, $2)`,
        [byParameter, written],
      );
    const plansOf = (text: string) => {
      const row = plans.find((plan) => plan.statement === text)!;
      return { generic: Number(row.generic_plans), custom: Number(row.custom_plans) };
    };
    // PostgreSQL plans the first five calls for their values, then keeps the generic plan
    // unless it looks costlier: with an unknown LIMIT it assumes a tenth of the rows, so it does.
    expect(plansOf(byParameter)).toEqual({ generic: 0, custom: 10 });
    expect(plansOf(written)).toEqual({ generic: 5, custom: 5 });
  });

  it('writes only a whole, non-negative number of rows into a LIMIT', () => {
    expect(limitSql(0)).toBe('LIMIT 0');
    expect(limitSql(1001)).toBe('LIMIT 1001');
    for (const bad of [-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, '5; DROP TABLE x' as never]) {
      expect(() => limitSql(bad)).toThrow(RangeError);
    }
  });

  it('names a statement after its text only', () => {
    expect(statementName('SELECT $1')).toBe(statementName('SELECT $1'));
    expect(statementName('SELECT $1')).not.toBe(statementName('SELECT $1 '));
    // PostgreSQL truncates identifiers at 63 bytes: the name must stay shorter to stay unique.
    expect(statementName('x'.repeat(10_000)).length).toBeLessThan(64);
  });
});
