import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';
import { stopServerChild } from './server-child';
import { waitFor } from './wait-for';

export function natsServerBinary(): string {
  if (process.env.NATS_SERVER_BIN) return process.env.NATS_SERVER_BIN;
  return existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server';
}

/** Whether something listens on the loopback port. */
export function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

export interface NatsServerOptions {
  /** A configuration file (e.g. BusUsers' auth.conf); the port and store are flags. */
  configFile?: string;
}

/**
 * A private nats-server with JetStream on its own port and store, for tests that take NATS away
 * and bring it back, or that need it configured (authorization). It keeps its port and store
 * across `stop()` and `start()`.
 */
export class NatsServerProcess {
  private child?: ChildProcess;

  private constructor(
    readonly port: number,
    private readonly storeDir: string,
    private readonly options: NatsServerOptions,
  ) {}

  static async create(options: NatsServerOptions = {}): Promise<NatsServerProcess> {
    const server = new NatsServerProcess(
      await freePort(),
      mkdtempSync(join(tmpdir(), 'switchboard-nats-')),
      options,
    );
    await server.start();
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const config = this.options.configFile ? ['-c', this.options.configFile] : [];
    this.child = spawn(
      natsServerBinary(),
      [...config, '-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir],
      { stdio: 'ignore' },
    );
    await waitFor(() => portAccepts(this.port), {
      timeoutMs: 10_000,
      description: 'nats-server to listen',
    });
  }

  async stop(): Promise<void> {
    await stopServerChild(this.child);
    this.child = undefined;
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}
