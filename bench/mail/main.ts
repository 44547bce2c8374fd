import 'reflect-metadata';
import * as c from '@switchboard/contracts';
import { NatsConnection, NatsRpcClient } from '@switchboard/messaging';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Transporter, createTransport } from 'nodemailer';
import { Client } from 'pg';
import { BenchService } from '../common/bench-service';
import { cpuFigures, cpuLine, serviceCpuMeter } from '../common/cpu-meter';
import { freshDatabase, withClient } from '../ticket-core/database';
import { loadConfig as loadTicketCoreConfig } from '../ticket-core/config';
import { percentile } from '../ticket-core/load';

const log = (line: string) => console.log(`[bench] ${line}`);
const RESULTS = resolve(__dirname, '../../../bench/results');
const MAILBOX = 'support@bench.test';
/** 1 = 5,000 mails per measure. */
const FULL_MAILS = 5_000;
const CONNECTIONS = 8;
const MAIL_BYTES = 10 * 1024;
const TARGET_END_TO_END_PER_S = 200;
const TARGET_SHARE_OF_REFERENCE = 0.5;
const TARGET_P99_MS = 100;

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

/** A 10 KB mail of plain text, as a customer writes it (with a quote below). */
function mailText(index: number): string {
  const line = `Line ${index}: the invoice total does not match the order we placed last week.\n`;
  return line.repeat(Math.ceil(MAIL_BYTES / line.length)).slice(0, MAIL_BYTES);
}

interface SendMeasure {
  mails: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/**
 * A pool of CONNECTIONS connections to one server, kept for the whole run: the warm-up opens
 * them, so the measures time mails, not connection set-ups (whose greeting smtp-server delays
 * by 100 ms to catch clients that talk too soon; `greetingMs` measures that apart).
 */
function pool(port: number): Transporter {
  return createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: CONNECTIONS,
    maxMessages: Infinity,
  });
}

/** Time from connecting until the server's 220 greeting: paid once per connection. */
async function greetingMs(port: number): Promise<number> {
  const begin = performance.now();
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'data');
  const ms = performance.now() - begin;
  socket.end('QUIT\r\n');
  return ms;
}

/**
 * Sends `ids.length` mails over the pool's connections. Closed loop: each connection sends its
 * next mail once the last was answered. Paced (`perSecond`): mail i is due at i / perSecond
 * and its time to 250 counts from when it was due.
 */
async function send(
  transport: Transporter,
  ids: string[],
  perSecond?: number,
): Promise<SendMeasure> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const begin = performance.now();
  const worker = async () => {
    while (next < ids.length) {
      const index = next++;
      let from = performance.now();
      if (perSecond) {
        const due = begin + (index * 1000) / perSecond;
        if (due - from > 1) await new Promise((done) => setTimeout(done, due - from));
        from = Math.min(due, performance.now());
      }
      try {
        await transport.sendMail({
          from: `customer${index % 500}@customers.test`,
          to: MAILBOX,
          subject: `Order ${index}`,
          text: mailText(index),
          messageId: ids[index],
        });
        latencies.push(performance.now() - from);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const seconds = (performance.now() - begin) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    mails: ids.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

const ids = (label: string, count: number) =>
  Array.from({ length: count }, (_, index) => `<${label}.${index}.${Date.now()}@bench.test>`);

async function onTickets(db: Client, label: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ticket_core.messages WHERE mail_message_id LIKE $1`,
    [`<${label}.%`],
  );
  return rows[0].n;
}

/** Seconds from `since` (performance.now()) until all `count` mails of `label` are messages. */
async function untilOnTickets(db: Client, label: string, count: number, since: number) {
  for (;;) {
    if ((await onTickets(db, label)) >= count) return (performance.now() - since) / 1000;
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** The reference server (see reference-server.ts); with a database URL it commits each mail. */
async function startReference(
  databaseUrl?: string,
): Promise<{ port: number; pid: number; stop: () => void }> {
  const script = resolve(__dirname, 'reference-server.js');
  const child = spawn(process.execPath, databaseUrl ? [script, databaseUrl] : [script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((done, fail) => {
    child.stdout!.once('data', (chunk: Buffer) => done(JSON.parse(chunk.toString()).port));
    child.once('exit', () => fail(new Error('the reference server exited')));
  });
  return { port, pid: child.pid ?? 0, stop: () => child.kill('SIGTERM') };
}

const line = (label: string, m: SendMeasure) =>
  `${label}: ${m.mails} mails, ${m.errors} errors, ${m.perSecond.toFixed(0)}/s, ` +
  `time to 250 p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms`;

/**
 * `npm run bench:mail` (BENCH_SCALE=0.1 for a quick run): ticket-core and mail-ingest as their
 * own processes on a fresh database; 10 KB mails over 8 SMTP connections, closed loop and paced
 * at half the closed-loop rate; the time until every mail is a ticket message; and the same
 * load against a bare smtp-server that parses with postal-mime and discards (the reference).
 */
async function main(): Promise<void> {
  const base = loadTicketCoreConfig();
  const databaseName = process.env.BENCH_DATABASE ?? 'switchboard_bench_mail';
  const config = {
    ...base,
    databaseName,
    databaseUrl: base.adminUrl.replace(/\/[^/]*$/, `/${databaseName}`),
    namespace: `benchmail${Date.now().toString(36)}`,
  };
  const mails = Math.max(200, Math.round(FULL_MAILS * config.scale));
  log(`scale ${config.scale}: ${mails} mails of ${MAIL_BYTES} bytes, ${CONNECTIONS} connections`);
  await freshDatabase(config);
  const smtpPort = await freePort();
  const env = {
    DATABASE_URL: config.databaseUrl,
    NATS_URL: config.natsUrl,
    NATS_NAMESPACE: config.namespace,
    SMTP_PORT: String(smtpPort),
    MAIL_AUTH_DNS: 'offline',
    // One client address stands for every sending server here: its per-minute limit (6,000 by
    // default) would answer 450 to the paced phase of a full-scale run.
    SMTP_MAX_MESSAGES_PER_IP_PER_MINUTE: '1000000',
    STORAGE_DIR: mkdtempSync(join(tmpdir(), 'bench-mail-')),
    LOG_LEVEL: 'warn',
  };
  const services: BenchService[] = [];
  const nats = new NatsConnection({
    servers: config.natsUrl,
    namespace: config.namespace,
    name: 'bench-mail',
  });
  const reference = await startReference();
  const committing = await startReference(config.databaseUrl);
  const transports: Transporter[] = [];
  try {
    services.push(await BenchService.start('ticket-core', env));
    services.push(await BenchService.start('mail-ingest', env));
    await nats.connect();
    const rpc = new NatsRpcClient(nats);
    const workspace = await rpc.request(c.CREATE_WORKSPACE_V1, { name: 'Bench', slug: 'bench' });
    await rpc.request(c.UPSERT_MAILBOX_V1, {
      actor: { kind: 'system', workspaceId: workspace.id, teamIds: [] },
      address: MAILBOX,
      name: 'Bench',
    });

    return await withClient(config.databaseUrl, async (db) => {
      log('warm-up');
      const ingest = pool(smtpPort);
      const bare = pool(reference.port);
      const durable = pool(committing.port);
      transports.push(ingest, bare, durable);
      await send(ingest, ids('warm', 200));
      await send(bare, ids('warmref', 200));
      await send(durable, ids('warmcommit', 200));
      await untilOnTickets(db, 'warm', 200, performance.now());

      const meter = serviceCpuMeter({
        ticket_core: services[0].pid,
        mail_ingest: services[1].pid,
      });
      const stopMeter = meter.start();
      const begin = performance.now();
      const closed = await send(ingest, ids('closed', mails));
      log(line('mail-ingest, closed loop', closed));
      const endToEndSeconds = await untilOnTickets(db, 'closed', mails - closed.errors, begin);
      const cpuMs = stopMeter(mails);
      const endToEnd = (mails - closed.errors) / endToEndSeconds;
      log(
        `every mail a ticket message after ${endToEndSeconds.toFixed(2)} s: ${endToEnd.toFixed(0)} mails/s end to end`,
      );
      log(`  ${cpuLine(cpuMs)}`);

      const pacedRate = Math.max(10, Math.round(closed.perSecond / 2));
      const pacedMails = Math.max(100, Math.round(pacedRate * (config.pacedMs / 1000)));
      const paced = await send(ingest, ids('paced', pacedMails), pacedRate);
      log(line(`mail-ingest, paced at ${pacedRate}/s`, paced));
      await untilOnTickets(db, 'paced', pacedMails - paced.errors, performance.now());

      const refMeter = serviceCpuMeter({ reference: reference.pid });
      const stopRef = refMeter.start();
      const ref = await send(bare, ids('ref', mails));
      const refCpu = stopRef(mails);
      log(line('reference (smtp-server + postal-mime, discard)', ref));
      const refPaced = await send(bare, ids('refpaced', pacedMails), pacedRate);
      log(line(`reference, paced at ${pacedRate}/s`, refPaced));
      const commitMeter = serviceCpuMeter({ reference: committing.pid });
      const stopCommit = commitMeter.start();
      const commit = await send(durable, ids('commit', mails));
      const commitCpu = stopCommit(mails);
      log(line('reference committing each mail to PostgreSQL before its 250', commit));
      const greeting = await greetingMs(smtpPort);
      const referenceGreeting = await greetingMs(reference.port);
      log(
        `a new connection's greeting after ${greeting.toFixed(0)} ms (reference ${referenceGreeting.toFixed(0)} ms): once per connection, not in the times to 250`,
      );

      const figures = {
        scale: config.scale,
        mails,
        mail_bytes: MAIL_BYTES,
        connections: CONNECTIONS,
        accepted_per_s: round(closed.perSecond),
        time_to_250_p50_ms: round(closed.p50),
        time_to_250_p99_ms: round(closed.p99),
        errors: closed.errors,
        end_to_end_s: round(endToEndSeconds),
        end_to_end_per_s: round(endToEnd),
        paced_per_s: pacedRate,
        paced_time_to_250_p50_ms: round(paced.p50),
        paced_time_to_250_p99_ms: round(paced.p99),
        reference_per_s: round(ref.perSecond),
        reference_time_to_250_p50_ms: round(ref.p50),
        reference_time_to_250_p99_ms: round(ref.p99),
        reference_paced_p99_ms: round(refPaced.p99),
        greeting_ms: round(greeting),
        reference_greeting_ms: round(referenceGreeting),
        end_to_end_share_of_reference: round(endToEnd / ref.perSecond),
        commit_reference_per_s: round(commit.perSecond),
        commit_reference_time_to_250_p99_ms: round(commit.p99),
        accepted_share_of_commit_reference: round(closed.perSecond / commit.perSecond),
        end_to_end_share_of_commit_reference: round(endToEnd / commit.perSecond),
        ...cpuFigures('mail', cpuMs),
        ...cpuFigures('reference', refCpu),
        ...cpuFigures('commit_reference', commitCpu),
        target_end_to_end_met: endToEnd >= TARGET_END_TO_END_PER_S,
        target_share_met: endToEnd / ref.perSecond >= TARGET_SHARE_OF_REFERENCE,
        target_p99_met: paced.p99 < TARGET_P99_MS,
      };
      const json = JSON.stringify({ bench: 'mail', figures });
      mkdirSync(RESULTS, { recursive: true });
      writeFileSync(resolve(RESULTS, 'mail.json'), `${json}\n`);
      console.log(json);
    });
  } finally {
    for (const transport of transports) transport.close();
    reference.stop();
    committing.stop();
    await nats.onApplicationShutdown().catch(() => undefined);
    for (const service of services.reverse()) await service.stop();
  }
}

const round = (value: number) => Math.round(value * 100) / 100;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
