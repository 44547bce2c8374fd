/** What one run of the ticket-core benchmark does, from the environment. */
export interface BenchConfig {
  /** Multiplier of the full size (1 = 1,000,000 tickets). */
  scale: number;
  tickets: number;
  customers: number;
  /** Extra new tickets so that claims have enough to take at small scales. */
  extraNewTickets: number;
  adminUrl: string;
  databaseName: string;
  databaseUrl: string;
  natsUrl: string;
  namespace: string;
  concurrency: number;
  measureMs: number;
  warmupMs: number;
  /** How long each measure also runs with a single requester. */
  singleMs: number;
  /** How long each paced load runs (see runPaced). */
  pacedMs: number;
  createMs: number;
}

const FULL_TICKETS = 1_000_000;
const FULL_CUSTOMERS = 100_000;
/** Enough new tickets for 10 s of claims at a few hundred per second. */
const MIN_NEW_TICKETS = 6_000;

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

export function loadConfig(): BenchConfig {
  const scale = positive('BENCH_SCALE', 1);
  const tickets = Math.max(1_000, Math.round(FULL_TICKETS * scale));
  const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseName = process.env.BENCH_DATABASE ?? 'switchboard_bench';
  return {
    scale,
    tickets,
    customers: Math.max(1_000, Math.round(FULL_CUSTOMERS * scale)),
    extraNewTickets: Math.max(0, MIN_NEW_TICKETS - Math.round(tickets * 0.03)),
    adminUrl,
    databaseName,
    databaseUrl: adminUrl.replace(/\/[^/]*$/, `/${databaseName}`),
    natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    namespace: `bench${Date.now().toString(36)}`,
    concurrency: positive('BENCH_CONCURRENCY', 50),
    measureMs: positive('BENCH_MEASURE_MS', 10_000),
    warmupMs: positive('BENCH_WARMUP_MS', 2_000),
    singleMs: positive('BENCH_SINGLE_MS', 3_000),
    pacedMs: positive('BENCH_PACED_MS', 5_000),
    createMs: positive('BENCH_CREATE_MS', 15_000),
  };
}
