import 'reflect-metadata';
import * as c from '@switchboard/contracts';
import { NatsConnection, NatsRpcClient } from '@switchboard/messaging';
import { launchBrowser } from '@switchboard/testing';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { BenchService } from '../common/bench-service';
import { BenchConfig, loadConfig as loadTicketCoreConfig } from '../ticket-core/config';
import { freshDatabase } from '../ticket-core/database';
import { percentile as percentileOfSorted } from '../ticket-core/load';

const log = (line: string) => console.log(`[bench] ${line}`);

const ROOT = resolve(__dirname, '../../..');
const RESULTS = resolve(ROOT, 'bench/results');
const WIDGET_DIR = resolve(ROOT, 'dist/widget');
/** Page loads measured at BENCH_SCALE=1 (at least 5). */
const FULL_LOADS = 40;
const TARGETS = { loaderGzKb: 5, wholeGzKb: 40, interactiveMs: 300 };

/**
 * The reference: what any third-party script costs on the same page over the same transport, a
 * cross-origin classic script that puts one button on the page.
 */
const TRIVIAL_SCRIPT = `(() => { const b = document.createElement('button');
  b.textContent = 'Chat'; document.body.append(b); })();`;

function loadConfig(): BenchConfig & { loads: number } {
  const base = loadTicketCoreConfig();
  const databaseName = process.env.BENCH_DATABASE ?? 'switchboard_bench_widget';
  return {
    ...base,
    databaseName,
    databaseUrl: base.adminUrl.replace(/\/[^/]*$/, `/${databaseName}`),
    namespace: `benchwidget${Date.now().toString(36)}`,
    loads: Math.max(5, Math.round(FULL_LOADS * base.scale)),
  };
}

/** The built widget's files, gzipped (level 9, as a server's static gzip would). */
function sizes(): { loaderGzKb: number; wholeGzKb: number; wholeKb: number } {
  const files = [
    resolve(WIDGET_DIR, 'widget.js'),
    ...readdirSync(resolve(WIDGET_DIR, 'widget')).map((name) =>
      resolve(WIDGET_DIR, 'widget', name),
    ),
  ];
  const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
  return {
    loaderGzKb: gz(files[0]!) / 1024,
    wholeGzKb: files.reduce((sum, file) => sum + gz(file), 0) / 1024,
    wholeKb: files.reduce((sum, file) => sum + readFileSync(file).length, 0) / 1024,
  };
}

/**
 * `npm run bench:widget` (BENCH_SCALE=0.25 for a quick run): starts ticket-core, chat-gateway
 * and api-gateway (which serves the widget and names chat-gateway), serves a blank page from
 * another origin with the one script tag, and measures in Debian's chromium, each load in a
 * fresh context (nothing cached):
 * - launcher: the navigation's start until the launcher button is in the page;
 * - ready: a click on the launcher until the panel shows and its socket is connected (the
 *   widget's file fetched, run, and the chat-gateway handshake done);
 * - interactive: the two added, what a visitor waits on a blank page before they can type;
 * - reference: the navigation's start until a trivial cross-origin script's button is there.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  log(`${config.loads} loads, database ${config.databaseName}`);
  await freshDatabase(config);
  const services: BenchService[] = [];
  const env = {
    DATABASE_URL: config.databaseUrl,
    NATS_URL: config.natsUrl,
    NATS_NAMESPACE: config.namespace,
  };
  const nats = new NatsConnection({
    servers: config.natsUrl,
    namespace: config.namespace,
    name: 'bench-widget',
  });
  const browser = await launchBrowser();
  let widgetKey = '';
  // The blank pages, and the reference script on an origin of its own, as the desk's would be.
  const reference = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-cache' });
    response.end(TRIVIAL_SCRIPT);
  });
  const site = createServer((request, response) => {
    const src =
      request.url === '/reference'
        ? `${urlOf(reference)}/trivial.js`
        : `${services[2]!.url}/widget.js" data-key="${widgetKey}`;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blank</title></head>` +
        `<body><script src="${src}" async></script></body></html>`,
    );
  });
  try {
    services.push(await BenchService.start('ticket-core', env));
    services.push(await BenchService.start('chat-gateway', env));
    services.push(
      await BenchService.start('api-gateway', { ...env, CHAT_PUBLIC_URL: services[1]!.url }),
    );
    await nats.connect();
    const rpc = new NatsRpcClient(nats);
    const workspace = await rpc.request(c.CREATE_WORKSPACE_V1, {
      name: 'Bench widget',
      slug: `benchwidget${Date.now().toString(36)}`,
    });
    const system: c.Actor = { kind: 'system', workspaceId: workspace.id, teamIds: [] };
    widgetKey = (await rpc.request(c.GET_WIDGET_SETTINGS_V1, { actor: system })).widgetKey;
    await new Promise<void>((done) => reference.listen(0, '127.0.0.1', done));
    await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
    // `localhost`: another origin than the gateway's and the reference's 127.0.0.1.
    const siteUrl = urlOf(site).replace('127.0.0.1', 'localhost');

    const measureWidget = async (page: Page) => {
      await page.goto(siteUrl, { waitUntil: 'commit' });
      const launcher = await page.evaluate<number>(UNTIL_LAUNCHER);
      const ready = await page.evaluate<number>(CLICK_UNTIL_READY);
      return { launcher, ready };
    };
    const measureReference = async (page: Page) => {
      await page.goto(`${siteUrl}/reference`, { waitUntil: 'commit' });
      return page.evaluate<number>(UNTIL_BUTTON);
    };

    // Warm the services once; each measured load is a fresh context.
    const warm = await browser.newPage();
    await measureWidget(warm.page);
    await measureReference(warm.page);
    await warm.context.close();
    const launchers: number[] = [];
    const readies: number[] = [];
    const interactives: number[] = [];
    const references: number[] = [];
    for (let run = 0; run < config.loads; run++) {
      // Alternating, so that a busy moment of the machine hits both alike.
      const fresh = await browser.newPage();
      const { launcher, ready } = await measureWidget(fresh.page);
      launchers.push(launcher);
      readies.push(ready);
      interactives.push(launcher + ready);
      await fresh.context.close();
      const other = await browser.newPage();
      references.push(await measureReference(other.page));
      await other.context.close();
    }
    report({ launchers, readies, interactives, references, sizes: sizes() });
  } finally {
    await browser.close();
    site.close();
    reference.close();
    for (const service of services.reverse()) await service.stop();
    if (nats.isConnected)
      for await (const stream of nats.jsm.streams.list())
        if (stream.config.name.startsWith(config.namespace))
          await nats.jsm.streams.delete(stream.config.name);
    await nats.onApplicationShutdown();
  }
}

const urlOf = (server: ReturnType<typeof createServer>) =>
  `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/** In the page: the time since the navigation started when the widget's launcher is there. */
const UNTIL_LAUNCHER = `new Promise((resolve, reject) => {
  setTimeout(() => reject(new Error('no launcher after 15 s')), 15000);
  const done = () => document.querySelector('[data-switchboard-widget]')?.shadowRoot?.querySelector('.launcher');
  if (done()) return resolve(performance.now());
  const observer = new MutationObserver(() => {
    if (done()) { observer.disconnect(); resolve(performance.now()); }
  });
  observer.observe(document, { childList: true, subtree: true });
})`;

/** In the page: the same for the reference script's button. */
const UNTIL_BUTTON = `new Promise((resolve, reject) => {
  setTimeout(() => reject(new Error('no button after 15 s')), 15000);
  const done = () => document.querySelector('body > button');
  if (done()) return resolve(performance.now());
  const observer = new MutationObserver(() => {
    if (done()) { observer.disconnect(); resolve(performance.now()); }
  });
  observer.observe(document, { childList: true, subtree: true });
})`;

/**
 * In the page: clicks the launcher and answers the milliseconds until the panel shows and the
 * socket is connected (the host's `data-connected`).
 */
const CLICK_UNTIL_READY = `new Promise((resolve, reject) => {
  const host = document.querySelector('[data-switchboard-widget]');
  const root = host.shadowRoot;
  setTimeout(() => reject(new Error('not ready after 15 s: ' + (host.hasAttribute('data-connected')
    ? 'connected' : 'not connected') + ', ' + (root.querySelector('.panel:not([hidden])') ? 'open' : 'closed')
    + ', ' + (root.querySelector('.alert') || {}).textContent)), 15000);
  const done = () => host.hasAttribute('data-connected') && root.querySelector('.panel:not([hidden])');
  const started = performance.now();
  const observer = new MutationObserver(() => {
    if (done()) { observer.disconnect(); resolve(performance.now() - started); }
  });
  observer.observe(host, { attributes: true });
  observer.observe(root, { childList: true, subtree: true, attributes: true });
  root.querySelector('.launcher').click();
})`;

const percentile = (values: number[], p: number) =>
  percentileOfSorted(
    [...values].sort((a, b) => a - b),
    p,
  );
const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places;

function report(measured: {
  launchers: number[];
  readies: number[];
  interactives: number[];
  references: number[];
  sizes: ReturnType<typeof sizes>;
}): void {
  const { launchers, readies, interactives, references, sizes } = measured;
  const figures = {
    loads: launchers.length,
    loader_gzip_kb: round(sizes.loaderGzKb, 2),
    whole_gzip_kb: round(sizes.wholeGzKb, 2),
    whole_kb: round(sizes.wholeKb),
    launcher_p50_ms: round(percentile(launchers, 50)),
    launcher_p95_ms: round(percentile(launchers, 95)),
    ready_after_click_p50_ms: round(percentile(readies, 50)),
    ready_after_click_p95_ms: round(percentile(readies, 95)),
    interactive_p50_ms: round(percentile(interactives, 50)),
    interactive_p95_ms: round(percentile(interactives, 95)),
    reference_script_p50_ms: round(percentile(references, 50)),
    reference_script_p95_ms: round(percentile(references, 95)),
    // The machine is shared: its load during the run says how much the times are worth.
    load_average_1m: round(loadavg()[0]!, 2),
  };
  const met = (value: number, target: number) => (value <= target ? 'yes' : 'NO');
  console.log('');
  console.log(
    `loader gzipped       ${figures.loader_gzip_kb} KB   target <= ${TARGETS.loaderGzKb} KB: ${met(figures.loader_gzip_kb, TARGETS.loaderGzKb)}`,
  );
  console.log(
    `whole gzipped        ${figures.whole_gzip_kb} KB   target <= ${TARGETS.wholeGzKb} KB: ${met(figures.whole_gzip_kb, TARGETS.wholeGzKb)}`,
  );
  console.log(
    `interactive (p50)    ${figures.interactive_p50_ms} ms (p95 ${figures.interactive_p95_ms})   target < ${TARGETS.interactiveMs} ms: ${met(figures.interactive_p50_ms, TARGETS.interactiveMs)}`,
  );
  console.log(
    `reference (p50)      ${figures.reference_script_p50_ms} ms: a trivial cross-origin script's button`,
  );
  const json = JSON.stringify({ bench: 'widget', figures });
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(resolve(RESULTS, 'widget.json'), `${json}\n`);
  console.log(json);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`bench widget failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
