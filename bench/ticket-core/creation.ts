import * as c from '@switchboard/contracts';
import { NatsConnection, NatsRpcClient } from '@switchboard/messaging';
import { Client } from 'pg';
import { performance } from 'node:perf_hooks';
import { CpuMeter } from '../common/cpu-meter';
import { BenchConfig } from './config';
import { LoadResult, NextRequest, percentile, runLoad } from './load';
import { LABELS, bodies, subjects } from './seed-text';

export interface CreationResult extends LoadResult {
  /** Creation from one requester: how long one creation holds the workspace's counter. */
  single: LoadResult;
  /** Reply-to-event times of the created tickets whose event arrived, sorted, in ms. */
  lagP50: number;
  lagP99: number;
  lagMax: number;
  /** Created tickets whose event had not arrived when the wait ended. */
  eventsMissing: number;
  /** Unsent outbox rows when the last creation was answered. */
  unsentAtEnd: number;
  /** From the last answer until the outbox was empty, in ms. */
  drainMs: number;
  /** CPU ms per created ticket, the relay's publishing until the outbox drained included. */
  cpuMs: Record<string, number>;
}

const DRAIN_TIMEOUT_MS = 60_000;

/**
 * Sustained creation by the system actor (as mail-ingest and the chat gateway create tickets),
 * and the outbox relay's lag: from a creation's reply to its `ticket.created` event arriving on
 * a plain NATS subscription (JetStream publishes reach core subscribers too).
 */
export async function measureCreation(
  config: BenchConfig,
  nats: NatsConnection,
  rpc: NatsRpcClient,
  db: Client,
  workspaceId: string,
  customers: number,
  meter: CpuMeter,
): Promise<CreationResult> {
  const answered = new Map<string, number>();
  const published = new Map<string, number>();
  const subscription = nats.client.subscribe(nats.subject(c.TICKET_CREATED_V1), {
    callback: (error, message) => {
      if (error) return;
      const at = performance.now();
      const ticketId = message.json<{ data?: { ticketId?: string } }>().data?.ticketId;
      if (ticketId) published.set(ticketId, at);
    },
  });
  await nats.client.flush();
  const system: c.Actor = { kind: 'system', workspaceId, teamIds: [] };
  const subjectTexts = subjects();
  const bodyTexts = bodies();
  const next: NextRequest = (index) => {
    // Nine in ten from known customers, the rest from new addresses.
    const known = index % 10 !== 0;
    const email = known
      ? `customer${1 + Math.floor(Math.random() * customers)}@example.com`
      : `new-${config.namespace}-${index}@example.org`;
    const command: c.CreateTicketV1 = {
      actor: system,
      channel: index % 3 === 0 ? 'chat' : 'mail',
      subject: subjectTexts[index % subjectTexts.length],
      body: bodyTexts[(index * 7) % bodyTexts.length],
      customer: { email, name: known ? undefined : `New Customer ${index}` },
      labels: index % 4 === 0 ? [LABELS[index % LABELS.length]] : undefined,
    };
    return async () => {
      const ticket = await rpc.request(c.CREATE_TICKET_V1, command, { timeoutMs: 30_000 });
      answered.set(ticket.id, performance.now());
    };
  };
  let issued = 0;
  const numbered: NextRequest = () => next(issued++);
  const single = await runLoad({ concurrency: 1, durationMs: config.singleMs }, numbered);
  await drain(db, answered, published);
  answered.clear();
  const stopMeter = meter.start();
  const result = await runLoad(
    { concurrency: config.concurrency, durationMs: config.createMs },
    numbered,
  );
  const unsentAtEnd = await unsent(db);
  const drainMs = await drain(db, answered, published);
  const cpuMs = stopMeter(result.requests);
  subscription.unsubscribe();
  const lags: number[] = [];
  for (const [ticketId, at] of answered) {
    const arrived = published.get(ticketId);
    // An event may overtake the reply (the relay polls as soon as the row commits): lag 0.
    if (arrived !== undefined) lags.push(Math.max(0, arrived - at));
  }
  lags.sort((a, b) => a - b);
  return {
    ...result,
    single,
    lagP50: percentile(lags, 50),
    lagP99: percentile(lags, 99),
    lagMax: lags.at(-1) ?? Number.NaN,
    eventsMissing: answered.size - lags.length,
    unsentAtEnd,
    drainMs,
    cpuMs,
  };
}

/** Waits until the outbox is empty and every answered creation's event arrived; answers ms. */
async function drain(
  db: Client,
  answered: Map<string, number>,
  published: Map<string, number>,
): Promise<number> {
  const began = performance.now();
  while (performance.now() - began < DRAIN_TIMEOUT_MS) {
    if ((await unsent(db)) === 0 && [...answered.keys()].every((id) => published.has(id))) {
      return performance.now() - began;
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  return Number.NaN;
}

async function unsent(db: Client): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`,
  );
  return rows[0].n;
}
