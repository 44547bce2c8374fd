import 'reflect-metadata';
import * as c from '@switchboard/contracts';
import { NatsConnection, NatsRpcClient } from '@switchboard/messaging';
import { launchBrowser } from '@switchboard/testing';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { benchAgent } from '../common/bench-agent';
import { BenchService } from '../common/bench-service';
import { BenchConfig, loadConfig as loadTicketCoreConfig } from '../ticket-core/config';
import { connectBench, freshDatabase } from '../ticket-core/database';
import { percentile as percentileOfSorted } from '../ticket-core/load';
import { seed } from '../ticket-core/seed';

const log = (line: string) => console.log(`[bench] ${line}`);

const ROOT = resolve(__dirname, '../../..');
const RESULTS = resolve(ROOT, 'bench/results');
const RESULTS_MD = resolve(ROOT, 'bench/RESULTS.md');
/** 1 = 100,000 tickets, as bench:api. */
const FULL_TICKETS = 100_000;
const FULL_CUSTOMERS = 10_000;
const PASSWORD = 'bench-web correct horse battery staple';
const FIRST_LOADS = Number(process.env.BENCH_WEB_LOADS ?? 5);
const SWITCHES = Number(process.env.BENCH_WEB_SWITCHES ?? 30);
const TARGETS = { firstLoadMs: 1500, switchMs: 150, deskJsGzKb: 250 };

function loadConfig(): BenchConfig {
  const base = loadTicketCoreConfig();
  const databaseName = process.env.BENCH_DATABASE ?? 'switchboard_bench_web';
  return {
    ...base,
    tickets: Math.max(1_000, Math.round(FULL_TICKETS * base.scale)),
    customers: Math.max(1_000, Math.round(FULL_CUSTOMERS * base.scale)),
    extraNewTickets: 0,
    databaseName,
    databaseUrl: base.adminUrl.replace(/\/[^/]*$/, `/${databaseName}`),
    namespace: `benchweb${Date.now().toString(36)}`,
  };
}

/** The built desk's files, gzipped (level 9, as a server's static gzip would). */
function bundleSizes(): { jsGzKb: number; cssGzKb: number; jsKb: number } {
  const assets = resolve(ROOT, 'dist/web/assets');
  let js = 0;
  let jsGz = 0;
  let cssGz = 0;
  for (const name of readdirSync(assets)) {
    const bytes = readFileSync(resolve(assets, name));
    const gz = gzipSync(bytes, { level: 9 }).length;
    if (name.endsWith('.js')) {
      js += bytes.length;
      jsGz += gz;
    } else if (name.endsWith('.css')) cssGz += gz;
  }
  return { jsGzKb: jsGz / 1024, cssGzKb: cssGz / 1024, jsKb: js / 1024 };
}

/**
 * `npm run bench:web` (BENCH_SCALE=0.1 for a quick run): seeds a workspace with the ticket-core
 * benchmark's bulk SQL, starts ticket-core and api-gateway (which serves the built desk), and
 * drives Debian's chromium: the first load (opening `/` in a fresh context until the login form
 * shows, plus signing in until the New view's rows show; the typing itself not counted), then
 * switching between the New view's tickets (click → the ticket's heading shown), and the desk's
 * gzipped bundle sizes.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  log(`scale ${config.scale}: ${config.tickets} tickets, database ${config.databaseName}`);
  await freshDatabase(config);
  const seeded = await seed(config, log);
  log(`seeded ${seeded.tickets} tickets in ${seeded.seconds.toFixed(1)} s`);
  const env = {
    DATABASE_URL: config.databaseUrl,
    NATS_URL: config.natsUrl,
    NATS_NAMESPACE: config.namespace,
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
  };
  const services: BenchService[] = [];
  const nats = new NatsConnection({
    servers: config.natsUrl,
    namespace: config.namespace,
    name: 'bench-web',
  });
  const db = await connectBench(config);
  const browser = await launchBrowser();
  try {
    services.push(await BenchService.start('ticket-core', env));
    services.push(await BenchService.start('api-gateway', env));
    const gateway = services[1];
    await nats.connect();
    const rpc = new NatsRpcClient(nats);
    const {
      rows: [team],
    } = await db.query<{ id: string }>(
      `SELECT t.id FROM teams t WHERE t.workspace_id = $1 ORDER BY t.name LIMIT 1`,
      [seeded.workspaceId],
    );
    const system: c.Actor = { kind: 'system', workspaceId: seeded.workspaceId, teamIds: [] };
    const email = 'bench-web@bench.test';
    await benchAgent(rpc, system, { name: 'Bench Web', email, teamIds: [team.id] }, PASSWORD);

    const signIn = async (page: Page) => {
      await page.goto(gateway.url, { waitUntil: 'commit' });
      // In the page's own clock: from the start of the navigation to the login form shown.
      const loginShown = await page.evaluate<number>(untilShown('button[type=submit]'));
      // Where that time went: the page's own response, and its scripts parsed and run.
      const [htmlMs, domReadyMs] = await page.evaluate<[number, number]>(
        `(() => { const n = performance.getEntriesByType('navigation')[0];
          return [n.responseEnd, n.domContentLoadedEventEnd]; })()`,
      );
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      const signedIn = await page.evaluate<number>(
        clickUntilShown('button[type=submit]', '.ticket-row'),
      );
      return { loginShown, signedIn, htmlMs, domReadyMs };
    };

    // Warm the services (and PostgreSQL's cache) once; each measured load is a fresh context.
    const warm = await browser.newPage();
    await signIn(warm.page);
    await warm.context.close();
    const loads: number[] = [];
    const loginShown: number[] = [];
    const signedIn: number[] = [];
    const htmlMs: number[] = [];
    const domReadyMs: number[] = [];
    for (let run = 0; run < FIRST_LOADS; run++) {
      const fresh = await browser.newPage();
      const times = await signIn(fresh.page);
      loginShown.push(times.loginShown);
      signedIn.push(times.signedIn);
      htmlMs.push(times.htmlMs);
      domReadyMs.push(times.domReadyMs);
      loads.push(times.loginShown + times.signedIn);
      if (run < FIRST_LOADS - 1) await fresh.context.close();
      else {
        const { page } = fresh;
        const rows = page.locator('.ticket-row');
        const count = await rows.count();
        log(`first load p50 ${percentile(loads, 50).toFixed(0)} ms; ${count} tickets in New`);
        const switches: number[] = [];
        for (let index = 0; index < SWITCHES; index++) {
          const row = rows.nth(index % count);
          const number = (await row.locator('.number').textContent())!.trim();
          // Measured in the page (no automation round trips): the click until the ticket's
          // heading and its first message are on screen.
          switches.push(
            await page.evaluate<number>(
              clickUntilShown(
                `.tickets li:nth-child(${(index % count) + 1}) .ticket-row`,
                '.messages .message',
                number,
              ),
            ),
          );
        }
        const sizes = bundleSizes();
        report(config, seeded.tickets, {
          loads,
          loginShown,
          signedIn,
          htmlMs,
          domReadyMs,
          switches,
          sizes,
        });
        await fresh.context.close();
      }
    }
  } finally {
    await browser.close();
    for (const service of services.reverse()) await service.stop();
    if (nats.isConnected)
      for await (const stream of nats.jsm.streams.list())
        if (stream.config.name.startsWith(config.namespace))
          await nats.jsm.streams.delete(stream.config.name);
    await nats.onApplicationShutdown();
    await db.end();
  }
}

/**
 * A script for the page: waits (checking after every DOM change) until `selector` matches, and
 * answers `performance.now()` then: the time since the navigation started.
 */
function untilShown(selector: string): string {
  return `new Promise((resolve) => {
    const done = () => document.querySelector(${JSON.stringify(selector)});
    if (done()) return resolve(performance.now());
    const observer = new MutationObserver(() => {
      if (done()) { observer.disconnect(); resolve(performance.now()); }
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  })`;
}

/**
 * A script for the page: clicks `target`, then waits until `selector` matches (and, when
 * `number` is given, the open ticket's heading shows it); answers the milliseconds in between.
 */
function clickUntilShown(target: string, selector: string, number?: string): string {
  return `new Promise((resolve) => {
    const number = ${JSON.stringify(number ?? null)};
    const done = () => {
      if (number !== null) {
        const heading = document.querySelector('.ticket-header h2 .number');
        if (!heading || heading.textContent.trim() !== number) return false;
        return document.querySelector('.messages .message') !== null;
      }
      return document.querySelector(${JSON.stringify(selector)}) !== null;
    };
    const started = performance.now();
    const observer = new MutationObserver(() => {
      if (done()) { observer.disconnect(); resolve(performance.now() - started); }
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
    document.querySelector(${JSON.stringify(target)}).click();
  })`;
}

const percentile = (values: number[], p: number) =>
  percentileOfSorted(
    [...values].sort((a, b) => a - b),
    p,
  );

const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places;

function report(
  config: BenchConfig,
  tickets: number,
  measured: {
    loads: number[];
    loginShown: number[];
    signedIn: number[];
    htmlMs: number[];
    domReadyMs: number[];
    switches: number[];
    sizes: ReturnType<typeof bundleSizes>;
  },
): void {
  const { loads, loginShown, signedIn, htmlMs, domReadyMs, switches, sizes } = measured;
  const figures = {
    scale: config.scale,
    tickets,
    first_load_p50_ms: round(percentile(loads, 50)),
    first_load_max_ms: round(Math.max(...loads)),
    login_page_p50_ms: round(percentile(loginShown, 50)),
    login_page_html_p50_ms: round(percentile(htmlMs, 50)),
    login_page_dom_ready_p50_ms: round(percentile(domReadyMs, 50)),
    sign_in_to_new_view_p50_ms: round(percentile(signedIn, 50)),
    ticket_switch_p50_ms: round(percentile(switches, 50)),
    ticket_switch_p95_ms: round(percentile(switches, 95)),
    ticket_switches: switches.length,
    desk_js_gzip_kb: round(sizes.jsGzKb),
    desk_css_gzip_kb: round(sizes.cssGzKb),
    desk_js_kb: round(sizes.jsKb),
    // The machine is shared: its load during the run says how much the times are worth.
    load_average_1m: round(loadavg()[0], 2),
  };
  const met = (value: number, target: number) => (value <= target ? 'yes' : 'NO');
  console.log('');
  console.log(`web at scale ${config.scale}: ${tickets} tickets`);
  console.log(
    `first load (p50)     ${figures.first_load_p50_ms} ms   target < ${TARGETS.firstLoadMs} ms: ${met(figures.first_load_p50_ms, TARGETS.firstLoadMs)}`,
  );
  console.log(
    `ticket switch (p50)  ${figures.ticket_switch_p50_ms} ms   target < ${TARGETS.switchMs} ms: ${met(figures.ticket_switch_p50_ms, TARGETS.switchMs)}`,
  );
  console.log(
    `desk JS gzipped      ${figures.desk_js_gzip_kb} KB   target <= ${TARGETS.deskJsGzKb} KB: ${met(figures.desk_js_gzip_kb, TARGETS.deskJsGzKb)}`,
  );
  const json = JSON.stringify({ bench: 'web', figures });
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(resolve(RESULTS, 'web.json'), `${json}\n`);
  const text = existsSync(RESULTS_MD) ? readFileSync(RESULTS_MD, 'utf8') : '';
  const heading = /^## web$/m.test(text)
    ? ''
    : '\n## web\n\n`npm run bench:web`: one line per run.\n';
  appendFileSync(RESULTS_MD, `${heading}\n${new Date().toISOString().slice(0, 10)}: \`${json}\`\n`);
  console.log(json);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`bench web failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
