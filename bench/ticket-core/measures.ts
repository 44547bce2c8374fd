import * as c from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { CpuMeter, cpuLine } from '../common/cpu-meter';
import { BenchConfig } from './config';
import { LoadResult, NextRequest, runLoad, runPaced } from './load';
import { Samples } from './samples';
import { SEARCH_QUERIES } from './seed-text';

export interface Measure {
  key: string;
  label: string;
  /** The p99 target in ms. */
  targetP99: number;
  /** Reads may be warmed up; commands use up their tickets and are not. */
  warmup: boolean;
  next: NextRequest;
}

export interface MeasureResult extends LoadResult {
  measure: Measure;
  /** The same requests from one requester: the service time without queueing. */
  single: LoadResult;
  /** CPU ms per request at full concurrency, by process group. */
  cpuMs: Record<string, number>;
  /** The paced loads tried, highest first; the last met the target if any did. */
  paced: PacedResult[];
}

export interface PacedResult extends LoadResult {
  /** The load it was paced at, in requests per second. */
  pacedAt: number;
  /** Whether p99 met the measure's target, without errors. */
  met: boolean;
}

/** The paced loads tried, as shares of what the closed loop served, highest first. */
const PACED_SHARES = [0.75, 0.5, 0.25, 0.1];

const REQUEST_TIMEOUT_MS = 30_000;

/** The six latency measures, in the order they run (claims last: they empty the New view). */
export function measures(rpc: NatsRpcClient, samples: Samples): Measure[] {
  const send = <S extends c.RequestSubject>(subject: S, payload: c.RequestOf<S>) =>
    rpc.request(subject, payload, { timeoutMs: REQUEST_TIMEOUT_MS });
  const cycle = <T>(items: T[], index: number) => items[index % items.length];
  return [
    {
      key: 'new_view',
      label: 'New view, first page',
      targetP99: 20,
      warmup: true,
      next: (index) => () =>
        send(c.LIST_VIEW_V1, { actor: cycle(samples.agents, index).actor, view: 'new' }),
    },
    {
      key: 'open_view',
      label: 'Open view (agent with open tickets)',
      targetP99: 20,
      warmup: true,
      next: (index) => () =>
        send(c.LIST_VIEW_V1, { actor: cycle(samples.agentsWithOpen, index).actor, view: 'open' }),
    },
    {
      key: 'lookup',
      label: '#number lookup',
      targetP99: 20,
      warmup: true,
      next: (index) => {
        const { number, actor } = cycle(samples.lookups, index);
        return () => send(c.GET_TICKET_BY_NUMBER_V1, { actor, number });
      },
    },
    {
      key: 'search',
      label: `full-text search (${SEARCH_QUERIES.length} queries)`,
      targetP99: 150,
      warmup: true,
      next: (index) => () =>
        send(c.SEARCH_TICKETS_V1, {
          actor: cycle(samples.agents, index).actor,
          text: cycle(SEARCH_QUERIES, index),
        }),
    },
    {
      key: 'reply',
      label: 'reply by the assignee (open tickets)',
      targetP99: 25,
      warmup: false,
      next: (index) => {
        const { ticketId, actor } = cycle(samples.replies, index);
        return () =>
          send(c.REPLY_TICKET_V1, {
            actor,
            ticketId,
            body: `Thanks for waiting: the refund for invoice ${index} is on its way.`,
          });
      },
    },
    {
      key: 'claim',
      label: 'claim (distinct new tickets)',
      targetP99: 25,
      warmup: false,
      next: (index) => {
        const claim = samples.claims[index];
        return claim && (() => send(c.CLAIM_TICKET_V1, claim));
      },
    },
  ];
}

/**
 * Warm-up (reads only), then `concurrency` requesters for the measure's duration, then one
 * requester for a shorter while, then paced loads (runPaced) from the same requesters at falling
 * shares of what the closed loop served, until one meets the target: how much load the service
 * carries within its latency target. Requests are numbered across the runs, so commands never
 * take the same ticket twice.
 */
export async function runMeasure(
  config: BenchConfig,
  measure: Measure,
  log: (line: string) => void,
  meter: CpuMeter,
): Promise<MeasureResult> {
  let issued = 0;
  const next: NextRequest = () => measure.next(issued++);
  const options = { concurrency: config.concurrency, durationMs: config.measureMs };
  if (measure.warmup) await runLoad({ ...options, durationMs: config.warmupMs }, next);
  const stopMeter = meter.start();
  const result = await runLoad(options, next);
  const cpuMs = stopMeter(result.requests);
  const single = await runLoad({ concurrency: 1, durationMs: config.singleMs }, next);
  log(
    `${measure.key}: ${result.requests} requests, ${result.errors} errors, ` +
      `p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms; ` +
      `alone p50 ${single.p50.toFixed(1)} ms, p99 ${single.p99.toFixed(1)} ms` +
      (result.errors + single.errors
        ? ` ${JSON.stringify({ ...result.errorCodes, ...single.errorCodes })}`
        : ''),
  );
  log(`  ${cpuLine(cpuMs)}`);
  const paced = await pacedUntilWithinTarget(config, measure, result.perSecond, next, log);
  return { ...result, measure, single, cpuMs, paced };
}

async function pacedUntilWithinTarget(
  config: BenchConfig,
  measure: Measure,
  closedPerSecond: number,
  next: NextRequest,
  log: (line: string) => void,
): Promise<PacedResult[]> {
  const tried: PacedResult[] = [];
  for (const share of PACED_SHARES) {
    const pacedAt = Math.max(1, Math.round(closedPerSecond * share));
    const run = await runPaced(
      { perSecond: pacedAt, durationMs: config.pacedMs, concurrency: config.concurrency },
      next,
    );
    // Commands stop when their tickets run out (small scales).
    if (run.requests === 0) break;
    const met = run.errors === 0 && run.p99 < measure.targetP99;
    tried.push({ ...run, pacedAt, met });
    log(
      `  paced at ${pacedAt}/s (${share * 100} %): ${run.requests} requests, ` +
        `${run.errors} errors, p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms` +
        (met ? ' (within target)' : ''),
    );
    if (met) break;
  }
  return tried;
}
