import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as c from '@switchboard/contracts';
import { NatsConnection, NatsRpcClient } from '@switchboard/messaging';
import {
  BusUsers,
  NatsCluster,
  ServiceProcess,
  SmtpSink,
  createTestDatabase,
  freePort,
  startAll,
  waitFor,
} from '@switchboard/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Socket, io } from 'socket.io-client';
import { createWorkspace } from '../../tools/workspace-create';
import { Http } from './gateway-stack';
import { messageIds, sendMails } from './mail-load';
import { expectRepliesStoredWhole } from './reply-load';

/*
 * Scale-out, proven: two processes of every service on a three-node NATS cluster (JetStream
 * streams at R3, each service as its own NATS user), under a bounded load of mail over SMTP to
 * both mail-ingest replicas and agents' replies through both gateways. Meanwhile one NATS node is
 * killed and started again, then one replica of each service is SIGKILLed. Afterwards nothing
 * answered as done is lost or doubled: every mail answered 250 is one ticket message, every reply
 * answered 201 is stored once and mailed to the customer once (counted at the SMTP sink by
 * Message-ID), and every reminder due during the run fired once.
 */

const MAILBOX = 'help@cluster.test';
const SITE = 'https://shop.cluster.test';
const CUSTOMER = 'erin@customer.test';
/** Progress each phase waits for, so that every phase carries load. */
const STEP = { replies: 8, mails: 8 };

interface Reply {
  body: string;
  status: number;
}

/** Replies to one ticket from one tab per gateway, and mail in batches to each SMTP port. */
class Load {
  readonly replies: Reply[] = [];
  readonly accepted: string[] = [];
  readonly refused: string[] = [];
  private running = true;
  private readonly loops: Promise<void>[];

  constructor(gateways: Http[], ticketId: string, smtpPorts: number[]) {
    const replying = gateways.map(async (http, tab) => {
      for (let index = 0; this.running; index++) {
        const body = `Reply ${String(index).padStart(4, '0')} via gateway ${tab}.`;
        const status = await http
          .post(`/api/v1/tickets/${ticketId}/replies`, { body })
          .then((response) => response.status)
          .catch(() => 0); // the gateway is gone: a refused connection
        this.replies.push({ body, status });
        // Paces the load while every answer is an instant error; not a wait for a condition.
        if (status !== 201) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    const mailing = smtpPorts.map(async (port, replica) => {
      for (let batch = 0; this.running; batch++) {
        const ids = messageIds(`cluster-${replica}-${batch}`, 4);
        const outcome = await sendMails(port, MAILBOX, ids, { connections: 2 });
        this.accepted.push(...outcome.accepted);
        this.refused.push(...outcome.refused.keys());
        if (outcome.refused.size > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    this.loops = [...replying, ...mailing];
  }

  created(): number {
    return this.replies.filter((reply) => reply.status === 201).length;
  }

  /** Waits until the load made `STEP` more progress than `from`, and says how far it got. */
  async progress(description: string): Promise<void> {
    const replies = this.created() + STEP.replies;
    const mails = this.accepted.length + STEP.mails;
    await waitFor(() => this.created() >= replies && this.accepted.length >= mails, {
      timeoutMs: 60_000,
      description: `${description}: ${STEP.replies} replies and ${STEP.mails} mails more`,
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}

/** A socket that connected, or undefined when it could not. */
function connectSocket(
  url: string,
  options: Parameters<typeof io>[1],
): Promise<Socket | undefined> {
  const socket = io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...options,
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', () => (socket.close(), resolve(undefined)));
  });
}

/**
 * A customer chatting on each chat-gateway replica, one message after another, each answered
 * (acknowledged) or not. A customer whose replica is gone resumes the chat on the other one with
 * its session token, as the widget does.
 */
class ChatLoad {
  /** Message ids acknowledged to the customers. */
  readonly acked: string[] = [];
  /** How many each customer had acknowledged. */
  readonly ackedBy = [0, 0];
  readonly ticketNumbers: number[] = [];
  private running = true;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly urls: string[],
    private readonly widgetKey: string,
  ) {}

  /** Starts both chats and resolves once each has its ticket (or fails as one fails). */
  async start(): Promise<void> {
    const begun: Promise<void>[] = [];
    this.loops = this.urls.map((_, replica) => {
      let ready!: () => void;
      begun.push(new Promise<void>((resolve) => (ready = resolve)));
      return this.chat(replica, () => ready());
    });
    await Promise.all(begun.map((ready, index) => Promise.race([ready, this.loops[index]])));
  }

  private async chat(replica: number, ready: () => void): Promise<void> {
    const auth = (sessionToken?: string) => ({
      auth: { widgetKey: this.widgetKey, ...(sessionToken ? { sessionToken } : {}) },
      extraHeaders: { origin: SITE },
    });
    let socket = await connectSocket(`${this.urls[replica]}/customer`, auth());
    const begun = (await socket!.timeout(15_000).emitWithAck('chat:start', {
      clientId: `start-${replica}`,
      body: `Hello from customer ${replica}`,
      name: `Customer ${replica}`,
      email: `chat${replica}@customer.test`,
    })) as c.ChatStartedV1;
    this.ticketNumbers[replica] = begun.ticketNumber!;
    ready();
    for (let index = 0; this.running; index++) {
      if (!socket?.connected) {
        socket?.close();
        // Its replica is gone: the surviving one (the last) takes the chat up again.
        socket = await connectSocket(`${this.urls.at(-1)}/customer`, auth(begun.sessionToken));
        if (!socket) await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      const answer = (await socket
        .timeout(5000)
        .emitWithAck('chat:message', {
          clientId: `c${replica}-${index}`,
          body: `Chat ${replica}-${String(index).padStart(4, '0')}.`,
        })
        .catch(() => undefined)) as Partial<c.ChatMessageSentV1> | undefined;
      if (answer?.messageId) {
        this.acked.push(answer.messageId);
        this.ackedBy[replica]++;
      } else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    socket?.close();
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}

describe('two replicas of every service on a three-node NATS cluster', () => {
  let users: BusUsers;
  const sink = new SmtpSink();
  const services = new Map<c.ServiceName, ServiceProcess[]>();
  let cluster: NatsCluster;
  let operator: NatsConnection;
  let db: Client;
  let smtpPorts: number[];

  const connectOperator = () => users.connect(cluster.url, c.OPERATOR);

  beforeAll(async () => {
    users = await BusUsers.create();
    cluster = await NatsCluster.create({ authorizationFile: users.serverConfigFile });
    await sink.start();
    // JetStream answers once the three servers elected their meta leader.
    operator = await waitFor(() => connectOperator().catch(() => undefined), {
      timeoutMs: 30_000,
      description: 'JetStream on the cluster',
    });
    const databaseUrl = await createTestDatabase();
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    smtpPorts = [await freePort(), await freePort()];
    const shared = {
      DATABASE_URL: databaseUrl,
      NATS_URL: cluster.url,
      NATS_NAMESPACE: '',
      NATS_STREAM_REPLICAS: '3',
      SMTP_URL: sink.url(),
      MAIL_AUTH_DNS: 'offline',
      MAIL_POLL_MS: '50',
      AUTH_RATE_LIMIT_PER_MINUTE: '10000',
      STORAGE_DIR: mkdtempSync(join(tmpdir(), 'cluster-')),
    };
    const start = (app: c.ServiceName, replica: number) =>
      ServiceProcess.start(app, {
        env: {
          ...shared,
          ...users.serviceEnv(app),
          INSTANCE_ID: `${app}-${replica}`,
          ...(app === 'mail-ingest' ? { SMTP_PORT: String(smtpPorts[replica]) } : {}),
        },
      });
    // ticket-core first (it owns the streams' first writers), then the rest, a pair at a time.
    for (const app of c.SERVICE_NAMES)
      services.set(app, await startAll([start(app, 0), start(app, 1)]));
  }, 240_000);

  afterAll(async () => {
    await operator?.onApplicationShutdown();
    await Promise.all([...services.values()].flat().map((service) => service.stop()));
    await db?.end();
    await sink.stop();
    await cluster?.destroy();
    users?.destroy();
  });

  it('loses and doubles nothing while a NATS node and then one replica of each service die', async () => {
    const rpc = new NatsRpcClient(operator);
    const created = await createWorkspace(rpc, {
      name: 'Cluster',
      slug: 'cluster',
      adminEmail: 'ada@cluster.test',
      adminName: 'Ada',
    });
    const system: c.Actor = { kind: 'system', workspaceId: created.workspaceId, teamIds: [] };
    await rpc.request(c.UPSERT_MAILBOX_V1, { actor: system, address: MAILBOX, name: 'Help' });
    const gateways = services.get('api-gateway')!.map((gateway) => new Http(gateway.url));
    const login = await gateways[0].post<{ accessToken: string }>('/api/v1/auth/login', {
      email: 'ada@cluster.test',
      password: created.password,
      newPassword: 'ada runs the cluster',
    });
    expect(login.status).toBe(200);
    const agents = gateways.map((http) => http.as(login.body.accessToken));
    const ticket = await rpc.request(c.CREATE_TICKET_V1, {
      actor: system,
      channel: 'mail',
      subject: 'Where is my parcel?',
      body: 'It should have come on Monday.',
      customer: { email: CUSTOMER, name: 'Erin' },
    });
    const admin: c.Actor = {
      kind: 'agent',
      workspaceId: created.workspaceId,
      agentId: created.adminId,
      role: 'admin',
      teamIds: [],
    };
    await rpc.request(c.CLAIM_TICKET_V1, { actor: admin, ticketId: ticket.id });

    // Chat: the widget allowed on the shop's site, an agent online, a desk on the replica that
    // stays, customers on both.
    const widget = await rpc.request(c.UPDATE_WIDGET_SETTINGS_V1, {
      actor: system,
      allowedOrigins: [SITE],
    });
    await rpc.request(c.SET_AVAILABILITY_V1, { actor: admin, availability: 'online' });
    const chatUrls = services.get('chat-gateway')!.map((replica) => replica.url);
    const desk = (await connectSocket(`${chatUrls[1]}/agent`, {
      auth: { token: login.body.accessToken },
    }))!;
    const reachedDesk = new Set<string>();
    /** The last `seq` the desk has of each ticket, as the desk keeps it. */
    const deskSeq = new Map<string, number>();
    desk.on('ticket:message', (message: c.ChatMessageEventV1) => {
      reachedDesk.add(message.id);
      deskSeq.set(message.ticketId, Math.max(deskSeq.get(message.ticketId) ?? 0, message.seq));
    });
    const chats = new ChatLoad(chatUrls, widget.widgetKey);
    await chats.start();
    const chatTickets = await Promise.all(
      chats.ticketNumbers.map((number) =>
        rpc.request(c.GET_TICKET_BY_NUMBER_V1, { actor: system, number }),
      ),
    );
    for (const chat of chatTickets)
      await desk.timeout(15_000).emitWithAck('ticket:join', { ticketId: chat.id });

    const load = new Load(agents, ticket.id, smtpPorts);
    await load.progress('before anything dies');

    // Reminders due while a NATS node is down: each must fire once.
    const reminded: string[] = [];
    for (const subject of ['Call back', 'Check the refund', 'Ask the courier']) {
      const parked = await rpc.request(c.CREATE_TICKET_V1, {
        actor: system,
        channel: 'mail',
        subject,
        body: subject,
        customer: { email: `${subject.replace(/\W+/g, '-').toLowerCase()}@customer.test` },
      });
      await rpc.request(c.CLAIM_TICKET_V1, { actor: admin, ticketId: parked.id });
      await rpc.request(c.SET_PENDING_V1, {
        actor: admin,
        ticketId: parked.id,
        remindAt: new Date(Date.now() + 4000).toISOString(),
      });
      reminded.push(parked.id);
    }

    await cluster.kill(1);
    await load.progress('with NATS node n1 down');
    await cluster.start(1);
    await load.progress('with n1 back');

    for (const replicas of services.values())
      expect((await replicas[0].kill()).signal).toBe('SIGKILL');
    await load.progress('with one replica of each service killed');
    // The first customer's replica is gone: it goes on, resumed on the other one.
    const ackedBefore = chats.ackedBy[0];
    await waitFor(() => chats.ackedBy[0] >= ackedBefore + 5, {
      timeoutMs: 60_000,
      description: 'the first customer’s chat to go on through the other replica',
    });
    await Promise.all([load.stop(), chats.stop()]);

    // Every mail answered 250 became exactly one ticket message.
    const mailCounts = async () =>
      (
        await db.query<{ total: number; distinct: number }>(
          `SELECT count(*)::int AS total, count(DISTINCT mail_message_id)::int AS distinct
             FROM ticket_core.messages WHERE mail_message_id = ANY($1::text[])`,
          [load.accepted],
        )
      ).rows[0];
    await waitFor(async () => (await mailCounts()).distinct === load.accepted.length, {
      timeoutMs: 60_000,
      description: 'every accepted mail to be a ticket message',
    });
    expect(await mailCounts()).toEqual({
      total: load.accepted.length,
      distinct: load.accepted.length,
    });

    // Every reply answered 201 is stored once, whole; each stored reply was mailed once.
    await expectRepliesStoredWhole(db, ticket.id, load.replies);
    const stored = (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ticket_core.messages
          WHERE ticket_id = $1 AND body_text LIKE 'Reply %'`,
        [ticket.id],
      )
    ).rows[0].n;
    const toCustomer = () => sink.accepted.filter((mail) => mail.to.includes(CUSTOMER));
    await waitFor(() => new Set(toCustomer().map((mail) => mail.messageId)).size >= stored, {
      timeoutMs: 90_000,
      description: `${stored} replies to reach the customer`,
    });
    const perMessageId = new Map<string, number>();
    for (const mail of toCustomer())
      perMessageId.set(mail.messageId, (perMessageId.get(mail.messageId) ?? 0) + 1);
    expect([...perMessageId.values()].filter((count) => count !== 1)).toEqual([]);
    expect(perMessageId.size).toBe(stored);

    // Every chat message acknowledged is stored once and reached the desk: live, or when the
    // desk asks for what follows the last one it has (as it does after any gap).
    const chatStored = await db.query<{ id: string }>(
      `SELECT id FROM ticket_core.messages WHERE id = ANY($1::uuid[])`,
      [chats.acked],
    );
    expect(chatStored.rows).toHaveLength(chats.acked.length);
    const doubled = await db.query(
      `SELECT body_text FROM ticket_core.messages WHERE ticket_id = ANY($1::uuid[])
        GROUP BY ticket_id, body_text HAVING count(*) > 1`,
      [chatTickets.map((chat) => chat.id)],
    );
    expect(doubled.rows).toEqual([]);
    const reachedLive = chats.acked.filter((id) => reachedDesk.has(id)).length;
    for (const chat of chatTickets)
      await desk.timeout(15_000).emitWithAck('ticket:join', {
        ticketId: chat.id,
        lastSeq: deskSeq.get(chat.id) ?? 0,
      });
    await waitFor(() => chats.acked.every((id) => reachedDesk.has(id)), {
      timeoutMs: 30_000,
      description: 'every acknowledged chat message at the desk',
    });
    desk.close();

    // Every reminder due during the run fired once.
    const fired = await db.query<{ ticket_id: string; n: number }>(
      `SELECT ticket_id, count(*)::int AS n FROM ticket_core.ticket_history
        WHERE ticket_id = ANY($1::uuid[]) AND action = 'reminder-due' GROUP BY ticket_id`,
      [reminded],
    );
    expect(fired.rows.map((row) => row.n)).toEqual([1, 1, 1]);

    const counts = {
      mails_answered_250: load.accepted.length,
      mails_refused: load.refused.length,
      mail_ticket_messages: (await mailCounts()).total,
      replies_answered_201: load.created(),
      replies_refused_or_lost: load.replies.length - load.created(),
      replies_stored: stored,
      reply_mails_at_sink: perMessageId.size,
      reminders_fired: fired.rows.length,
      chat_messages_acknowledged: chats.acked.length,
      chat_messages_stored: chatStored.rows.length,
      chat_messages_at_desk_live: reachedLive,
      chat_messages_at_desk_after_rejoin: chats.acked.length - reachedLive,
    };
    console.log(`cluster run: ${JSON.stringify(counts)}`);
  }, 300_000);
});
