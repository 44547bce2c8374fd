import { OPERATOR } from '@switchboard/contracts';
import { busServiceEnv, natsAuthFrom } from '@switchboard/messaging';
import { migrateAll } from '../migrate';
import { runDemoSeed } from '../seed/demo-seed';
import { ProcessRole, StackContext } from './context';
import { DatabaseEndpoint, resolveDatabase } from './database';
import { StackError, StartupAborted } from './errors';
import { ManagedProcess, ManagedProcessOptions, describeExit } from './managed-process';
import { MailCatcher, startMailCatcher } from './mail-catcher';
import { NatsEndpoint, resolveNats } from './nats';
import { Output, SourceLogger, sourceLogger } from './output';
import { assertPortsUsable, portAssignments, portPlan } from './ports';
import { waitUntilReady } from './readiness';
import { startServices } from './services';
import { summaryLines } from './summary';

const READY_TIMEOUT_MS = 60_000;
/** A service gets this long to drain after SIGTERM before it is killed. */
const SERVICE_GRACE_MS = 10_000;
/** PostgreSQL may be finishing a first initdb when asked to stop. */
const INFRASTRUCTURE_GRACE_MS = 30_000;

/**
 * The whole helpdesk on one machine: PostgreSQL and NATS (found or started), migrations, every
 * process of SERVICE_PORTS, the demo seed. `stop()` takes it all down again, services first.
 */
export class DevStack implements StackContext {
  readonly log: SourceLogger;
  private readonly services: ManagedProcess[] = [];
  private readonly infrastructure: ManagedProcess[] = [];
  private stopping?: Promise<void>;
  private catcher?: MailCatcher;
  private up = false;

  constructor(
    readonly env: NodeJS.ProcessEnv,
    readonly output: Output,
  ) {
    this.log = sourceLogger(output, 'dev-stack');
  }

  async run(): Promise<void> {
    const assignments = portAssignments(this.env);
    await assertPortsUsable(assignments);
    const ports = portPlan(assignments);
    this.checkpoint();
    const database = await resolveDatabase(this);
    this.checkpoint();
    const nats = await resolveNats(this);
    this.checkpoint();
    await this.migrate(database);
    this.checkpoint();
    // Outbound mail goes to the catcher unless SMTP_URL names a relay of the developer's.
    if (!this.env.SMTP_URL) this.catcher = await startMailCatcher(this.env);
    this.checkpoint();
    const services = startServices(this, {
      databaseUrl: database.url,
      natsUrl: nats.url,
      ports,
      smtpUrl: this.catcher?.smtpUrl ?? this.env.SMTP_URL!,
      natsBusDir: nats.busDir,
    });
    await waitUntilReady(this, services, READY_TIMEOUT_MS);
    const seeded = await this.seed(nats);
    this.checkpoint();
    this.up = true;
    this.output.block(
      summaryLines(this.output, { ports, database, nats, seeded, catcher: this.catcher }),
    );
  }

  start(options: Omit<ManagedProcessOptions, 'output'>, role: ProcessRole): ManagedProcess {
    if (this.stopping) throw new StartupAborted();
    const child = new ManagedProcess({ ...options, output: this.output });
    (role === 'service' ? this.services : this.infrastructure).push(child);
    this.log.debug(`started ${child.name} (pid ${child.pid})`);
    void child.exited.then((exit) => this.exited(child, describeExit(exit)));
    return child;
  }

  checkpoint(): void {
    if (this.stopping) throw new StartupAborted();
    const gone = [...this.infrastructure, ...this.services].find((child) => child.exit);
    if (!gone) return;
    const why = `${gone.name} exited (${describeExit(gone.exit!)}) during startup`;
    if (this.services.includes(gone)) throw new StackError(`${why}; see its lines above.`);
    const recent = gone.recent.slice(-15).map((line) => `  ${line}`);
    throw new StackError(`${why}. Its last lines:\n${recent.join('\n')}`);
  }

  /** SIGTERM to every service, wait (SIGKILL after 10 s), then the servers the stack started. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  /** Last resort, from an 'exit' handler: nothing asynchronous can run there any more. */
  killRemaining(): void {
    for (const child of this.services) if (child.running) child.kill();
    // SIGTERM, not SIGKILL: the PostgreSQL helper stops its server, which a kill would orphan.
    for (const child of this.infrastructure) child.signal('SIGTERM');
  }

  private async shutdown(): Promise<void> {
    const started = this.services.length + this.infrastructure.length > 0;
    if (started) this.log.info('stopping every process');
    await Promise.all(this.services.map((child) => child.stop(SERVICE_GRACE_MS)));
    for (const child of [...this.infrastructure].reverse()) {
      await child.stop(INFRASTRUCTURE_GRACE_MS);
    }
    await this.catcher?.close();
    if (started) this.log.info('stopped');
  }

  private exited(child: ManagedProcess, how: string): void {
    if (this.stopping) this.log.debug(`${child.name} exited (${how})`);
    // During startup, the next checkpoint reports it, with the reason startup gives up.
    else if (this.up)
      this.log.error(
        `${child.name.toUpperCase()} EXITED UNEXPECTEDLY (${how}). The other processes keep ` +
          'running; it is not restarted. Fix the cause, then stop (Ctrl-C) and `npm start` again.',
      );
  }

  private async migrate(database: DatabaseEndpoint): Promise<void> {
    try {
      await migrateAll(database.url, (line) =>
        line.endsWith('up to date')
          ? this.log.debug(`migrations ${line}`)
          : this.log.info(`migrations ${line}`),
      );
      this.log.info('database migrated');
    } catch (error) {
      throw new StackError(`migrations failed: ${(error as Error).message}`);
    }
  }

  /** A failed seed leaves a usable stack; it is reported loudly, and the summary says so. */
  private async seed(nats: NatsEndpoint): Promise<boolean> {
    try {
      await runDemoSeed({
        natsUrl: nats.url,
        // The seed is an operator's tool: it creates the demo workspace.
        natsAuth: nats.busDir ? natsAuthFrom(busServiceEnv(nats.busDir, OPERATOR)) : {},
        namespace: this.env.NATS_NAMESPACE ?? '',
        log: (line) => this.output.log('seed', 'info', line),
      });
      return true;
    } catch (error) {
      this.output.log('seed', 'error', `the demo seed failed: ${(error as Error).message}`);
      return false;
    }
  }
}
