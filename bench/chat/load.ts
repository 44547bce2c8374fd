import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Socket } from 'socket.io-client';
import { percentile } from '../ticket-core/load';
import { ChatProtocol } from './protocols';

export interface ChatLoadOptions {
  /** Customer sockets connected in all (idle ones and chatting ones). */
  customers: number;
  chatting: number;
  agents: number;
  /** Each chatting customer writes once per this many ms at the stated load. */
  messageEveryMs: number;
  /** Agents answer every n-th customer message of a room. */
  answerEvery: number;
  measureMs: number;
  /** The steps of the search for the highest rate, as multiples of the stated rate. */
  steps: number[];
  stepMs: number;
  closedLoopMs: number;
  /** The server's process, for its memory. */
  serverPid: number;
}

export interface Latencies {
  count: number;
  p50: number;
  p99: number;
}

export interface ChatLoadResult {
  ratePerS: number;
  customerToAgent: Latencies;
  agentToCustomer: Latencies;
  /** The highest customer message rate whose customer→agent p99 stayed under 100 ms. */
  maxRateP99Under100: number;
  steps: { ratePerS: number; p99: number; lost: number }[];
  closedLoopPerS: number;
  closedLoopP50: number;
  memoryPerIdleSocketKb: number;
}

const TARGET_P99_MS = 100;

/** Resident memory of a process, in kB. */
function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

const stamp = (kind: string) => `${kind} ${performance.now().toFixed(3)} ${'x'.repeat(60)}`;
const sentAt = (body: string) => Number(body.split(' ')[1]);

function latencies(values: number[]): Latencies {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** Runs `connect` for every index, `width` at a time. */
async function inBatches<T>(count: number, width: number, connect: (i: number) => Promise<T>) {
  const results: T[] = [];
  for (let start = 0; start < count; start += width) {
    const batch = Array.from({ length: Math.min(width, count - start) }, (_, i) =>
      connect(start + i),
    );
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Connects the sockets, starts the chats and puts the agents in their rooms, then: the stated
 * load, paced (each chatting customer writes every `messageEveryMs`, at a random phase); steps of
 * higher rates until the p99 passes 100 ms; and a closed loop, where each chatting customer writes
 * again as soon as its agent has its last message (the capacity).
 */
export async function runChatLoad(
  protocol: ChatProtocol,
  options: ChatLoadOptions,
  log: (line: string) => void,
): Promise<ChatLoadResult> {
  const sockets: Socket[] = [];
  try {
    const agents = await inBatches(options.agents, 25, () => protocol.connectAgent());
    sockets.push(...agents);
    await settle(1000);
    const before = rssKb(options.serverPid);
    const customers = await inBatches(options.customers, 100, () => protocol.connectCustomer());
    sockets.push(...customers);
    await settle(2000);
    const memoryPerIdleSocketKb = (rssKb(options.serverPid) - before) / options.customers;
    log(`${protocol.name}: ${customers.length} customers, ${agents.length} agents connected`);

    const chatting = customers.slice(0, options.chatting);
    const rooms = await inBatches(chatting.length, 20, (i) => protocol.start(chatting[i]));
    await inBatches(rooms.length, 25, (i) => protocol.join(agents[i % agents.length], rooms[i]));
    log(`${protocol.name}: ${rooms.length} chats started and joined`);

    const c2a: number[] = [];
    const a2c: number[] = [];
    let received = 0;
    const waiting = new Map<string, () => void>();
    const perRoom = new Map<string, number>();
    let answering = true;
    agents.forEach((agent) =>
      protocol.onCustomerMessage(agent, (room, body) => {
        c2a.push(performance.now() - sentAt(body));
        received += 1;
        waiting.get(room)?.();
        const count = (perRoom.get(room) ?? 0) + 1;
        perRoom.set(room, count);
        if (answering && count % options.answerEvery === 0) {
          protocol.agentSend(agent, room, stamp('agent'));
        }
      }),
    );
    chatting.forEach((customer) =>
      protocol.onAgentMessage(customer, (body) => a2c.push(performance.now() - sentAt(body))),
    );

    /** Every chatting customer writes every `everyMs` for `ms`; answers the messages sent. */
    const paced = async (everyMs: number, ms: number) => {
      const timers: NodeJS.Timeout[] = [];
      let sent = 0;
      chatting.forEach((customer, i) => {
        const first = setTimeout(() => {
          const write = () => {
            protocol.customerSend(customer, rooms[i], stamp('customer'));
            sent += 1;
          };
          write();
          timers.push(setInterval(write, everyMs));
        }, Math.random() * everyMs);
        timers.push(first);
      });
      await settle(ms);
      timers.forEach((timer) => clearInterval(timer));
      return sent;
    };
    const drain = async (expected: number) => {
      const deadline = Date.now() + 5000;
      while (received < expected && Date.now() < deadline) await settle(50);
    };

    // The stated load.
    const stated = (chatting.length * 1000) / options.messageEveryMs;
    // Warm-up until every room had its first answer: an agent's first reply also claims the
    // new chat (a heavier command, two more events), once per chat, not the steady load.
    await paced(options.messageEveryMs, options.messageEveryMs * options.answerEvery + 1000);
    await drain(received);
    c2a.length = 0;
    a2c.length = 0;
    const sentBefore = received;
    const sent = await paced(options.messageEveryMs, options.measureMs);
    await drain(sentBefore + sent);
    const customerToAgent = latencies(c2a);
    const agentToCustomer = latencies(a2c);
    log(
      `${protocol.name}: ${stated.toFixed(0)} msg/s: customer→agent p50 ` +
        `${customerToAgent.p50.toFixed(1)} p99 ${customerToAgent.p99.toFixed(1)} ms, ` +
        `agent→customer p50 ${agentToCustomer.p50.toFixed(1)} p99 ${agentToCustomer.p99.toFixed(1)} ms`,
    );

    // Higher rates, until the p99 passes the target or messages go missing.
    answering = false;
    const steps: ChatLoadResult['steps'] = [];
    let maxRateP99Under100 = customerToAgent.p99 < TARGET_P99_MS ? stated : 0;
    for (const multiple of options.steps) {
      c2a.length = 0;
      const start = received;
      const stepSent = await paced(options.messageEveryMs / multiple, options.stepMs);
      await drain(start + stepSent);
      const step = latencies(c2a);
      const lost = stepSent - (received - start);
      steps.push({ ratePerS: stated * multiple, p99: step.p99, lost });
      log(
        `${protocol.name}: step ${(stated * multiple).toFixed(0)} msg/s: p99 ${step.p99.toFixed(1)} ms, lost ${lost}`,
      );
      if (step.p99 >= TARGET_P99_MS || lost > 0) break;
      maxRateP99Under100 = stated * multiple;
    }

    // Closed loop: the next message as soon as the last one reached the agent.
    c2a.length = 0;
    let loops = 0;
    const until = performance.now() + options.closedLoopMs;
    await Promise.all(
      chatting.map(async (customer, i) => {
        while (performance.now() < until) {
          const arrived = new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 5000);
            waiting.set(rooms[i], () => {
              clearTimeout(timer);
              resolve();
            });
          });
          protocol.customerSend(customer, rooms[i], stamp('customer'));
          await arrived;
          loops += 1;
        }
      }),
    );
    const closedLoopPerS = (loops * 1000) / options.closedLoopMs;
    const closedLoopP50 = latencies(c2a).p50;
    log(
      `${protocol.name}: closed loop ${closedLoopPerS.toFixed(0)} msg/s, p50 ${closedLoopP50.toFixed(1)} ms`,
    );

    return {
      ratePerS: stated,
      customerToAgent,
      agentToCustomer,
      maxRateP99Under100,
      steps,
      closedLoopPerS,
      closedLoopP50,
      memoryPerIdleSocketKb,
    };
  } finally {
    sockets.forEach((socket) => socket.close());
  }
}
