import 'reflect-metadata';
import { NatsConnection } from '@switchboard/messaging';
import { NatsCluster, NatsServerProcess, waitFor } from '@switchboard/testing';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * `npm run bench:cluster` (BENCH_SCALE, default 0.1 here): what a three-node NATS cluster costs.
 * Runs bench:ticket-core (creation and replies) and bench:mail twice in one run, once on a single
 * fresh nats-server (streams at R1) and once on three clustered ones (streams at R3, clients
 * spread over the three), and reports each figure of both and their ratio (cluster / single).
 * Both servers are open (no users): the benchmarks' own clients are not services.
 */
const ROOT = resolve(__dirname, '../../..');
const RESULTS = resolve(ROOT, 'bench/results');
const SCALE = process.env.BENCH_SCALE ?? '0.1';
const log = (line: string) => console.log(`[bench] ${line}`);

/** The figures compared, per benchmark: throughputs and latencies of the work that crosses NATS. */
const COMPARED = {
  'ticket-core': [
    'create_per_s',
    'create_p50_ms',
    'create_p99_ms',
    'relay_lag_p99_ms',
    'reply_per_s',
    'reply_p50_ms',
    'reply_p99_ms',
  ],
  mail: ['accepted_per_s', 'time_to_250_p99_ms', 'end_to_end_per_s'],
} as const;
type Bench = keyof typeof COMPARED;

/** Runs one benchmark as `npm run bench:<name>` would, and returns its figures. */
function runBench(bench: Bench, env: Record<string, string>): Promise<Record<string, number>> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(ROOT, `dist/bench/${bench}/main.js`)], {
      env: { ...process.env, BENCH_SCALE: SCALE, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      const line = output.split('\n').findLast((candidate) => candidate.startsWith('{"bench"'));
      if (code !== 0 || !line) return fail(new Error(`bench:${bench} failed (exit ${code})`));
      done((JSON.parse(line) as { figures: Record<string, number> }).figures);
    });
  });
}

/** JetStream answers once the servers elected their meta leader. */
async function jetStreamReady(servers: string): Promise<void> {
  await waitFor(
    async () => {
      const nats = new NatsConnection({ servers, namespace: '', name: 'bench-cluster' });
      try {
        await nats.connect();
        return true;
      } catch {
        return false;
      } finally {
        await nats.onApplicationShutdown();
      }
    },
    { timeoutMs: 30_000, description: 'JetStream' },
  );
}

async function measure(label: string, env: Record<string, string>) {
  const out: Partial<Record<Bench, Record<string, number>>> = {};
  for (const bench of Object.keys(COMPARED) as Bench[]) {
    log(`bench:${bench} on ${label}`);
    out[bench] = await runBench(bench, env);
  }
  return out as Record<Bench, Record<string, number>>;
}

/** Both benchmarks on a server (or cluster) of their own, removed afterwards. */
async function measureOn(
  label: string,
  servers: { url: string; destroy(): Promise<void> },
  replicas: number,
) {
  try {
    await jetStreamReady(servers.url);
    return await measure(label, { NATS_URL: servers.url, NATS_STREAM_REPLICAS: String(replicas) });
  } finally {
    await servers.destroy();
  }
}

async function main(): Promise<void> {
  const onSingle = await measureOn('one nats-server', await NatsServerProcess.create(), 1);
  const onCluster = await measureOn('a three-node cluster', await NatsCluster.create(), 3);

  const figures: Record<string, number> = { scale: Number(SCALE) };
  for (const bench of Object.keys(COMPARED) as Bench[]) {
    for (const key of COMPARED[bench]) {
      const name = `${bench.replace('-', '_')}_${key}`;
      const [a, b] = [onSingle[bench][key], onCluster[bench][key]];
      figures[`${name}_single`] = a;
      figures[`${name}_cluster`] = b;
      figures[`${name}_ratio`] = Math.round((b / a) * 100) / 100;
      log(`${name}: one node ${a}, cluster ${b} (× ${figures[`${name}_ratio`]})`);
    }
  }
  const json = JSON.stringify({ bench: 'cluster', figures });
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(resolve(RESULTS, 'cluster.json'), `${json}\n`);
  console.log(json);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`bench cluster failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
