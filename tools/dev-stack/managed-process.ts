import { ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Output } from './output';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function describeExit(exit: ProcessExit): string {
  return exit.signal ? `signal ${exit.signal}` : `code ${String(exit.code)}`;
}

export interface ManagedProcessOptions {
  /** Prefix of its lines, and how the stack names it. */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  output: Output;
  /** Which of its lines to print; all of them when not given. */
  show?: (line: string) => boolean;
}

const RECENT_LINES = 40;

/**
 * One child of the stack. It runs in a process group of its own (`detached`), so a Ctrl-C in the
 * terminal reaches the stack alone, which then stops the services before the PostgreSQL and NATS
 * they are draining into; and so that a last-resort SIGKILL takes any process it started with it.
 */
export class ManagedProcess {
  private exitStatus?: ProcessExit;
  readonly exited: Promise<ProcessExit>;
  /** Its last lines, printed again when it fails to start. */
  readonly recent: string[] = [];
  private readonly child: ChildProcess;

  constructor(private readonly options: ManagedProcessOptions) {
    this.child = spawn(options.command, options.args, {
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => resolve((this.exitStatus = { code, signal })));
      // A command that cannot be started at all (ENOENT) may never emit 'exit'.
      this.child.once('error', (error) => {
        this.remember(`could not start ${options.command}: ${error.message}`);
        resolve((this.exitStatus ??= { code: 127, signal: null }));
      });
    });
    this.pipe('stdout');
    this.pipe('stderr');
  }

  get name(): string {
    return this.options.name;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get exit(): ProcessExit | undefined {
    return this.exitStatus;
  }

  get running(): boolean {
    return this.exitStatus === undefined && this.child.pid !== undefined;
  }

  /**
   * Asks it to stop with `signal` and waits; after `graceMs` the whole process group is killed.
   * Resolves with how it ended.
   */
  async stop(graceMs: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<ProcessExit> {
    if (!this.running) return this.exited;
    this.signal(signal);
    const timer = setTimeout(() => {
      this.options.output.log('dev-stack', 'warn', `${this.name} ignored ${signal}; killing it`);
      this.kill();
    }, graceMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  /** SIGKILL to its process group; synchronous, so that it also works in an 'exit' handler. */
  kill(): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }

  signal(signal: NodeJS.Signals): void {
    if (!this.running) return;
    try {
      this.child.kill(signal);
    } catch {
      // Exited in between.
    }
  }

  private pipe(stream: 'stdout' | 'stderr'): void {
    const source = this.child[stream];
    if (!source) return;
    createInterface({ input: source, crlfDelay: Infinity }).on('line', (line) => {
      this.remember(line);
      if (!this.options.show || this.options.show(line))
        this.options.output.child(this.name, line, stream);
    });
  }

  private remember(line: string): void {
    this.recent.push(line);
    if (this.recent.length > RECENT_LINES) this.recent.shift();
  }
}
