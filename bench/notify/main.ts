import 'reflect-metadata';
import * as c from '@switchboard/contracts';
import { NatsConnection, NatsRpcClient } from '@switchboard/messaging';
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createTransport } from 'nodemailer';
import { Client } from 'pg';
import { migrateAll } from '../../tools/migrate';
import { BenchService } from '../common/bench-service';
import { cpuFigures, cpuLine, serviceCpuMeter } from '../common/cpu-meter';
import { BenchSink } from './sink';

const log = (line: string) => console.log(`[bench] ${line}`);
const RESULTS = resolve(__dirname, '../../../bench/results');

/** 1 = 5,000 reply events. */
const FULL_EVENTS = 5_000;
const POOL_SIZE = 5;
/** The outbox relay's batch (OUTBOX_BATCH_SIZE): how many publishes it has in flight at once. */
const RELAY_BATCH = 200;
const TARGET_PER_S = 300;
const TARGET_SHARE = 0.5;
const TARGET_P99_MS = 2_000;
/** The paced phase's rate: the throughput target, events written on a fixed schedule. */
const PACED_PER_S = Number(process.env.BENCH_NOTIFY_RATE ?? TARGET_PER_S);

function scale(): number {
  const value = Number(process.env.BENCH_SCALE ?? 1);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error('BENCH_SCALE must be a positive number');
  return value;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const body = (i: number) =>
  `Thanks for waiting: here is what we found (bench-${i}-marker).\n` + 'Some words. '.repeat(40);

/**
 * `npm run bench:notify` (BENCH_SCALE=0.1 for a quick run): ticket-core and notification as
 * their own processes, a workspace with a ticket per 50 replies, then 5,000 × BENCH_SCALE
 * reply events written to JetStream as ticket-core's outbox relay writes them, twice: first as
 * fast as they go (the capacity: emails per second from the first event written to the last
 * mail accepted, a backlog's lag), then paced at the target rate (BENCH_NOTIFY_RATE, 300/s: the
 * lag target holds there, open loop). Measured at an SMTP sink (smtp-server): each mail's lag
 * from its event written to its 250. Reference, in the same run and to the same sink:
 * nodemailer's pool (as many connections) sending the same number of mails straight, just before
 * and just after the capacity run (the share is of the mean).
 */
async function main(): Promise<void> {
  const events = Math.max(100, Math.round(FULL_EVENTS * scale()));
  const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseName = process.env.BENCH_DATABASE ?? 'switchboard_bench_notify';
  const databaseUrl = adminUrl.replace(/\/[^/]*$/, `/${databaseName}`);
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const namespace = `benchnotify${Date.now().toString(36)}`;
  log(`${events} reply events, database ${databaseName}, namespace ${namespace}`);

  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${databaseName}"`);
  await admin.end();
  await migrateAll(databaseUrl);

  const sink = await new BenchSink().start();
  const referenceBefore = await referenceRun(sink.port, events);
  log(
    `reference (nodemailer pool straight to the sink): ${referenceBefore.perSecond.toFixed(0)} emails/s`,
  );
  sink.accepted.length = 0;

  const env = {
    DATABASE_URL: databaseUrl,
    NATS_URL: natsUrl,
    NATS_NAMESPACE: namespace,
    LOG_LEVEL: 'warn',
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    SMTP_POOL_SIZE: String(POOL_SIZE),
  };
  const ticketCore = await BenchService.start('ticket-core', env);
  const notification = await BenchService.start('notification', env);
  const nats = new NatsConnection({ servers: natsUrl, namespace, name: 'bench-notify' });
  await nats.connect();
  const rpc = new NatsRpcClient(nats);
  try {
    const workspace = await rpc.request(c.CREATE_WORKSPACE_V1, { name: 'Bench', slug: 'bench' });
    const system: c.Actor = { kind: 'system', workspaceId: workspace.id, teamIds: [] };
    const agent = await rpc.request(c.UPSERT_AGENT_V1, {
      actor: system,
      name: 'Bench Agent',
      email: 'agent@bench.test',
      role: 'admin',
      teamIds: [],
    });
    const tickets: c.TicketSummaryV1[] = [];
    for (let i = 0; i < Math.ceil(events / 50); i += 1) {
      tickets.push(
        await rpc.request(c.CREATE_TICKET_V1, {
          actor: system,
          channel: 'web',
          subject: `Bench ticket ${i}`,
          body: 'Help',
          customer: { email: `customer${i}@bench.test`, name: `Customer ${i}` },
        }),
      );
    }
    const details = await Promise.all(
      tickets.map((ticket) => rpc.request(c.GET_TICKET_V1, { actor: system, ticketId: ticket.id })),
    );
    // The replies' messages exist only in the events: ticket-core answers each delivery report
    // NOT_FOUND, after the same lookup a real report costs.
    const messages = await Promise.all(
      Array.from({ length: 2 * events }, async (_, i) => ({
        id: randomUUID(),
        visibility: 'public' as const,
        authorKind: 'agent' as const,
        authorId: agent.id,
        authorName: 'Bench Agent',
        bodyText: body(i),
        bodyHtml: null,
        attachments: [],
        mail: null,
        createdAt: new Date().toISOString(),
      })),
    );
    const meter = serviceCpuMeter({
      notification: notification.pid,
      'ticket-core': ticketCore.pid,
    });
    const cpu = meter.start();
    const writtenAt: number[] = [];
    const publish = (i: number) => {
      const event = replyEvent(i);
      writtenAt[i] = performance.now();
      return nats.js.publish(nats.subject(c.TICKET_MESSAGE_ADDED_V1), JSON.stringify(event), {
        msgID: event.id,
      });
    };
    /**
     * Writes events [from, from + count): as the outbox relay writes a backlog (RELAY_BATCH at a
     * time, each batch's publishes in flight together), or one every 1000/rate ms.
     */
    const writeEvents = async (from: number, count: number, ratePerS?: number) => {
      const begun = performance.now();
      if (!ratePerS) {
        for (let i = from; i < from + count; i += RELAY_BATCH) {
          const batch = Array.from(
            { length: Math.min(RELAY_BATCH, from + count - i) },
            (_, k) => i + k,
          );
          await Promise.all(batch.map(publish));
        }
        return begun;
      }
      for (let i = from; i < from + count; i += 1) {
        const due = begun + ((i - from) * 1000) / ratePerS;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((done) => setTimeout(done, wait));
        await publish(i);
      }
      return begun;
    };
    const replyEvent = (i: number): c.EventEnvelope<c.TicketMessageAddedV1> => {
      const detail = details[i % details.length];
      const ticket: c.TicketSnapshotV1 = {
        id: detail.id,
        number: detail.number,
        channel: detail.channel,
        subject: detail.subject,
        status: 'open',
        priority: detail.priority,
        teamId: null,
        assigneeId: agent.id,
        customerId: detail.customer.id,
        customerName: detail.customer.name,
        customerEmail: detail.customer.email,
        labels: [],
        participantIds: [],
        publicToken: detail.publicToken,
        remindAt: null,
        autoSolveAt: null,
      };
      return {
        id: randomUUID(),
        type: c.TICKET_MESSAGE_ADDED_V1,
        occurredAt: new Date().toISOString(),
        correlationId: randomUUID(),
        workspaceId: workspace.id,
        data: {
          ticketId: ticket.id,
          number: ticket.number,
          actorKind: 'agent',
          actorId: agent.id,
          ticket,
          message: messages[i],
        },
      };
    };
    /** Waits until the sink holds `total` mails; the lags of events [from, to). */
    const drain = async (total: number, from: number, to: number) => {
      const deadline = Date.now() + 10 * 60_000;
      while (sink.accepted.length < total && Date.now() < deadline) {
        await new Promise((done) => setTimeout(done, 20));
      }
      const mine = sink.accepted.filter((mail) => mail.event >= from && mail.event < to);
      return {
        finished: Math.max(...mine.map((mail) => mail.at)),
        lags: mine.map((mail) => mail.at - writtenAt[mail.event]).sort((a, b) => a - b),
      };
    };

    // Capacity: every event at once, a backlog the sender works off.
    const started = await writeEvents(0, events);
    const written = performance.now();
    const burst = await drain(events, 0, events);
    const cpuMs = cpu(sink.accepted.length);
    const perSecond = (sink.accepted.length * 1000) / (burst.finished - started);
    log(`capacity: ${perSecond.toFixed(0)} emails/s`);
    // The reference again, right after the capacity run it is compared with: this machine's
    // speed drifts by a fifth within a minute, and the mean of a run just before and one just
    // after is fairer to both than either alone. (Its mails are not the services'.)
    const ownMails = sink.accepted.length;
    const referenceAfter = await referenceRun(sink.port, events);
    sink.accepted.length = ownMails;
    const reference = { perSecond: (referenceBefore.perSecond + referenceAfter.perSecond) / 2 };
    log(`reference again: ${referenceAfter.perSecond.toFixed(0)} emails/s`);
    log(`now ${events} events at ${PACED_PER_S}/s`);
    // Latency: the same number of events on a fixed schedule (open loop).
    const pacedStarted = await writeEvents(events, events, PACED_PER_S);
    const paced = await drain(2 * events, events, 2 * events);
    const pacedPerSecond = (paced.lags.length * 1000) / (paced.finished - pacedStarted);
    const lags = burst.lags;
    const duplicates = sink.accepted.length - new Set(sink.accepted.map((m) => m.messageId)).size;
    const accepted = sink.accepted.length;
    const figures = {
      events: 2 * events,
      emails_accepted: accepted,
      duplicates,
      emails_per_s: Math.round(perSecond),
      reference_emails_per_s: Math.round(reference.perSecond),
      reference_before_after: [
        Math.round(referenceBefore.perSecond),
        Math.round(referenceAfter.perSecond),
      ],
      share_of_reference: Math.round((perSecond / reference.perSecond) * 100) / 100,
      events_written_per_s: Math.round((events * 1000) / (written - started)),
      backlog_lag_p50_ms: Math.round(percentile(lags, 50)),
      backlog_lag_p99_ms: Math.round(percentile(lags, 99)),
      paced_rate_per_s: PACED_PER_S,
      paced_emails_per_s: Math.round(pacedPerSecond),
      lag_p50_ms: Math.round(percentile(paced.lags, 50)),
      lag_p99_ms: Math.round(percentile(paced.lags, 99)),
      lag_max_ms: Math.round(paced.lags.at(-1) ?? Number.NaN),
      pool_connections: POOL_SIZE,
      ...cpuFigures('mail', cpuMs),
    };
    log(cpuLine(cpuMs));
    const met = (ok: boolean) => (ok ? 'yes' : 'NO');
    console.log('');
    console.log(`notify: ${events} reply events, ${POOL_SIZE} SMTP connections`);
    console.log(
      `  emails/s to the sink    ${figures.emails_per_s}  (target >= ${TARGET_PER_S}: ${met(perSecond >= TARGET_PER_S)})`,
    );
    console.log(
      `  reference (nodemailer)  ${figures.reference_emails_per_s}  (share ${figures.share_of_reference}, target >= ${TARGET_SHARE}: ${met(figures.share_of_reference >= TARGET_SHARE)})`,
    );
    console.log(
      `  lag p50 / p99 at ${PACED_PER_S}/s ${figures.lag_p50_ms} / ${figures.lag_p99_ms} ms  (p99 target < ${TARGET_P99_MS}: ${met(figures.lag_p99_ms < TARGET_P99_MS)})`,
    );
    const json = JSON.stringify({ bench: 'notify', figures });
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(resolve(RESULTS, 'notify.json'), `${json}\n`);
    console.log(json);
  } finally {
    await nats.onApplicationShutdown();
    await notification.stop();
    await ticketCore.stop();
    await sink.stop();
  }
}

/** nodemailer's pool sending `count` mails like notification's straight to the sink. */
async function referenceRun(port: number, count: number): Promise<{ perSecond: number }> {
  const transport = createTransport({
    pool: true,
    host: '127.0.0.1',
    port,
    secure: false,
    maxConnections: POOL_SIZE,
    maxMessages: 1000,
  });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      transport.sendMail({
        from: { name: 'Bench', address: 'support@switchboard.localhost' },
        to: `customer${i % 100}@bench.test`,
        replyTo: 'support+r1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@switchboard.localhost',
        subject: `Re: Bench ticket ${i % 100} [#${i}]`,
        text: `Hello Customer,\n\n${body(-1)}\n\nBench Agent`,
        html: `<p>Hello Customer,</p><div>${body(-1)}</div><p>Bench Agent</p>`,
        messageId: `<${randomUUID()}@switchboard.localhost>`,
      }),
    ),
  );
  const perSecond = (count * 1000) / (performance.now() - started);
  transport.close();
  return { perSecond };
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
