import { AppName, SERVICE_PORTS, SMTP_LISTENER } from '@switchboard/config';
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A service as production runs it: the built entry point in a process of its own, on a free
 * port. Its output goes to a log file in the temporary directory.
 */
export class BenchService {
  private exit?: { code: number | null; signal: NodeJS.Signals | null };
  private readonly exited: Promise<void>;

  private constructor(
    readonly app: AppName,
    private readonly child: ChildProcess,
    readonly port: number,
    readonly logFile: string,
  ) {
    this.exited = new Promise((done) =>
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        done();
      }),
    );
  }

  /** The process id, for CPU accounting. */
  get pid(): number {
    return this.child.pid ?? 0;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(app: AppName, env: Record<string, string>): Promise<BenchService> {
    const port = await freePort();
    // mail-ingest also listens for SMTP: never on the shared default 2525 in a benchmark.
    const smtp =
      app === 'mail-ingest' && env[SMTP_LISTENER.variable] === undefined
        ? { [SMTP_LISTENER.variable]: String(await freePort()) }
        : {};
    const logFile = join(tmpdir(), `bench-${app}-${Date.now()}.log`);
    const log = createWriteStream(logFile);
    const child = spawn(process.execPath, [resolve(ROOT, `dist/apps/${app}/src/main.js`)], {
      env: {
        ...process.env,
        LOG_LEVEL: 'info',
        ...env,
        ...smtp,
        [SERVICE_PORTS[app].variable]: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const service = new BenchService(app, child, port, logFile);
    await service.waitReady(60_000);
    return service;
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exit) {
        throw new Error(`${this.app} exited (${JSON.stringify(this.exit)}); see ${this.logFile}`);
      }
      try {
        const response = await fetch(`${this.url}/health/ready`, {
          signal: AbortSignal.timeout(2000),
        });
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error(`${this.app} not ready after ${timeoutMs} ms; see ${this.logFile}`);
  }

  /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.exit) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
