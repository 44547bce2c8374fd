import { readFileSync, readdirSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in ticks of 1/100 s on every common platform. */
const TICKS_PER_S = 100;

/** Which processes a share of the CPU is counted for: their ids, looked up at each reading. */
export type ProcessGroup = () => number[];

/**
 * The CPU time (user + system, all threads) one process and its exited children have used so
 * far, in ms; 0 if gone. The children count because a PostgreSQL backend or autovacuum worker
 * that exits during a measure takes its time with it: its parent, the postmaster, inherits it
 * (without that a measure could come out negative).
 */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime
    const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    return (ticks * 1000) / TICKS_PER_S;
  } catch {
    return 0;
  }
}

/** Every running process whose command name is `name` (e.g. all of PostgreSQL's backends). */
export function processesNamed(name: string): ProcessGroup {
  return () => {
    const pids: number[] = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
      } catch {
        // exited while we looked
      }
    }
    return pids;
  };
}

/**
 * Where the machine's CPU goes during a measure: each group's CPU time divided by the requests
 * served, so a figure says what one request costs and the sum says how many requests per second
 * two cores can serve at best. Reads /proc; elsewhere every share is NaN.
 */
export class CpuMeter {
  constructor(private readonly groups: Record<string, ProcessGroup>) {}

  /** Starts counting; the function it answers gives each group's CPU ms per request since. */
  start(): (requests: number) => Record<string, number> {
    const before = this.read();
    return (requests) => {
      const after = this.read();
      return Object.fromEntries(
        Object.keys(this.groups).map((label) => {
          const used = after[label] - before[label];
          return [label, requests > 0 && Number.isFinite(used) ? used / requests : Number.NaN];
        }),
      );
    };
  }

  private read(): Record<string, number> {
    const readable = process.platform === 'linux';
    return Object.fromEntries(
      Object.entries(this.groups).map(([label, group]) => [
        label,
        readable ? group().reduce((sum, pid) => sum + cpuMsOf(pid), 0) : Number.NaN,
      ]),
    );
  }
}

/** The groups both benchmarks account for: the services, PostgreSQL, NATS and the bench itself. */
export function serviceCpuMeter(services: Record<string, number>): CpuMeter {
  const groups: Record<string, ProcessGroup> = {};
  for (const [label, pid] of Object.entries(services)) groups[label] = () => [pid];
  return new CpuMeter({
    ...groups,
    postgres: processesNamed('postgres'),
    nats: processesNamed('nats-server'),
    client: () => [process.pid],
  });
}

/** `{prefix}_cpu_ms_{group}` figures and their total, rounded to 0.01 ms. */
export function cpuFigures(prefix: string, cpuMs: Record<string, number>): Record<string, number> {
  const round = (value: number) => (Number.isFinite(value) ? Math.round(value * 100) / 100 : -1);
  const out: Record<string, number> = {};
  let total = 0;
  for (const [label, ms] of Object.entries(cpuMs)) {
    out[`${prefix}_cpu_ms_${label}`] = round(ms);
    total += ms;
  }
  out[`${prefix}_cpu_ms_total`] = round(total);
  return out;
}

/** One line for the log: each group's share and the total, in CPU ms per request. */
export function cpuLine(cpuMs: Record<string, number>): string {
  const total = Object.values(cpuMs).reduce((sum, ms) => sum + ms, 0);
  const parts = Object.entries(cpuMs).map(([label, ms]) => `${label} ${ms.toFixed(2)}`);
  return `CPU ms per request: ${parts.join(', ')}; total ${total.toFixed(2)}`;
}
