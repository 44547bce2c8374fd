import 'reflect-metadata';
import * as c from '@switchboard/contracts';
import { NatsConnection, NatsRpcClient } from '@switchboard/messaging';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { benchAgent, benchLogin } from '../common/bench-agent';
import { BenchService } from '../common/bench-service';
import { loadConfig as loadTicketCoreConfig } from '../ticket-core/config';
import { freshDatabase } from '../ticket-core/database';
import { ChatLoadOptions, ChatLoadResult, runChatLoad } from './load';
import { bareRelayProtocol, gatewayProtocol } from './protocols';

const log = (line: string) => console.log(`[bench] ${line}`);
const RESULTS = resolve(__dirname, '../../../bench/results');
const PASSWORD = 'bench-chat correct horse battery staple';

const number = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

/**
 * `npm run bench:chat` (BENCH_SCALE=0.1 for a quick run): 2,000 customer sockets, 300 of them
 * chatting (a message every 3 s each), 50 agent sockets in their rooms, against ticket-core,
 * api-gateway and one chat-gateway as processes; then the same load against a bare socket.io
 * relay (no NATS, no storage), the reference.
 */
async function main(): Promise<void> {
  const scale = number('BENCH_SCALE', 1);
  const base = loadTicketCoreConfig();
  const databaseName = process.env.BENCH_DATABASE ?? 'switchboard_bench_chat';
  const config = {
    ...base,
    databaseName,
    databaseUrl: base.adminUrl.replace(/\/[^/]*$/, `/${databaseName}`),
    namespace: `benchchat${Date.now().toString(36)}`,
  };
  const options = (serverPid: number): ChatLoadOptions => ({
    customers: Math.max(20, Math.round(2000 * scale)),
    chatting: Math.max(6, Math.round(300 * scale)),
    agents: Math.max(1, Math.round(50 * scale)),
    messageEveryMs: 3000,
    answerEvery: 3,
    measureMs: number('BENCH_MEASURE_MS', 15_000),
    steps: [2, 4, 8, 16, 32],
    stepMs: number('BENCH_STEP_MS', 8_000),
    closedLoopMs: number('BENCH_CLOSED_LOOP_MS', 5_000),
    serverPid,
  });

  await freshDatabase(config);
  const env = {
    DATABASE_URL: config.databaseUrl,
    NATS_URL: config.natsUrl,
    NATS_NAMESPACE: config.namespace,
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
    CHAT_SOCKET_EVENTS_PER_10S: '10000',
    LOG_LEVEL: 'warn',
  };
  const services: BenchService[] = [];
  const nats = new NatsConnection({
    servers: config.natsUrl,
    namespace: config.namespace,
    name: 'bench-chat',
  });
  let gateway: ChatLoadResult;
  try {
    for (const app of ['ticket-core', 'api-gateway', 'chat-gateway'] as const) {
      services.push(await BenchService.start(app, env));
    }
    const [, api, chat] = services;
    await nats.connect();
    const rpc = new NatsRpcClient(nats);
    const workspace = await rpc.request(c.CREATE_WORKSPACE_V1, {
      name: 'Bench chat',
      slug: 'bench-chat',
    });
    const system: c.Actor = { kind: 'system', workspaceId: workspace.id, teamIds: [] };
    const email = 'agent@bench-chat.test';
    await benchAgent(rpc, system, { name: 'Bench Agent', email }, PASSWORD);
    const accessToken = await benchLogin(api.url, email, PASSWORD);
    const widget = await rpc.request(c.GET_WIDGET_SETTINGS_V1, { actor: system });
    gateway = await runChatLoad(
      gatewayProtocol(chat.url, widget.widgetKey, accessToken),
      options(chat.pid),
      log,
    );
  } finally {
    await nats.onApplicationShutdown();
    for (const service of services.reverse()) await service.stop();
  }

  const relay = spawn(process.execPath, [resolve(__dirname, 'bare-relay.js')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let reference: ChatLoadResult;
  try {
    const port = await new Promise<number>((done) => {
      createInterface({ input: relay.stdout! }).once('line', (line) =>
        done(Number(line.split(' ')[1])),
      );
    });
    reference = await runChatLoad(
      bareRelayProtocol(`http://127.0.0.1:${port}`),
      options(relay.pid!),
      log,
    );
  } finally {
    relay.kill('SIGTERM');
  }

  const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places;
  const o = options(0);
  const figures = {
    scale,
    customer_sockets: o.customers,
    chatting: o.chatting,
    agent_sockets: o.agents,
    stated_rate_msg_per_s: round(gateway.ratePerS),
    customer_to_agent_p50_ms: round(gateway.customerToAgent.p50, 2),
    customer_to_agent_p99_ms: round(gateway.customerToAgent.p99, 2),
    agent_to_customer_p50_ms: round(gateway.agentToCustomer.p50, 2),
    agent_to_customer_p99_ms: round(gateway.agentToCustomer.p99, 2),
    max_rate_p99_under_100ms: round(gateway.maxRateP99Under100),
    closed_loop_msg_per_s: round(gateway.closedLoopPerS),
    closed_loop_p50_ms: round(gateway.closedLoopP50, 2),
    memory_per_idle_socket_kb: round(gateway.memoryPerIdleSocketKb, 2),
    reference_customer_to_agent_p50_ms: round(reference.customerToAgent.p50, 2),
    reference_customer_to_agent_p99_ms: round(reference.customerToAgent.p99, 2),
    reference_agent_to_customer_p99_ms: round(reference.agentToCustomer.p99, 2),
    reference_max_rate_p99_under_100ms: round(reference.maxRateP99Under100),
    reference_closed_loop_msg_per_s: round(reference.closedLoopPerS),
    reference_memory_per_idle_socket_kb: round(reference.memoryPerIdleSocketKb, 2),
    closed_loop_ratio_to_reference: round(gateway.closedLoopPerS / reference.closedLoopPerS, 3),
    p99_within_100ms:
      gateway.customerToAgent.p99 < 100 && gateway.agentToCustomer.p99 < 100 ? 1 : 0,
    idle_socket_within_30kb: gateway.memoryPerIdleSocketKb < 30 ? 1 : 0,
  };
  const line = JSON.stringify({ bench: 'chat', figures });
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(resolve(RESULTS, 'chat.json'), `${line}\n`);
  console.log(line);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
