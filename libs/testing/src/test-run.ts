import { Client, QueryResultRow } from 'pg';

export const adminUrl =
  process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** The environment variables through which the global setup tells the tests about the run. */
export const testRunKeys = {
  databaseUrl: 'SWITCHBOARD_TEST_DATABASE_URL',
  adminDatabaseUrl: 'SWITCHBOARD_TEST_ADMIN_DATABASE_URL',
  templateDatabase: 'SWITCHBOARD_TEST_TEMPLATE_DATABASE',
  natsUrl: 'SWITCHBOARD_TEST_NATS_URL',
  natsNamespace: 'SWITCHBOARD_TEST_NATS_NAMESPACE',
} as const;

export type TestRun = Record<keyof typeof testRunKeys, string>;

/** What the global setup made for this run; fails clearly when a test runs without it. */
export function testRun(): TestRun {
  const run = {} as TestRun;
  for (const [key, variable] of Object.entries(testRunKeys) as [keyof TestRun, string][]) {
    const value = process.env[variable];
    if (!value) throw new Error(`${variable} is not set: run the tests through jest (npm test)`);
    run[key] = value;
  }
  return run;
}

export async function adminQuery<R extends QueryResultRow = QueryResultRow>(
  sql: string,
  params: unknown[] = [],
): Promise<{ rows: R[] }> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query<R>(sql, params);
  } finally {
    await client.end();
  }
}

export function databaseUrlFor(database: string): string {
  return adminUrl.replace(/\/[^/]*$/, `/${database}`);
}
