import 'reflect-metadata';
import autocannon from 'autocannon';
import * as c from '@switchboard/contracts';
import { NatsConnection, NatsRpcClient } from '@switchboard/messaging';
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';
import { BenchConfig, loadConfig as loadTicketCoreConfig } from '../ticket-core/config';
import { connectBench, freshDatabase } from '../ticket-core/database';
import { LoadResult, percentile, runLoad } from '../ticket-core/load';
import { seed } from '../ticket-core/seed';
import { Measured, report } from './report';
import { benchAgent, benchLogin } from '../common/bench-agent';
import { BenchService } from '../common/bench-service';
import { cpuLine, serviceCpuMeter } from '../common/cpu-meter';

const log = (line: string) => console.log(`[bench] ${line}`);

/** 1 = 100,000 tickets (a tenth of the ticket-core benchmark's full size). */
const FULL_TICKETS = 100_000;
const FULL_CUSTOMERS = 10_000;
const PASSWORD = 'bench-api correct horse battery staple';
/** Open tickets handed to the benchmark's agent for its replies. */
const REPLY_TICKETS = 5_000;
const REQUEST_TIMEOUT_MS = 30_000;

/** The ticket-core benchmark's configuration (BENCH_SCALE etc.) at this benchmark's size. */
function loadConfig(): BenchConfig {
  const base = loadTicketCoreConfig();
  const databaseName = process.env.BENCH_DATABASE ?? 'switchboard_bench_api';
  return {
    ...base,
    tickets: Math.max(1_000, Math.round(FULL_TICKETS * base.scale)),
    customers: Math.max(1_000, Math.round(FULL_CUSTOMERS * base.scale)),
    extraNewTickets: 0,
    databaseName,
    databaseUrl: base.adminUrl.replace(/\/[^/]*$/, `/${databaseName}`),
    namespace: `benchapi${Date.now().toString(36)}`,
  };
}

/**
 * `npm run bench:api` (BENCH_SCALE=0.1 for a quick run): seeds a workspace with the ticket-core
 * benchmark's bulk SQL, starts ticket-core and api-gateway as their own processes, logs an agent
 * in and loads the REST API with autocannon; the same New view is also asked of ticket-core over
 * NATS directly, so the difference of the medians is what the gateway adds.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  log(
    `scale ${config.scale}: ${config.tickets} tickets, ${config.customers} customers, ` +
      `database ${config.databaseName}, namespace ${config.namespace}`,
  );
  await freshDatabase(config);
  const seeded = await seed(config, log);
  log(`seeded ${seeded.tickets} tickets in ${seeded.seconds.toFixed(1)} s`);

  const env = {
    DATABASE_URL: config.databaseUrl,
    NATS_URL: config.natsUrl,
    NATS_NAMESPACE: config.namespace,
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
  };
  const services: BenchService[] = [];
  const nats = new NatsConnection({
    servers: config.natsUrl,
    namespace: config.namespace,
    name: 'bench-api',
  });
  const db = await connectBench(config);
  try {
    services.push(await BenchService.start('ticket-core', env));
    services.push(await BenchService.start('api-gateway', env));
    const gateway = services[1];
    for (const service of services)
      log(`${service.app} on :${service.port} (log ${service.logFile})`);
    await nats.connect();
    const rpc = new NatsRpcClient(nats);

    // The agent: in the first team, like the seeded agents; replies on open tickets it holds.
    const {
      rows: [team],
    } = await db.query<{ id: string }>(
      `SELECT t.id FROM teams t WHERE t.workspace_id = $1 ORDER BY t.name LIMIT 1`,
      [seeded.workspaceId],
    );
    const system: c.Actor = { kind: 'system', workspaceId: seeded.workspaceId, teamIds: [] };
    const email = 'bench-api@bench.test';
    const agent = await benchAgent(
      rpc,
      system,
      { name: 'Bench API', email, teamIds: [team.id] },
      PASSWORD,
    );
    const { rows: held } = await db.query<{ id: string }>(
      `UPDATE tickets SET assignee_id = $2
        WHERE id IN (SELECT id FROM tickets
                      WHERE workspace_id = $1 AND status = 'open' AND deleted_at IS NULL
                        AND (team_id = $3 OR team_id IS NULL)
                      ORDER BY random() LIMIT $4)
        RETURNING id`,
      [seeded.workspaceId, agent.id, team.id, REPLY_TICKETS],
    );
    if (held.length === 0) throw new Error('no open tickets to hand to the agent');
    // Handing out those tickets touched pages all over the table and cleared their bits in the
    // visibility map, so every index-only scan of a view would read the table too until
    // autovacuum comes round (measured: 1.14 against 0.70 ms of PostgreSQL per view). Vacuum
    // now, as the seed does, so the measures do not depend on autovacuum's timing.
    await db.query('VACUUM (ANALYZE) tickets');
    const token = await benchLogin(gateway.url, email, PASSWORD);
    log(`agent ${agent.id} logged in; holds ${held.length} open tickets`);

    const meter = serviceCpuMeter({ gateway: gateway.pid, ticket_core: services[0].pid });
    /** A measure with the CPU time each process spent per request during it. */
    const metered = async (run: () => Promise<Measured>): Promise<Measured> => {
      const stop = meter.start();
      const measured = await run();
      const cpuMs = stop(measured.requests);
      log(`  ${cpuLine(cpuMs)}`);
      return { ...measured, cpuMs };
    };

    const headers = { authorization: `Bearer ${token}` };
    const seconds = config.measureMs / 1000;
    const actor: c.Actor = {
      kind: 'agent',
      workspaceId: seeded.workspaceId,
      agentId: agent.id,
      role: 'agent',
      teamIds: [team.id],
    };
    const viewOverNats = () =>
      rpc.request(c.LIST_VIEW_V1, { actor, view: 'new' }, { timeoutMs: REQUEST_TIMEOUT_MS });
    const natsLoad = (durationMs: number, concurrency = config.concurrency) =>
      runLoad({ concurrency, durationMs }, () => viewOverNats);
    const viewOverHttp = (durationS: number, connections = config.concurrency) =>
      cannon({
        url: gateway.url,
        connections,
        duration: durationS,
        requests: [{ method: 'GET', path: '/api/v1/views/new', headers }],
      });

    log('warm-up');
    await viewOverHttp(config.warmupMs / 1000);
    await natsLoad(config.warmupMs);

    const view = await metered(async () => {
      const measured = await viewOverHttp(seconds);
      log(line('GET /api/v1/views/new', measured));
      return measured;
    });
    const direct = await metered(async () => {
      const measured = fromLoad(await natsLoad(config.measureMs));
      log(line('LIST_VIEW_V1 over NATS', measured));
      return measured;
    });
    // One at a time: at 50 connections both paths queue, which hides the gateway's own cost.
    const {
      viaGateway: viewAlone,
      direct: directAlone,
      overheadP50,
    } = await pairedAlone(
      config.measureMs,
      () => getOverHttp(gateway.url, '/api/v1/views/new', headers),
      viewOverNats,
    );
    log(line('GET /api/v1/views/new, 1 at a time', viewAlone));
    log(line('LIST_VIEW_V1 over NATS, 1 at a time', directAlone));
    log(`gateway overhead, paired p50: ${overheadP50.toFixed(2)} ms`);

    // What checking the session costs each request (logging out takes effect at once): the
    // gateway's own lookup, one at a time, on the session the benchmark's agent signed in with.
    const sid = (
      JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
        sid: string;
      }
    ).sid;
    const checks: number[] = [];
    for (let index = 0; index < 2_000; index++) {
      const started = performance.now();
      const { rows } = await db.query(
        'SELECT 1 FROM gateway.sessions WHERE id = $1 AND revoked_at IS NULL',
        [sid],
      );
      checks.push(performance.now() - started);
      if (rows.length !== 1) throw new Error('the benchmark agent has no live session');
    }
    checks.sort((a, b) => a - b);
    const sessionCheck = { p50: percentile(checks, 50), p99: percentile(checks, 99) };
    log(
      `session check: p50 ${sessionCheck.p50.toFixed(3)} ms, p99 ${sessionCheck.p99.toFixed(3)} ms`,
    );

    let replyIndex = 0;
    const replyOverHttp = () =>
      cannon({
        url: gateway.url,
        connections: config.concurrency,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            setupRequest: (request) => {
              const index = replyIndex++;
              return {
                ...request,
                path: `/api/v1/tickets/${held[index % held.length].id}/replies`,
                body: JSON.stringify({
                  body: `Thanks for waiting: the refund for invoice ${index} is on its way.`,
                }),
              };
            },
          },
        ],
      });
    const reply = await metered(async () => {
      const measured = await replyOverHttp();
      log(line('POST /api/v1/tickets/:id/replies', measured));
      return measured;
    });

    report(config, seeded, {
      view,
      reply,
      direct,
      viewAlone,
      directAlone,
      overheadP50,
      sessionCheck,
    });
  } finally {
    for (const service of services.reverse()) await service.stop();
    await deleteStreams(nats, config.namespace).catch(() => undefined);
    await nats.onApplicationShutdown();
    await db.end();
  }
}

/**
 * An autocannon run; the latencies are taken per response (autocannon's own histogram rounds
 * to whole milliseconds, too coarse for the gateway's overhead). Non-2xx answers are errors.
 */
async function cannon(options: autocannon.Options): Promise<Measured> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const begin = performance.now();
  const instance = autocannon({ timeout: REQUEST_TIMEOUT_MS / 1000, ...options });
  instance.on('response', (_client, status, _bytes, ms) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await instance;
  const seconds = (performance.now() - begin) / 1000;
  latencies.sort((a, b) => a - b);
  const errors = result.errors + result.timeouts + result.non2xx;
  return {
    requests: latencies.length + errors,
    errors,
    errorCodes: Object.fromEntries(
      Object.entries(statuses).filter(([status]) => status[0] !== '2'),
    ),
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** One GET over a kept-alive connection; rejects unless it answers 200. */
function getOverHttp(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
): Promise<void> {
  return new Promise((done, fail) => {
    const request = http.get(`${baseUrl}${path}`, { agent: keepAlive, headers }, (response) => {
      response.on('data', () => undefined);
      response.on('end', () =>
        response.statusCode === 200
          ? done()
          : fail(new Error(`GET ${path}: ${response.statusCode}`)),
      );
    });
    request.on('error', fail);
  });
}

/**
 * The same request through the gateway and directly over NATS, one at a time and alternating
 * (which goes first alternates too), so both see the machine at the same moment: its speed
 * changes several-fold over minutes, more than the gateway's cost. The overhead is the median
 * of the pairs' differences.
 */
async function pairedAlone(
  durationMs: number,
  viaGateway: () => Promise<unknown>,
  direct: () => Promise<unknown>,
): Promise<{ viaGateway: Measured; direct: Measured; overheadP50: number }> {
  const timed = async (send: () => Promise<unknown>) => {
    const begin = performance.now();
    await send();
    return performance.now() - begin;
  };
  const gatewayMs: number[] = [];
  const directMs: number[] = [];
  const differences: number[] = [];
  const begin = performance.now();
  for (let pair = 0; performance.now() - begin < durationMs; pair++) {
    let gateway: number;
    let nats: number;
    if (pair % 2 === 0) {
      gateway = await timed(viaGateway);
      nats = await timed(direct);
    } else {
      nats = await timed(direct);
      gateway = await timed(viaGateway);
    }
    gatewayMs.push(gateway);
    directMs.push(nats);
    differences.push(gateway - nats);
  }
  const seconds = (performance.now() - begin) / 1000;
  const measured = (latencies: number[]): Measured => {
    latencies.sort((a, b) => a - b);
    return {
      requests: latencies.length,
      errors: 0,
      errorCodes: {},
      perSecond: latencies.length / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    };
  };
  differences.sort((a, b) => a - b);
  return {
    viaGateway: measured(gatewayMs),
    direct: measured(directMs),
    overheadP50: percentile(differences, 50),
  };
}

function fromLoad(result: LoadResult): Measured {
  const { requests, errors, errorCodes, perSecond, p50, p99 } = result;
  return { requests, errors, errorCodes, perSecond, p50, p99 };
}

function line(label: string, measured: Measured): string {
  return (
    `${label}: ${measured.requests} requests, ${measured.errors} errors, ` +
    `${measured.perSecond.toFixed(0)}/s, p50 ${measured.p50.toFixed(2)} ms, p99 ${measured.p99.toFixed(2)} ms` +
    (measured.errors ? ` ${JSON.stringify(measured.errorCodes)}` : '')
  );
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
    console.error(`bench api failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
