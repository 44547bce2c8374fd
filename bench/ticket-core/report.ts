import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BenchConfig } from './config';
import { CreationResult } from './creation';
import { LoadResult } from './load';
import { MeasureResult } from './measures';
import { SeedResult } from './seed';
import { cpuFigures } from '../common/cpu-meter';

const RESULTS = resolve(__dirname, '../../../bench/results');
const CREATE_TARGET_PER_S = 1_000;
const LAG_TARGET_MS = 1_000;

export type Figures = Record<string, number>;

const round = (value: number) => (Number.isFinite(value) ? Math.round(value * 10) / 10 : -1);

export function figures(
  config: BenchConfig,
  seeded: SeedResult,
  results: MeasureResult[],
  creation: CreationResult,
  floor: LoadResult,
): Figures {
  const out: Figures = {
    scale: config.scale,
    tickets: seeded.tickets,
    messages: seeded.messages,
    seed_s: round(seeded.seconds),
  };
  for (const result of results) {
    const key = result.measure.key;
    out[`${key}_p50_ms`] = round(result.p50);
    out[`${key}_p99_ms`] = round(result.p99);
    out[`${key}_per_s`] = round(result.perSecond);
    out[`${key}_requests`] = result.requests;
    out[`${key}_errors`] = result.errors;
    out[`${key}_alone_p50_ms`] = round(result.single.p50);
    out[`${key}_alone_p99_ms`] = round(result.single.p99);
    // -1 when no paced load met the target.
    const within = result.paced.find((paced) => paced.met);
    out[`${key}_within_target_per_s`] = round(within?.pacedAt ?? Number.NaN);
    out[`${key}_within_target_p99_ms`] = round(within?.p99 ?? Number.NaN);
    Object.assign(out, cpuFigures(key, result.cpuMs));
  }
  Object.assign(out, {
    create_per_s: round(creation.perSecond),
    create_p50_ms: round(creation.p50),
    create_p99_ms: round(creation.p99),
    create_requests: creation.requests,
    create_errors: creation.errors,
    create_alone_p50_ms: round(creation.single.p50),
    create_alone_p99_ms: round(creation.single.p99),
    create_alone_per_s: round(creation.single.perSecond),
    ...cpuFigures('create', creation.cpuMs),
    relay_lag_p50_ms: round(creation.lagP50),
    relay_lag_p99_ms: round(creation.lagP99),
    relay_lag_max_ms: round(creation.lagMax),
    relay_events_missing: creation.eventsMissing,
    outbox_unsent_at_end: creation.unsentAtEnd,
    outbox_drain_ms: round(creation.drainMs),
    echo_floor_p50_ms: round(floor.p50),
    echo_floor_p99_ms: round(floor.p99),
    echo_floor_per_s: round(floor.perSecond),
  });
  return out;
}

/** The paced load at which p99 met the target, "<n>/s (p99 <ms>)"; else the lowest one tried. */
function withinTarget(result: MeasureResult): string {
  const within = result.paced.find((paced) => paced.met);
  if (within) return `${within.pacedAt}/s (p99 ${within.p99.toFixed(1)})`;
  const lowest = result.paced.at(-1);
  return lowest ? `not at ${lowest.pacedAt}/s` : 'not measured';
}

/** A small table for people, then the one JSON line for tools (also written to results/). */
export function report(
  out: Figures,
  results: MeasureResult[],
  creation: CreationResult,
  seeded: SeedResult,
  floor: LoadResult,
): void {
  const rows = [
    [
      'measure',
      'requests',
      'errors',
      'per s',
      'p50 ms',
      'p99 ms',
      'alone p50',
      'alone p99',
      'target',
      'met',
      'target met up to',
    ],
    ...results.map((result) => [
      result.measure.label,
      String(result.requests),
      String(result.errors),
      result.perSecond.toFixed(0),
      result.p50.toFixed(1),
      result.p99.toFixed(1),
      result.single.p50.toFixed(1),
      result.single.p99.toFixed(1),
      `p99 < ${result.measure.targetP99}`,
      result.p99 < result.measure.targetP99 && result.errors === 0 ? 'yes' : 'NO',
      withinTarget(result),
    ]),
    [
      'create (system actor)',
      String(creation.requests),
      String(creation.errors),
      creation.perSecond.toFixed(0),
      creation.p50.toFixed(1),
      creation.p99.toFixed(1),
      creation.single.p50.toFixed(1),
      creation.single.p99.toFixed(1),
      `>= ${CREATE_TARGET_PER_S}/s`,
      creation.perSecond >= CREATE_TARGET_PER_S ? 'yes' : 'NO',
      '',
    ],
    [
      'outbox relay lag',
      String(creation.requests - creation.eventsMissing),
      String(creation.eventsMissing),
      '',
      creation.lagP50.toFixed(1),
      creation.lagP99.toFixed(1),
      '',
      '',
      `p99 < ${LAG_TARGET_MS}`,
      creation.lagP99 < LAG_TARGET_MS && creation.eventsMissing === 0 ? 'yes' : 'NO',
      '',
    ],
    [
      'echo floor (no work; not a target)',
      String(floor.requests),
      String(floor.errors),
      floor.perSecond.toFixed(0),
      floor.p50.toFixed(1),
      floor.p99.toFixed(1),
      '',
      '',
      '',
      '',
      '',
    ],
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
      )
      .join('  ');
  console.log('');
  console.log(
    `ticket-core at scale ${out.scale}: ${out.tickets} tickets, ${out.messages} messages, ` +
      `seeded in ${seeded.seconds.toFixed(0)} s`,
  );
  for (const row of rows) console.log(line(row));
  console.log(
    `outbox: ${creation.unsentAtEnd} unsent when creation stopped, empty after ${creation.drainMs.toFixed(0)} ms`,
  );
  const json = JSON.stringify({ bench: 'ticket-core', figures: out });
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(resolve(RESULTS, 'ticket-core.json'), `${json}\n`);
  console.log(json);
}
