import { RequestSubject } from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { LoadResult, runLoad } from '../ticket-core/load';

export const ECHO_SUBJECT = 'bench.echo';

export interface EchoFloorOptions {
  natsUrl: string;
  namespace: string;
  concurrency: number;
  durationMs: number;
  /** The size of the reply, about that of a view page (25 tickets as JSON). */
  replyBytes: number;
}

/**
 * The machine's floor for the latency measures: the same requesters and request client, against
 * a responder in its own process that does no work at all. What a service's p99 can reach at this
 * concurrency on this machine is bounded by this one (client, NATS and scheduling on shared
 * cores), so every figure is read next to it.
 */
export async function measureEchoFloor(
  rpc: NatsRpcClient,
  options: EchoFloorOptions,
): Promise<LoadResult> {
  const responder = spawn(process.execPath, [resolve(__dirname, 'echo-responder.js')], {
    env: {
      ...process.env,
      NATS_URL: options.natsUrl,
      NATS_NAMESPACE: options.namespace,
      ECHO_REPLY_BYTES: String(options.replyBytes),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await waitForReady(responder.stdout!);
    // The echo subject is not a contract subject: the client is used exactly as the measures use it.
    const send = () => rpc.request(ECHO_SUBJECT as RequestSubject, {} as never);
    await runLoad({ concurrency: options.concurrency, durationMs: 1_000 }, () => send);
    return await runLoad(
      { concurrency: options.concurrency, durationMs: options.durationMs },
      () => send,
    );
  } finally {
    responder.kill('SIGTERM');
    if (responder.exitCode === null) await once(responder, 'exit');
  }
}

function waitForReady(output: NodeJS.ReadableStream): Promise<void> {
  return new Promise((done, fail) => {
    let seen = '';
    output.on('data', (chunk) => {
      seen += String(chunk);
      if (seen.includes('ready')) done();
    });
    output.once('end', () => fail(new Error(`echo responder ended before it was ready: ${seen}`)));
  });
}
