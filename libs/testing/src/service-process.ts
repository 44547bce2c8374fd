import { AppName, SERVICE_PORTS, SMTP_LISTENER } from '@switchboard/config';
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from './ports';
import { waitFor } from './wait-for';

const ROOT = resolve(__dirname, '../../..');
const LOG_DIR = resolve(ROOT, 'test-results/logs');

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Exited by itself after SIGTERM: code 0, or the SIGTERM that Nest re-raises after its hooks. */
export function exitedCleanly(exit: ProcessExit): boolean {
  return exit.code === 0 || (exit.code === null && exit.signal === 'SIGTERM');
}

export interface ServiceProcessOptions {
  /** Variables on top of the test process's own environment. */
  env: Record<string, string>;
  /** Wait for `/health/ready` before returning (default true). */
  waitReady?: boolean;
}

/**
 * A service started the way production starts it: the built `dist/` entry point in its own
 * process, talking to the real PostgreSQL and NATS. Its output goes to test-results/logs/.
 */
export class ServiceProcess {
  private exit?: ProcessExit;
  private readonly exited: Promise<void>;

  private constructor(
    readonly app: AppName,
    readonly port: number,
    readonly logFile: string,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolveExit) =>
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolveExit();
      }),
    );
  }

  static async start(app: AppName, options: ServiceProcessOptions): Promise<ServiceProcess> {
    const port = await freePort();
    // mail-ingest also listens for SMTP: never on the shared default 2525 in a test.
    const smtp =
      app === 'mail-ingest' && options.env[SMTP_LISTENER.variable] === undefined
        ? { [SMTP_LISTENER.variable]: String(await freePort()) }
        : {};
    mkdirSync(LOG_DIR, { recursive: true });
    const logFile = resolve(LOG_DIR, `${app}-${Date.now()}-${port}.log`);
    const log = createWriteStream(logFile);
    const child = spawn(process.execPath, [resolve(ROOT, `dist/apps/${app}/src/main.js`)], {
      env: {
        ...process.env,
        LOG_LEVEL: 'info',
        ...options.env,
        ...smtp,
        [SERVICE_PORTS[app].variable]: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const started = new ServiceProcess(app, port, logFile, child);
    if (options.waitReady !== false) {
      await waitFor(
        async () => {
          if (started.exit) {
            throw new Error(`${app} exited (${JSON.stringify(started.exit)}); see ${logFile}`);
          }
          return started.isReady();
        },
        { timeoutMs: 60_000, description: `${app} to be ready (log: ${logFile})` },
      ).catch(async (error: unknown) => {
        // Never ready: it must not outlive the test that gave up on it.
        await started.kill();
        throw error;
      });
    }
    return started;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  async isReady(): Promise<boolean> {
    return (await this.readyStatus()) === 200;
  }

  /** The HTTP status of `/health/ready`, or 0 when nothing answers. */
  async readyStatus(): Promise<number> {
    try {
      const response = await fetch(`${this.url}/health/ready`, {
        signal: AbortSignal.timeout(3000),
      });
      return response.status;
    } catch {
      return 0;
    }
  }

  /** SIGTERM, as an orchestrator would; SIGKILL if it has not exited within the grace period. */
  async stop(graceMs = 10_000): Promise<ProcessExit> {
    if (this.running) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    return this.exit!;
  }

  /** Ends the process at once, as a crash or an OOM kill would. */
  async kill(): Promise<ProcessExit> {
    if (this.running) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
    return this.exit!;
  }
}
