import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ErrorCode } from '@switchboard/contracts';
import {
  NatsConnection,
  NatsRpcClient,
  ServiceException,
  natsAuthFrom,
} from '@switchboard/messaging';
import { DemoSeedState, demoSeedSteps } from './demo-data';

export interface DemoSeedOptions {
  natsUrl: string;
  namespace: string;
  /** The operator's NATS credentials, when the server asks for them. */
  natsAuth?: { credentials?: string };
  log?: (line: string) => void;
  /** How long a step may keep retrying while its service is not answering yet. */
  timeoutMs?: number;
}

/** The service may still be subscribing (right after start) or briefly away: worth a retry. */
function retryable(error: unknown): boolean {
  return (
    error instanceof ServiceException &&
    (error.code === ErrorCode.UNAVAILABLE || error.code === ErrorCode.TIMEOUT)
  );
}

async function withRetry<T>(deadline: number, work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!retryable(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

function timeout(ms: number, what: string): Promise<never> {
  return new Promise((_, reject) => {
    setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms).unref();
  });
}

/**
 * Sends the demo data's commands over NATS, as any client of the services would, with the same
 * request helper the services use. Safe to run again: every step is idempotent.
 */
export async function runDemoSeed(options: DemoSeedOptions): Promise<DemoSeedState> {
  const log = options.log ?? (() => undefined);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  const nats = new NatsConnection({
    servers: options.natsUrl,
    namespace: options.namespace,
    name: 'demo-seed',
    ...options.natsAuth,
  });
  try {
    await Promise.race([
      nats.connect(),
      timeout(timeoutMs, `could not connect to ${options.natsUrl}`),
    ]);
    const rpc = new NatsRpcClient(nats);
    const state: DemoSeedState = {};
    for (const step of demoSeedSteps) {
      await withRetry(deadline, () => step.run(rpc, state, log));
    }
    return state;
  } finally {
    await nats.onApplicationShutdown();
  }
}

// `node dist/tools/seed/demo-seed.js` seeds a running stack on its own.
if (require.main === module) {
  // The NATS connection's routine lines (connected, draining) are noise for a one-shot command.
  Logger.overrideLogger(['warn', 'error', 'fatal']);
  runDemoSeed({
    natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    namespace: process.env.NATS_NAMESPACE ?? '',
    natsAuth: natsAuthFrom(process.env),
    log: (line) => console.log(`seed: ${line}`),
  }).then(
    () => process.exit(0),
    (error: Error) => {
      console.error(`seed failed: ${error.message}`);
      process.exit(1);
    },
  );
}
