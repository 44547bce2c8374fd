import 'reflect-metadata';
import { NatsConnection, NatsRpcClient } from '@switchboard/messaging';
import { loadConfig } from './config';
import { measureCreation } from './creation';
import { connectBench, freshDatabase } from './database';
import { MeasureResult, measures, runMeasure } from './measures';
import { figures, report } from './report';
import { loadSamples } from './samples';
import { seed } from './seed';
import { BenchService } from '../common/bench-service';
import { cpuLine, serviceCpuMeter } from '../common/cpu-meter';
import { measureEchoFloor } from '../common/echo-floor';
import * as c from '@switchboard/contracts';

const log = (line: string) => console.log(`[bench] ${line}`);

/**
 * `npm run bench:ticket-core` (BENCH_SCALE=0.01 for a quick run): seeds a fresh database, starts
 * ticket-core as its own process and measures it over NATS from concurrent requesters.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  log(
    `scale ${config.scale}: ${config.tickets + config.extraNewTickets} tickets, ` +
      `${config.customers} customers, database ${config.databaseName}, namespace ${config.namespace}`,
  );
  await freshDatabase(config);
  const seeded = await seed(config, log);
  log(
    `seeded ${seeded.tickets} tickets and ${seeded.messages} messages in ${seeded.seconds.toFixed(1)} s`,
  );

  const db = await connectBench(config);
  const samples = await loadSamples(db, seeded.workspaceId);
  const service = await BenchService.start('ticket-core', {
    DATABASE_URL: config.databaseUrl,
    NATS_URL: config.natsUrl,
    NATS_NAMESPACE: config.namespace,
  });
  log(`ticket-core ready on :${service.port} (log ${service.logFile})`);
  const nats = new NatsConnection({
    servers: config.natsUrl,
    namespace: config.namespace,
    name: 'bench-ticket-core',
  });
  try {
    await nats.connect();
    const rpc = new NatsRpcClient(nats);
    const results: MeasureResult[] = [];
    const meter = serviceCpuMeter({ ticket_core: service.pid });
    for (const measure of measures(rpc, samples)) {
      results.push(await runMeasure(config, measure, log, meter));
    }
    // The echo floor answers with a reply the size of a New view page.
    const page = await rpc.request(c.LIST_VIEW_V1, { actor: samples.agents[0].actor, view: 'new' });
    const floor = await measureEchoFloor(rpc, {
      natsUrl: config.natsUrl,
      namespace: config.namespace,
      concurrency: config.concurrency,
      durationMs: config.measureMs,
      replyBytes: JSON.stringify(page).length,
    });
    log(
      `echo floor (${JSON.stringify(page).length}-byte replies, no work): ${floor.perSecond.toFixed(0)}/s, ` +
        `p50 ${floor.p50.toFixed(1)} ms, p99 ${floor.p99.toFixed(1)} ms`,
    );
    const creation = await measureCreation(
      config,
      nats,
      rpc,
      db,
      seeded.workspaceId,
      samples.customers,
      meter,
    );
    log(
      `create: ${creation.perSecond.toFixed(0)}/s, relay lag p50 ${creation.lagP50.toFixed(1)} ms, ` +
        `p99 ${creation.lagP99.toFixed(1)} ms, ${creation.unsentAtEnd} unsent at the end`,
    );
    log(`  ${cpuLine(creation.cpuMs)}`);
    report(figures(config, seeded, results, creation, floor), results, creation, seeded, floor);
  } finally {
    await service.stop();
    await deleteStreams(nats, config.namespace).catch(() => undefined);
    await nats.onApplicationShutdown();
    await db.end();
  }
}

/** The run's JetStream streams (named after its namespace), so runs leave nothing behind. */
async function deleteStreams(nats: NatsConnection, namespace: string): Promise<void> {
  if (!nats.isConnected) return;
  for await (const stream of nats.jsm.streams.list()) {
    if (stream.config.name.startsWith(namespace)) await nats.jsm.streams.delete(stream.config.name);
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`bench ticket-core failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
