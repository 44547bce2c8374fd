import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { StackContext } from './context';
import { StackError } from './errors';
import { ManagedProcess } from './managed-process';
import { infrastructureLines, waitForServer } from './infrastructure';
import { BUS_FILES, writeBusFiles } from '@switchboard/messaging';
import { natsInfo, preferredOrFreePort } from './net';
import { DATA_DIR } from './paths';

export interface NatsEndpoint {
  url: string;
  source: 'NATS_URL' | 'local' | 'started';
  /** The nats-server, when the stack started one. */
  server?: ManagedProcess;
  /**
   * The bus's keys and credentials (.data/nats-bus) when the server is the stack's own, which
   * lets each service do only what libs/contracts' bus-access grants it; none on a server found
   * running, which the summary then calls open when it asks for no credentials.
   */
  busDir?: string;
  /** The server asks no credentials: any process that reaches it may send any command. */
  open: boolean;
}

const NATS_PORT = 4222;
/** Debian installs it in /usr/sbin, which is not on every user's PATH. */
const EXTRA_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin', '/opt/homebrew/bin'];

const installHelp = (env: NodeJS.ProcessEnv) => `${
  env.NATS_SERVER_BIN
    ? `NATS_SERVER_BIN=${env.NATS_SERVER_BIN} is not an executable file.`
    : `nats-server was not found (looked on PATH and in ${EXTRA_DIRS.join(', ')}).`
}
Switchboard needs NATS with JetStream (nats-server 2.9 or newer). Install it with one of:
  sudo apt-get install nats-server     (Debian, Ubuntu)
  brew install nats-server             (macOS)
  https://github.com/nats-io/nats-server/releases   (download, put nats-server on your PATH)
or point NATS_URL at a running server started with -js, e.g. NATS_URL=nats://127.0.0.1:4222.`;

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** NATS_SERVER_BIN, else nats-server from PATH or the usual install folders. */
export function findNatsServer(env: NodeJS.ProcessEnv): string | undefined {
  if (env.NATS_SERVER_BIN) return executable(env.NATS_SERVER_BIN) ? env.NATS_SERVER_BIN : undefined;
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  return dirs.map((dir) => join(dir, 'nats-server')).find(executable);
}

/**
 * NATS_URL when set; otherwise the NATS on 127.0.0.1:4222 when it answers (SWITCHBOARD_LOCAL_NATS
 * =off skips it); otherwise a nats-server with JetStream that the stack starts and stops.
 */
export async function resolveNats(context: StackContext): Promise<NatsEndpoint> {
  const explicit = context.env.NATS_URL;
  if (explicit) return { url: explicit, source: 'NATS_URL', open: await isOpen(explicit) };
  const local = context.env.SWITCHBOARD_LOCAL_NATS !== 'off' && (await natsInfo(NATS_PORT));
  // One that asks for credentials is not ours to use: the stack starts its own.
  if (local && !local.auth_required)
    return { url: `nats://127.0.0.1:${NATS_PORT}`, source: 'local', open: true };
  const binary = findNatsServer(context.env);
  if (!binary) throw new StackError(installHelp(context.env));
  context.checkpoint();
  const port = await preferredOrFreePort(NATS_PORT);
  const storeDir = join(DATA_DIR, 'nats');
  mkdirSync(storeDir, { recursive: true });
  context.log.info(
    `starting ${binary} on 127.0.0.1:${port}, JetStream store in .data/nats, ` +
      'each service with its own credentials (.data/nats-bus)',
  );
  const busDir = join(DATA_DIR, 'nats-bus');
  await writeBusFiles(busDir, context.env.NATS_NAMESPACE ?? '');
  const server = context.start(
    {
      name: 'nats',
      command: binary,
      args: [
        '-c',
        join(busDir, BUS_FILES.serverConfig),
        '-js',
        '-a',
        '127.0.0.1',
        '-p',
        String(port),
        '-sd',
        storeDir,
      ],
      env: context.env,
      show: infrastructureLines(context.output),
    },
    'infrastructure',
  );
  await waitForServer(context, 'nats-server', 15_000, async () => !!(await natsInfo(port)));
  return { url: `nats://127.0.0.1:${port}`, source: 'started', server, busDir, open: false };
}

/** Whether the first server of a NATS_URL asks for no credentials. */
async function isOpen(urls: string): Promise<boolean> {
  const first = new URL(urls.split(',')[0].replace(/^(nats|tls):/, 'http:'));
  if (first.username) return false;
  const info = await natsInfo(Number(first.port || NATS_PORT), first.hostname);
  return !info?.auth_required;
}
