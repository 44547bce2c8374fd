import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import * as pg from 'pg';

/**
 * Distinct statements one connection prepares at most; later ones run unnamed. Our SQL has a
 * bounded set of shapes (a few per query, one per batch size), so this is a guard against a
 * caller that builds unbounded statement texts, not a cache that is expected to fill.
 */
export const MAX_PREPARED_PER_CONNECTION = 1000;

const PLAN_PER_CALL = '/* plan per call */ ';

/**
 * Marks a statement to be planned for its own parameters on every call, never prepared: for
 * queries whose best plan depends on the values, such as a text search whose words may match ten
 * tickets or a million (a generic plan cannot know, and picked a plan 20 times slower).
 */
export function planPerCall(sql: string): string {
  return PLAN_PER_CALL + sql;
}

/**
 * `LIMIT n` with n written into the statement, not passed as a parameter. With a parameter the
 * generic plan of a prepared statement cannot know how many rows it stops after (PostgreSQL
 * assumes a tenth of them), so it looks costlier than the plans made for the actual values and
 * PostgreSQL plans the statement again on every call: for the New view that was half of its
 * database time (1.27 against 0.65-0.72 ms per view at 1M tickets). A page size or a count cap
 * has few distinct values, so a statement per value stays prepared.
 */
export function limitSql(count: number): string {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`a LIMIT must be a whole number of rows, not ${count}`);
  }
  return `LIMIT ${count}`;
}

const names = new Map<string, string>();

/** A stable name for a statement text: the same SQL gets the same name on every connection. */
export function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    // Remembered, since hashing a long statement on every call costs more than looking it up.
    if (names.size >= MAX_PREPARED_PER_CONNECTION) names.clear();
    name = `sb_${createHash('sha1').update(text).digest('base64url')}`;
    names.set(text, name);
  }
  return name;
}

/**
 * A pg client that turns every parameterized query into a named prepared statement on its
 * connection. PostgreSQL then parses each statement once per connection instead of once per call,
 * and after a few executions reuses a generic plan when it is as good as a custom one: parsing and
 * planning were most of the database's time for our short indexed queries. Queries without
 * parameters (DDL, migrations, BEGIN/COMMIT) stay simple queries.
 */
const connectionLogger = new Logger('Database');

class PreparingClient extends pg.Client {
  private prepared = 0;

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // A connection the server ends (a PostgreSQL restart) emits 'error'. While the client is
    // checked out of the pool nothing else listens, and an unheard 'error' ends the process. The
    // query in flight fails by itself, and the pool drops the broken client once it is released.
    this.on('error', (error: Error) =>
      connectionLogger.warn(`a database connection was lost: ${error.message}`),
    );
  }

  // pg's query() is heavily overloaded; only (text, values[, callback]) calls are rewritten.
  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (
      typeof text === 'string' &&
      Array.isArray(values) &&
      values.length > 0 &&
      !text.startsWith(PLAN_PER_CALL)
    ) {
      const name = statementName(text);
      const known = name in (this as unknown as ConnectionState).connection.parsedStatements;
      if (known || this.prepared < MAX_PREPARED_PER_CONNECTION) {
        if (!known) this.prepared++;
        args[0] = { name, text, values };
        args.splice(1, 1);
      }
    }
    return (super.query as (...rest: unknown[]) => never)(...args);
  }
}

interface ConnectionState {
  connection: { parsedStatements: Record<string, string> };
}

class PreparingPool extends pg.Pool {
  constructor(config: pg.PoolConfig = {}) {
    super({ ...config, Client: PreparingClient });
  }
}

/** The `pg` module as TypeORM's `driver` option, with pools whose clients prepare statements. */
export const preparingPg = { ...pg, Pool: PreparingPool, Client: PreparingClient };
