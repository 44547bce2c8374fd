import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BenchConfig } from '../ticket-core/config';
import { SeedResult } from '../ticket-core/seed';
import { cpuFigures } from '../common/cpu-meter';

const RESULTS = resolve(__dirname, '../../../bench/results');
const RESULTS_MD = resolve(__dirname, '../../../bench/RESULTS.md');
const OVERHEAD_TARGET_MS = 1;
const VIEW_TARGET_PER_S = 2_000;
const VIEW_TARGET_P99_MS = 50;

/** One measure: successful requests' latencies in ms. */
export interface Measured {
  requests: number;
  errors: number;
  errorCodes: Record<string, number>;
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU ms per request, by process group (see CpuMeter). */
  cpuMs?: Record<string, number>;
}

export interface ApiMeasures {
  view: Measured;
  reply: Measured;
  direct: Measured;
  /** The New view one request at a time, alternating gateway and NATS: no queueing. */
  viewAlone: Measured;
  directAlone: Measured;
  /** The median of those pairs' differences: what the gateway adds to one request. */
  overheadP50: number;
  /** The session lookup every access-token request makes, alone (in ms; part of the overhead). */
  sessionCheck: { p50: number; p99: number };
}

const round = (value: number, places = 1) => {
  const factor = 10 ** places;
  return Number.isFinite(value) ? Math.round(value * factor) / factor : -1;
};

export function figures(
  config: BenchConfig,
  seeded: SeedResult,
  { view, reply, direct, viewAlone, directAlone, overheadP50, sessionCheck }: ApiMeasures,
): Record<string, number> {
  return {
    scale: config.scale,
    tickets: seeded.tickets,
    seed_s: round(seeded.seconds),
    connections: config.concurrency,
    view_per_s: round(view.perSecond),
    view_p50_ms: round(view.p50, 2),
    view_p99_ms: round(view.p99, 2),
    view_requests: view.requests,
    view_errors: view.errors,
    reply_per_s: round(reply.perSecond),
    reply_p50_ms: round(reply.p50, 2),
    reply_p99_ms: round(reply.p99, 2),
    reply_requests: reply.requests,
    reply_errors: reply.errors,
    nats_view_per_s: round(direct.perSecond),
    nats_view_p50_ms: round(direct.p50, 2),
    nats_view_p99_ms: round(direct.p99, 2),
    nats_view_requests: direct.requests,
    nats_view_errors: direct.errors,
    gateway_overhead_p50_ms: round(view.p50 - direct.p50, 2),
    view_alone_p50_ms: round(viewAlone.p50, 2),
    view_alone_p99_ms: round(viewAlone.p99, 2),
    nats_view_alone_p50_ms: round(directAlone.p50, 2),
    nats_view_alone_p99_ms: round(directAlone.p99, 2),
    // The gateway's own cost per request: HTTP, auth, validation, the hop to NATS.
    gateway_overhead_alone_p50_ms: round(overheadP50, 2),
    session_check_p50_ms: round(sessionCheck.p50, 3),
    session_check_p99_ms: round(sessionCheck.p99, 3),
    ...cpuFigures('view', view.cpuMs ?? {}),
    ...cpuFigures('nats_view', direct.cpuMs ?? {}),
    ...cpuFigures('reply', reply.cpuMs ?? {}),
  };
}

/**
 * A table for people, then the one JSON line for tools: written to results/api.json and
 * appended, with the date, to RESULTS.md under "api".
 */
export function report(config: BenchConfig, seeded: SeedResult, measures: ApiMeasures): void {
  const out = figures(config, seeded, measures);
  const { view, reply, direct, overheadP50 } = measures;
  const overheadRow = (label: string, overhead: number) => [
    label,
    '',
    '',
    '',
    overhead.toFixed(2),
    '',
    `<= ${OVERHEAD_TARGET_MS} ms`,
    overhead <= OVERHEAD_TARGET_MS ? 'yes' : 'NO',
  ];
  const row = (label: string, m: Measured, target: string, met: boolean) => [
    label,
    String(m.requests),
    String(m.errors),
    m.perSecond.toFixed(0),
    m.p50.toFixed(2),
    m.p99.toFixed(2),
    target,
    met && m.errors === 0 ? 'yes' : 'NO',
  ];
  const rows = [
    ['measure', 'requests', 'errors', 'per s', 'p50 ms', 'p99 ms', 'target', 'met'],
    row(
      'GET /api/v1/views/new',
      view,
      `>= ${VIEW_TARGET_PER_S}/s, p99 < ${VIEW_TARGET_P99_MS}`,
      view.perSecond >= VIEW_TARGET_PER_S && view.p99 < VIEW_TARGET_P99_MS,
    ),
    row('POST /api/v1/tickets/:id/replies', reply, '', true),
    row('LIST_VIEW_V1 over NATS (direct)', direct, '', true),
    overheadRow('gateway overhead, 50 connections (p50)', view.p50 - direct.p50),
    overheadRow('gateway overhead, 1 at a time (p50 of pairs)', overheadP50),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((r) => r[column].length)));
  const format = (r: string[]) =>
    r
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
      )
      .join('  ');
  console.log('');
  console.log(
    `api at scale ${config.scale}: ${seeded.tickets} tickets (seeded in ${seeded.seconds.toFixed(0)} s), ` +
      `${config.concurrency} connections, ${config.measureMs / 1000} s per measure`,
  );
  for (const r of rows) console.log(format(r));
  const json = JSON.stringify({ bench: 'api', figures: out });
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(resolve(RESULTS, 'api.json'), `${json}\n`);
  appendResultsMd(json);
  console.log(json);
}

function appendResultsMd(json: string): void {
  const date = new Date().toISOString().slice(0, 10);
  const text = existsSync(RESULTS_MD) ? readFileSync(RESULTS_MD, 'utf8') : '';
  const heading = /^## api$/m.test(text)
    ? ''
    : '\n## api\n\n`npm run bench:api`: one line per run.\n';
  appendFileSync(RESULTS_MD, `${heading}\n${date}: \`${json}\`\n`);
}
