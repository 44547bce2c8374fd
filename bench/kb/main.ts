import 'reflect-metadata';
import * as c from '@switchboard/contracts';
import { NatsConnection, NatsRpcClient } from '@switchboard/messaging';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Pool } from 'pg';
import { SEARCH_SQL, reindexSql } from '../../apps/knowledge-base/src/search/search.sql';
import { queryWords, vocabularyWords } from '../../apps/knowledge-base/src/search/search-query';
import { migrateAll } from '../../tools/migrate';
import { BenchService } from '../common/bench-service';

const log = (line: string) => console.log(`[bench] ${line}`);
const RESULTS = resolve(__dirname, '../../../bench/results');

/** 1 = 100,000 articles. */
const FULL_ARTICLES = 100_000;
const SEARCH_RATE = 50;
const SUGGEST_RATE = 20;
const PACED_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CLOSED_LOOP_SECONDS = Number(process.env.BENCH_CLOSED_SECONDS ?? 10);
const CLOSED_LOOP_WORKERS = 8;
const TARGET_SEARCH_P99_MS = 50;
const TARGET_SUGGEST_P99_MS = 100;
const TARGET_OVERHEAD_P50_MS = 2;

function scale(): number {
  const value = Number(process.env.BENCH_SCALE ?? 1);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error('BENCH_SCALE must be a positive number');
  }
  return value;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round = (value: number) => Math.round(value * 100) / 100;

/** A small deterministic generator: the same corpus and queries every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * The corpus' words: a help center's vocabulary and made-up product words, 2,000 in all, drawn
 * with a skew (a few common words, a long tail) as real text is.
 */
const HELP_WORDS = (
  'account password reset login email invoice billing refund shipping parcel delivery order ' +
  'payment card subscription plan upgrade cancel export import report dashboard settings ' +
  'notification security permission team member invite role browser mobile download upload ' +
  'attachment error timeout integration webhook token address phone language timezone'
).split(' ');
function vocabulary(rng: () => number): string[] {
  const syllables = 'ka lo mi ne ru sa te vo bi da fe gu ha ji ko lu ma no pe qui ro si tu'.split(
    ' ',
  );
  const words = new Set(HELP_WORDS);
  while (words.size < 2_000) {
    const length = 2 + Math.floor(rng() * 3);
    words.add(
      Array.from({ length }, () => syllables[Math.floor(rng() * syllables.length)]).join(''),
    );
  }
  return [...words];
}

const pick = (rng: () => number, words: string[]) => words[Math.floor(words.length * rng() ** 2.5)];
const sentence = (rng: () => number, words: string[], count: number) =>
  Array.from({ length: count }, () => pick(rng, words)).join(' ');
/** A typo: one letter dropped from a long enough word. */
const typo = (word: string, rng: () => number) => {
  if (word.length < 6) return word;
  const at = 1 + Math.floor(rng() * (word.length - 2));
  return word.slice(0, at) + word.slice(at + 1);
};

async function paced(
  rate: number,
  seconds: number,
  call: (i: number) => Promise<unknown>,
): Promise<{ latencies: number[]; errors: number }> {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const calls: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    // Open loop: each request leaves at its time, whether the earlier ones are answered or not.
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((done) => setTimeout(done, wait));
    const sent = performance.now();
    calls.push(
      call(i).then(
        () => void latencies.push(performance.now() - sent),
        () => void (errors += 1),
      ),
    );
  }
  await Promise.all(calls);
  return { latencies: latencies.sort((a, b) => a - b), errors };
}

async function closedLoop(seconds: number, call: (i: number) => Promise<unknown>): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: CLOSED_LOOP_WORKERS }, async () => {
      while (performance.now() < end) {
        await call(next++).catch(() => undefined);
        done += 1;
      }
    }),
  );
  return done / seconds;
}

/**
 * `npm run bench:kb` (BENCH_SCALE=0.05 for a quick run): ticket-core and knowledge-base as
 * their own processes; 100,000 × BENCH_SCALE published articles written straight into
 * knowledge-base's schema (and indexed with its own statement), 10 tickets with customer
 * messages. Then, over NATS as the gateway asks: searches paced at 50/s (a third with a typo),
 * suggestions paced at 20/s, p50/p99 of each; the closed-loop capacity of each with 8 callers;
 * and the same search statement straight on PostgreSQL, paced the same, as the reference.
 */
async function main(): Promise<void> {
  const articles = Math.max(1_000, Math.round(FULL_ARTICLES * scale()));
  const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseName = process.env.BENCH_DATABASE ?? 'switchboard_bench_kb';
  const databaseUrl = adminUrl.replace(/\/[^/]*$/, `/${databaseName}`);
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const namespace = `benchkb${Date.now().toString(36)}`;
  log(`${articles} articles, database ${databaseName}, namespace ${namespace}`);

  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${databaseName}"`);
  await admin.end();
  await migrateAll(databaseUrl);

  const env = {
    DATABASE_URL: databaseUrl,
    NATS_URL: natsUrl,
    NATS_NAMESPACE: namespace,
    LOG_LEVEL: 'warn',
  };
  const ticketCore = await BenchService.start('ticket-core', env);
  const knowledgeBase = await BenchService.start('knowledge-base', env);
  const nats = new NatsConnection({ servers: natsUrl, namespace, name: 'bench-kb' });
  await nats.connect();
  const rpc = new NatsRpcClient(nats);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query(`SET search_path = knowledge_base, public`);
  // The reference's connections: as many as the service's pool, as many as the closed loop's callers.
  const pool = new Pool({
    connectionString: databaseUrl,
    max: CLOSED_LOOP_WORKERS,
    options: '-c search_path=knowledge_base,public',
  });
  try {
    const workspace = await rpc.request(c.CREATE_WORKSPACE_V1, { name: 'Bench', slug: 'bench' });
    const system: c.Actor = { kind: 'system', workspaceId: workspace.id, teamIds: [] };
    // A real agent: ticket-core resolves every agent actor (suggestions read the ticket).
    const bench = await rpc.request(c.UPSERT_AGENT_V1, {
      actor: system,
      name: 'Bench Agent',
      email: 'agent@bench.test',
      role: 'agent',
      teamIds: [],
    });
    const agent: c.Actor = { ...system, kind: 'agent', agentId: bench.id, role: 'agent' };
    const rng = random(19);
    const words = vocabulary(rng);

    const seeded = performance.now();
    const BATCH = 2_000;
    for (let from = 0; from < articles; from += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, articles - from) }, (_, k) => {
        const i = from + k;
        const body = Array.from({ length: 6 }, () => sentence(rng, words, 25)).join('.\n\n');
        return {
          title: sentence(rng, words, 4 + Math.floor(rng() * 4)),
          slug: `article-${i}`,
          body,
          tags: [pick(rng, words), pick(rng, words)],
          visibility: i % 10 === 0 ? 'internal' : 'public',
        };
      });
      await db.query(
        `INSERT INTO articles (workspace_id, title, slug, body_markdown, body_html, body_text, tags,
                               status, visibility, published_at)
         SELECT $1, r.title, r.slug, r.body, '<p>' || r.body || '</p>', r.body,
                ARRAY(SELECT jsonb_array_elements_text(r.tags)), 'published', r.visibility, now()
           FROM jsonb_to_recordset($2::jsonb)
             AS r(title text, slug text, body text, tags jsonb, visibility text)`,
        [workspace.id, JSON.stringify(rows)],
      );
    }
    await db.query(reindexSql('true'), [workspace.id]);
    await db.query(
      `INSERT INTO vocabulary (workspace_id, word, saves)
       SELECT $1, s.word, s.ndoc FROM ts_stat(
         $$SELECT to_tsvector('simple', body_text || ' ' || title) FROM articles$$) s
        WHERE s.word = ANY($2::text[])
       ON CONFLICT DO NOTHING`,
      [workspace.id, vocabularyWords(words.join(' '))],
    );
    await db.query(`VACUUM ANALYZE articles`);
    await db.query(`VACUUM ANALYZE vocabulary`);
    log(`seeded and indexed in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

    const tickets: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const ticket = await rpc.request(c.CREATE_TICKET_V1, {
        actor: system,
        channel: 'web',
        subject: `Question about ${pick(rng, HELP_WORDS)}`,
        body: `Hello, ${sentence(rng, words, 30)}. Can you help with my ${pick(rng, HELP_WORDS)}?`,
        customer: { email: `customer${i}@bench.test`, name: `Customer ${i}` },
      });
      tickets.push(ticket.id);
    }

    // Two words each: one of the help words (found in most articles of this skewed corpus) and
    // one of the next 500 (in a few percent of them), as "reset invoice" asks; a third misspelt.
    const queries = Array.from({ length: 500 }, (_, i) => {
      const first = HELP_WORDS[Math.floor(rng() * HELP_WORDS.length)];
      const second = words[HELP_WORDS.length + 50 + Math.floor(rng() * 500)];
      return i % 3 === 0 ? `${typo(first, rng)} ${second}` : `${first} ${second}`;
    });
    const search = (i: number) =>
      rpc.request(c.SEARCH_KB_V1, { actor: agent, query: queries[i % queries.length] });
    const suggest = (i: number) =>
      rpc.request(c.SUGGEST_KB_ARTICLES_V1, {
        actor: agent,
        ticketId: tickets[i % tickets.length],
      });
    const reference = (i: number) =>
      pool.query(SEARCH_SQL, [
        workspace.id,
        queryWords(queries[i % queries.length]),
        ['public', 'internal'],
        10,
        null,
        false,
        32,
      ]);

    // Warm: the plans, the caches, the gateway-side lookups.
    for (let i = 0; i < 50; i += 1) {
      await search(i);
      await reference(i);
      await suggest(i);
    }
    const hits = (await search(1)).items.length;
    log(`a search answers ${hits} hits, e.g. "${queries[1]}"`);

    log(`reference: the search statement straight on PostgreSQL at ${SEARCH_RATE}/s`);
    const ref = await paced(SEARCH_RATE, PACED_SECONDS, reference);
    log(`searches over NATS at ${SEARCH_RATE}/s for ${PACED_SECONDS} s`);
    const searches = await paced(SEARCH_RATE, PACED_SECONDS, search);
    log(`suggestions over NATS at ${SUGGEST_RATE}/s for ${PACED_SECONDS} s`);
    const suggestions = await paced(SUGGEST_RATE, PACED_SECONDS, suggest);
    log(`closed loop, ${CLOSED_LOOP_WORKERS} callers, ${CLOSED_LOOP_SECONDS} s each`);
    const searchCapacity = await closedLoop(CLOSED_LOOP_SECONDS, search);
    const suggestCapacity = await closedLoop(CLOSED_LOOP_SECONDS, suggest);
    const referenceCapacity = await closedLoop(CLOSED_LOOP_SECONDS, reference);

    const figures = {
      articles,
      search_rate_per_s: SEARCH_RATE,
      search_p50_ms: round(percentile(searches.latencies, 50)),
      search_p99_ms: round(percentile(searches.latencies, 99)),
      search_errors: searches.errors,
      suggest_rate_per_s: SUGGEST_RATE,
      suggest_p50_ms: round(percentile(suggestions.latencies, 50)),
      suggest_p99_ms: round(percentile(suggestions.latencies, 99)),
      suggest_errors: suggestions.errors,
      reference_search_p50_ms: round(percentile(ref.latencies, 50)),
      reference_search_p99_ms: round(percentile(ref.latencies, 99)),
      service_overhead_p50_ms: round(
        percentile(searches.latencies, 50) - percentile(ref.latencies, 50),
      ),
      search_capacity_per_s: Math.round(searchCapacity),
      suggest_capacity_per_s: Math.round(suggestCapacity),
      reference_capacity_per_s: Math.round(referenceCapacity),
    };
    const met = (ok: boolean) => (ok ? 'yes' : 'NO');
    console.log('');
    console.log(`kb: ${articles} articles`);
    console.log(
      `  search p50 / p99 at ${SEARCH_RATE}/s      ${figures.search_p50_ms} / ${figures.search_p99_ms} ms  (p99 < ${TARGET_SEARCH_P99_MS}: ${met(figures.search_p99_ms < TARGET_SEARCH_P99_MS)})`,
    );
    console.log(
      `  suggest p50 / p99 at ${SUGGEST_RATE}/s     ${figures.suggest_p50_ms} / ${figures.suggest_p99_ms} ms  (p99 < ${TARGET_SUGGEST_P99_MS}: ${met(figures.suggest_p99_ms < TARGET_SUGGEST_P99_MS)})`,
    );
    console.log(
      `  reference p50 / p99 (PostgreSQL)  ${figures.reference_search_p50_ms} / ${figures.reference_search_p99_ms} ms; service adds ${figures.service_overhead_p50_ms} ms at p50 (<= ${TARGET_OVERHEAD_P50_MS}: ${met(figures.service_overhead_p50_ms <= TARGET_OVERHEAD_P50_MS)})`,
    );
    console.log(
      `  capacity (closed loop)            search ${figures.search_capacity_per_s}/s, suggest ${figures.suggest_capacity_per_s}/s, reference ${figures.reference_capacity_per_s}/s`,
    );
    const json = JSON.stringify({ bench: 'kb', figures });
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(resolve(RESULTS, 'kb.json'), `${json}\n`);
    console.log(json);
  } finally {
    await db.end();
    await pool.end();
    await nats.onApplicationShutdown();
    await knowledgeBase.stop();
    await ticketCore.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
