import { performance } from 'node:perf_hooks';

/** One request to time, or undefined when there is no more work (a pool ran out). */
export type NextRequest = (index: number) => (() => Promise<unknown>) | undefined;

export interface LoadOptions {
  concurrency: number;
  durationMs: number;
  /** Upper bound on requests, besides the duration. */
  maxRequests?: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** Error codes (or messages) seen, with how often. */
  errorCodes: Record<string, number>;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Latencies of the successful requests, in ms, sorted. */
  latencies: number[];
}

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : String((error as Error).message ?? error).slice(0, 80);
}

/** Collects latencies and errors of a run, and sums them up at its end. */
function recorder() {
  const latencies: number[] = [];
  const errorCodes: Record<string, number> = {};
  let errors = 0;
  return {
    /** Awaits the request; its latency counts from `from` (a performance.now() time). */
    async time(request: () => Promise<unknown>, from: number): Promise<void> {
      try {
        await request();
        latencies.push(performance.now() - from);
      } catch (error) {
        errors++;
        const code = errorCode(error);
        errorCodes[code] = (errorCodes[code] ?? 0) + 1;
      }
    },
    result(begin: number): LoadResult {
      const seconds = (performance.now() - begin) / 1000;
      latencies.sort((a, b) => a - b);
      return {
        requests: latencies.length + errors,
        errors,
        errorCodes,
        seconds,
        perSecond: latencies.length / seconds,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        max: latencies.at(-1) ?? Number.NaN,
        latencies,
      };
    },
  };
}

/**
 * Runs `concurrency` requesters, each sending its next request as soon as its previous one is
 * answered, until the duration is over, `maxRequests` were started or `next` has no more work.
 */
export async function runLoad(options: LoadOptions, next: NextRequest): Promise<LoadResult> {
  const record = recorder();
  let started = 0;
  const maxRequests = options.maxRequests ?? Number.POSITIVE_INFINITY;
  const begin = performance.now();
  const deadline = begin + options.durationMs;
  const requester = async () => {
    while (performance.now() < deadline && started < maxRequests) {
      const request = next(started++);
      if (!request) return;
      await record.time(request, performance.now());
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, requester));
  return record.result(begin);
}

export interface PacedOptions {
  /** Requests per second, spread evenly over the run. */
  perSecond: number;
  durationMs: number;
  /** At most this many in flight; a request that is due waits for a free requester. */
  concurrency: number;
}

/**
 * An open load: request i is due at i / perSecond from the start, whatever became of the
 * others, and its latency counts from when it was due. So a slow answer shows in the figures
 * instead of slowing the load down, which a closed loop (runLoad) hides: there every requester
 * waits for its answer before it sends again, and p99 measures the queue more than the service.
 */
export async function runPaced(options: PacedOptions, next: NextRequest): Promise<LoadResult> {
  const record = recorder();
  const interval = 1000 / options.perSecond;
  const count = Math.max(1, Math.floor(options.durationMs / interval));
  let started = 0;
  const begin = performance.now();
  const requester = async () => {
    while (started < count) {
      const index = started++;
      const request = next(index);
      if (!request) return;
      const due = begin + index * interval;
      // Timers fire a millisecond late or so: within that, send now. A request sent early is
      // timed from when it was sent; one sent late, from when it was due.
      const early = due - performance.now();
      if (early > 1) await new Promise((done) => setTimeout(done, early));
      await record.time(request, Math.min(due, performance.now()));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, requester));
  return record.result(begin);
}
