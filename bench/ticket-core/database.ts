import { Client } from 'pg';
import { migrateAll } from '../../tools/migrate';
import { BenchConfig } from './config';

/** A pg client on `url`, ended after `work`. */
export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops and recreates the benchmark's database, then applies every service's migrations. */
export async function freshDatabase(config: BenchConfig): Promise<void> {
  await withClient(config.adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${config.databaseName}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${config.databaseName}"`);
  });
  await migrateAll(config.databaseUrl);
}

/** A client whose unqualified names resolve in ticket-core's schema, like the service's own. */
export async function connectBench(config: BenchConfig): Promise<Client> {
  const client = new Client({
    connectionString: config.databaseUrl,
    options: '-c search_path=ticket_core,public',
  });
  await client.connect();
  return client;
}
