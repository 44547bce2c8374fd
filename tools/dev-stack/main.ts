import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { LOG_LEVELS, SERVICE_PORTS } from '@switchboard/config';
import { StackError, StartupAborted } from './errors';
import { StackNestLogger } from './nest-logger';
import { LogLevel, Output, wantsColour } from './output';
import { DevStack } from './stack';

/**
 * `npm start` (through scripts/start.js) or `node dist/tools/dev-stack/main.js`: runs the whole
 * helpdesk in the foreground until Ctrl-C or SIGTERM. Runs on load, since start.js requires it.
 *
 * Environment: DATABASE_URL and NATS_URL (otherwise found on 127.0.0.1 or started, see
 * database.ts and nats.ts); every port variable of SERVICE_PORTS and SMTP_PORT; LOG_LEVEL;
 * NATS_NAMESPACE; SWITCHBOARD_LOCAL_PG=off / SWITCHBOARD_LOCAL_NATS=off to ignore the machine's
 * own PostgreSQL / NATS and use the stack's own; NATS_SERVER_BIN to name the nats-server binary.
 */
const level = process.env.LOG_LEVEL || 'info';
if (!(LOG_LEVELS as readonly string[]).includes(level)) {
  process.stderr.write(`LOG_LEVEL=${level} is not one of ${LOG_LEVELS.join(', ')}\n`);
  process.exit(1);
}

const sources = [...Object.keys(SERVICE_PORTS), 'dev-stack', 'postgres', 'nats', 'seed'];
const output = new Output(level as LogLevel, wantsColour(), sources);
Logger.overrideLogger(new StackNestLogger(output));
const stack = new DevStack(process.env, output);
let signalled = false;

function stopAndExit(code: number): void {
  void stack.stop().then(() => process.exit(code));
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    // npm forwards the terminal's Ctrl-C, so one keypress may arrive twice: stop only once.
    if (signalled) return;
    signalled = true;
    output.log('dev-stack', 'info', `${signal} received`);
    stopAndExit(0);
  });
}
// Should this process die of a bug, its children must not outlive it.
process.on('exit', () => stack.killRemaining());

stack.run().catch((error: unknown) => {
  if (error instanceof StartupAborted) return; // A signal is stopping the stack already.
  const message = error instanceof StackError ? error.message : String((error as Error).stack);
  output.log('dev-stack', 'error', message);
  stopAndExit(1);
});
