import { Client } from 'pg';
import { BenchConfig } from './config';
import { connectBench } from './database';
import {
  FIRST_NAMES,
  LABELS,
  LAST_NAMES,
  SUBJECT_COUNT,
  BODY_COUNT,
  TEAMS,
  bodies,
  subjects,
} from './seed-text';

export interface SeedResult {
  workspaceId: string;
  tickets: number;
  messages: number;
  seconds: number;
  /** Seconds per step, in order. */
  steps: Record<string, number>;
}

/** Tables whose secondary indexes are dropped for the load and rebuilt after it. */
const BULK_TABLES = ['tickets', 'ticket_search', 'messages', 'ticket_history', 'timers'];
const MESSAGES_PER_TICKET = 5;

/**
 * Seeds one workspace in bulk SQL: teams, agents, customers, tickets (3% new, 7% open, 5% pending,
 * 85% solved; the unsolved ones among the newest quarter), five messages each, history, labels,
 * pending reminders and the ticket counter. ticket_search.search_vector is what search-vector.ts builds: the
 * subject (A), the customer's name and email (B) and each message (C), concatenated in that
 * order. Secondary indexes are rebuilt after the load (faster than maintaining them per row),
 * from their own definitions, so they are exactly the migration's.
 */
export async function seed(config: BenchConfig, log: (line: string) => void): Promise<SeedResult> {
  const started = Date.now();
  const steps: Record<string, number> = {};
  const client = await connectBench(config);
  const step = async (name: string, work: () => Promise<unknown>) => {
    const at = Date.now();
    await work();
    steps[name] = (Date.now() - at) / 1000;
    log(`seed ${name}: ${steps[name].toFixed(1)} s`);
  };
  const total = config.tickets + config.extraNewTickets;
  let workspaceId = '';
  let indexes: string[] = [];
  try {
    await bulkSession(client);
    await step('prepare', async () => {
      indexes = await dropSecondaryIndexes(client);
      workspaceId = await directory(client, config);
      await texts(client);
    });
    await step('staging', () => stageTickets(client, config, total));
    await step('tickets', () => insertTickets(client, workspaceId));
    await step('messages', () => insertMessages(client, workspaceId));
    await step('history, timers, counters', () => insertRest(client, workspaceId, total));
    await client.query('DROP SCHEMA bench CASCADE');
  } finally {
    await client.end();
  }
  await step('indexes', () => rebuildIndexes(config, indexes));
  await step('vacuum analyze', () => vacuumAnalyze(config));
  await step('checkpoint', () => checkpoint(config, log));
  return {
    workspaceId,
    tickets: total,
    messages: total * MESSAGES_PER_TICKET,
    seconds: (Date.now() - started) / 1000,
    steps,
  };
}

/**
 * A loading session: no FK triggers (the data is consistent by construction), no waiting for
 * WAL flushes, one process (so rows go in in number order, like a table grown over time).
 */
async function bulkSession(client: Client): Promise<void> {
  await client.query('SET synchronous_commit = off');
  await client.query('SET max_parallel_workers_per_gather = 0');
  await client.query(`SET work_mem = '256MB'`);
  await client.query('SET session_replication_role = replica');
}

async function dropSecondaryIndexes(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
      WHERE i.schemaname = 'ticket_core' AND i.tablename = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                         WHERE c.conname = i.indexname AND c.connamespace = 'ticket_core'::regnamespace)`,
    [BULK_TABLES],
  );
  for (const row of rows) await client.query(`DROP INDEX ticket_core."${row.name}"`);
  return rows.map((row) => row.definition);
}

/** The workspace, its teams, 50 agents (4 supervisors, 1 admin) and the customers. */
async function directory(client: Client, config: BenchConfig): Promise<string> {
  const {
    rows: [workspace],
  } = await client.query<{ id: string }>(
    `INSERT INTO workspaces (name, slug) VALUES ('Bench', 'bench') RETURNING id`,
  );
  const ws = workspace.id;
  await client.query('CREATE SCHEMA bench');
  await client.query(
    `CREATE TABLE bench.team AS
       SELECT k::int, gen_random_uuid() AS id, name FROM unnest($1::text[]) WITH ORDINALITY u(name, k)`,
    [TEAMS],
  );
  await client.query(
    `INSERT INTO teams (id, workspace_id, name) SELECT id, $1, name FROM bench.team`,
    [ws],
  );
  await client.query(
    `CREATE TABLE bench.agent AS
       SELECT n, gen_random_uuid() AS id,
              CASE WHEN n <= 4 THEN 'supervisor' WHEN n = 5 THEN 'admin' ELSE 'agent' END AS role
         FROM generate_series(1, 50) n`,
  );
  await client.query(
    `INSERT INTO agents (id, workspace_id, name, email, role, availability)
     SELECT id, $1, 'Agent ' || n, 'agent' || n || '@bench.test', role, 'online' FROM bench.agent`,
    [ws],
  );
  // Everyone in one team; every fifth agent in a second one.
  await client.query(
    `CREATE TABLE bench.member AS
       SELECT a.n, a.id AS agent_id, a.role, t.k, t.id AS team_id
         FROM bench.agent a JOIN bench.team t
           ON t.k = a.n % 4 + 1 OR (a.n % 5 = 0 AND t.k = (a.n + 1) % 4 + 1)`,
  );
  await client.query(
    `INSERT INTO team_members (workspace_id, team_id, agent_id) SELECT $1, team_id, agent_id FROM bench.member`,
    [ws],
  );
  // Who works a team's tickets (k = 0: tickets of no team, any agent).
  await client.query(
    `CREATE TABLE bench.team_agents AS
       SELECT k, array_agg(agent_id ORDER BY n) AS ids FROM bench.member WHERE role = 'agent' GROUP BY k
       UNION ALL
       SELECT 0, array_agg(id ORDER BY n) FROM bench.agent WHERE role = 'agent'`,
  );
  await client.query(
    `CREATE TABLE bench.customer AS
       SELECT n, gen_random_uuid() AS id, first_name, last_name, first_name || ' ' || last_name AS name,
              'customer' || n || '@example.com' AS email
         FROM (SELECT n, ($2::text[])[1 + n % 20] AS first_name,
                         ($3::text[])[1 + (n / 20) % 18] AS last_name
                 FROM generate_series(1, $1::int) n) names`,
    [config.customers, FIRST_NAMES, LAST_NAMES],
  );
  await client.query(
    `INSERT INTO customers (id, workspace_id, name, first_name, last_name, email, created_at)
     SELECT id, $1, name, first_name, last_name, email, now() - interval '800 days' FROM bench.customer`,
    [ws],
  );
  // The customer's part of the vector: name and email joined by a space (ticket-creation.service).
  await client.query(
    `ALTER TABLE bench.customer ADD PRIMARY KEY (n), ADD COLUMN vec tsvector;
     UPDATE bench.customer SET vec = setweight(to_tsvector('simple', name || ' ' || email), 'B')`,
  );
  return ws;
}

/** Subjects (A) and bodies (C) with their vectors computed once, joined into every ticket. */
async function texts(client: Client): Promise<void> {
  await client.query(
    `CREATE TABLE bench.subject AS
       SELECT k::int AS id, s AS subject, setweight(to_tsvector('simple', s), 'A') AS vec
         FROM unnest($1::text[]) WITH ORDINALITY u(s, k)`,
    [subjects()],
  );
  await client.query(
    `CREATE TABLE bench.body AS
       SELECT k::int AS id, b AS body, setweight(to_tsvector('simple', left(b, 10000)), 'C') AS vec
         FROM unnest($1::text[]) WITH ORDINALITY u(b, k)`,
    [bodies()],
  );
  await client.query('ALTER TABLE bench.subject ADD PRIMARY KEY (id)');
  await client.query('ALTER TABLE bench.body ADD PRIMARY KEY (id)');
}

/**
 * One row per ticket with every random choice made, so that tickets and messages agree. Ticket
 * i is numbered i and created i/total of the way through the last two years.
 */
async function stageTickets(client: Client, config: BenchConfig, total: number): Promise<void> {
  await client.query(
    `CREATE UNLOGGED TABLE bench.t AS
     WITH base AS (
       SELECT i, random() AS u_status, random() AS u_team, random() AS u_agent,
              random() AS u_channel, random() AS u_priority, random() AS u_label
         FROM generate_series(1, $1::int) i)
     SELECT i, gen_random_uuid() AS id, status, team_k,
            CASE WHEN status = 'new' THEN NULL
                 ELSE ta.ids[1 + floor(u_agent * array_length(ta.ids, 1))::int] END AS assignee_id,
            1 + floor(random() * $3::int)::int AS customer_n,
            1 + floor(random() * ${SUBJECT_COUNT})::int AS subject_id,
            ARRAY[1 + floor(random() * ${BODY_COUNT})::int, 1 + floor(random() * ${BODY_COUNT})::int,
                  1 + floor(random() * ${BODY_COUNT})::int, 1 + floor(random() * ${BODY_COUNT})::int,
                  1 + floor(random() * ${BODY_COUNT})::int] AS body_ids,
            CASE WHEN u_channel < 0.5 THEN 'mail' WHEN u_channel < 0.8 THEN 'chat'
                 WHEN u_channel < 0.95 THEN 'web' ELSE 'manual' END AS channel,
            CASE WHEN u_priority < 0.15 THEN 'low' WHEN u_priority < 0.85 THEN 'normal'
                 WHEN u_priority < 0.97 THEN 'high' ELSE 'urgent' END AS priority,
            CASE WHEN u_label < 0.7 THEN '{}'::text[]
                 ELSE ARRAY[($4::text[])[1 + floor(random() * array_length($4::text[], 1))::int]] END AS labels,
            now() - interval '1 hour' - ($1::int - i) * (interval '730 days' / $1::int) AS created_at,
            CASE WHEN status = 'pending' THEN now() + interval '1 day' + random() * interval '13 days' END
              AS remind_at
       FROM (SELECT base.*,
                    CASE WHEN i > $2::int THEN 'new'
                         WHEN i <= $2::int * 0.75 THEN 'solved'
                         WHEN u_status < 0.12 THEN 'new'
                         WHEN u_status < 0.40 THEN 'open'
                         WHEN u_status < 0.60 THEN 'pending'
                         ELSE 'solved' END AS status,
                    CASE WHEN u_team < 0.2 THEN 0 ELSE 1 + floor((u_team - 0.2) / 0.8 * 4)::int END AS team_k
               FROM base) chosen
       JOIN bench.team_agents ta ON ta.k = chosen.team_k
      ORDER BY i`,
    [total, config.tickets, config.customers, LABELS],
  );
}

async function insertTickets(client: Client, ws: string): Promise<void> {
  await client.query(
    `INSERT INTO tickets (id, workspace_id, number, channel, subject, status, priority, team_id,
       assignee_id, customer_id, labels, public_token, created_at, updated_at, last_activity_at,
       first_response_at, last_customer_message_at, last_agent_message_at, solved_at, solved_by,
       remind_at)
     SELECT t.id, $1, t.i, t.channel, s.subject, t.status, t.priority, tm.id, t.assignee_id, c.id,
            t.labels, translate(encode(sha256(convert_to(t.id::text, 'UTF8')), 'base64'), '+/=', '-_'),
            t.created_at, t.created_at + interval '40 minutes', t.created_at + interval '40 minutes',
            CASE WHEN t.status <> 'new' THEN t.created_at + interval '10 minutes' END,
            t.created_at + interval '40 minutes',
            CASE WHEN t.status <> 'new' THEN t.created_at + interval '30 minutes' END,
            CASE WHEN t.status = 'solved' THEN t.created_at + interval '2 hours' END,
            CASE WHEN t.status = 'solved' THEN t.assignee_id END,
            t.remind_at
       FROM bench.t t
       JOIN bench.subject s ON s.id = t.subject_id
       JOIN bench.customer c ON c.n = t.customer_n
       LEFT JOIN bench.team tm ON tm.k = t.team_k`,
    [ws],
  );
  await client.query(
    `INSERT INTO ticket_search (ticket_id, workspace_id, created_at, search_vector)
     SELECT t.id, $1, t.created_at, s.vec || c.vec || b1.vec || b2.vec || b3.vec || b4.vec || b5.vec
       FROM bench.t t
       JOIN bench.subject s ON s.id = t.subject_id
       JOIN bench.customer c ON c.n = t.customer_n
       JOIN bench.body b1 ON b1.id = t.body_ids[1]
       JOIN bench.body b2 ON b2.id = t.body_ids[2]
       JOIN bench.body b3 ON b3.id = t.body_ids[3]
       JOIN bench.body b4 ON b4.id = t.body_ids[4]
       JOIN bench.body b5 ON b5.id = t.body_ids[5]`,
    [ws],
  );
}

/** Customer and agent take turns (odd messages the customer's); new tickets only the customer's. */
async function insertMessages(client: Client, ws: string): Promise<void> {
  await client.query(
    `INSERT INTO messages (workspace_id, ticket_id, visibility, author_kind, author_id, body_text, created_at)
     SELECT $1, t.id, 'public', CASE WHEN fromCustomer THEN 'customer' ELSE 'agent' END,
            CASE WHEN fromCustomer THEN c.id ELSE t.assignee_id END,
            b.body, t.created_at + (k - 1) * interval '10 minutes'
       FROM bench.t t
       CROSS JOIN LATERAL (SELECT k, t.status = 'new' OR k % 2 = 1 AS fromCustomer
                             FROM generate_series(1, ${MESSAGES_PER_TICKET}) k) m
       JOIN bench.customer c ON c.n = t.customer_n
       JOIN bench.body b ON b.id = t.body_ids[m.k]`,
    [ws],
  );
}

async function insertRest(client: Client, ws: string, total: number): Promise<void> {
  await client.query(
    `INSERT INTO ticket_history (workspace_id, ticket_id, actor_kind, action, changes, created_at)
     SELECT $1, id, 'system', 'created',
            jsonb_build_object('status', jsonb_build_object('before', NULL, 'after', 'new'),
                               'channel', jsonb_build_object('before', NULL, 'after', channel)),
            created_at
       FROM bench.t`,
    [ws],
  );
  await client.query(
    `INSERT INTO timers (workspace_id, ticket_id, kind, due_at)
     SELECT $1, id, 'pending-reminder', remind_at FROM bench.t WHERE status = 'pending'`,
    [ws],
  );
  await client.query(`INSERT INTO labels (workspace_id, name) SELECT $1, unnest($2::text[])`, [
    ws,
    LABELS,
  ]);
  await client.query(`INSERT INTO ticket_counters (workspace_id, last_number) VALUES ($1, $2)`, [
    ws,
    total,
  ]);
}

/** Two builders (two cores): the GIN and message indexes, the largest, are started first. */
async function rebuildIndexes(config: BenchConfig, definitions: string[]): Promise<void> {
  const weight = (definition: string) =>
    (/USING gin \(search_vector\)/.test(definition) ? 4 : 0) +
    (/ON ticket_core\.messages /.test(definition) ? 2 : 0);
  const queue = [...definitions].sort((a, b) => weight(b) - weight(a));
  await Promise.all(
    [0, 1].map(async () => {
      const client = await connectBench(config);
      try {
        await client.query(`SET maintenance_work_mem = '1GB'`);
        for (let definition = queue.shift(); definition; definition = queue.shift()) {
          await client.query(definition);
        }
      } finally {
        await client.end();
      }
    }),
  );
}

/**
 * Writes out what the seed left dirty. Otherwise the checkpoints it set off run on through the
 * measures: seen at 1M tickets, checkpoints writing 2-3 GB over the first four minutes of
 * measures, with every page's first change after each checkpoint start logged in full.
 */
async function checkpoint(config: BenchConfig, log: (line: string) => void): Promise<void> {
  const client = await connectBench(config);
  try {
    await client.query('CHECKPOINT');
  } catch (error) {
    // CHECKPOINT needs a superuser or pg_checkpoint: measure anyway, and say so.
    log(`seed could not checkpoint (${(error as Error).message}): measures may share the disk`);
  } finally {
    await client.end();
  }
}

/** As autovacuum leaves a long-lived database: visibility map set, then fresh statistics. */
async function vacuumAnalyze(config: BenchConfig): Promise<void> {
  const queue = [
    'messages',
    'tickets',
    'ticket_search',
    'ticket_history',
    'customers',
    'timers',
    'agents',
    'teams',
  ];
  await Promise.all(
    [0, 1].map(async () => {
      const client = await connectBench(config);
      try {
        for (let table = queue.shift(); table; table = queue.shift()) {
          await client.query(`VACUUM ticket_core.${table}`);
        }
      } finally {
        await client.end();
      }
    }),
  );
  const client = await connectBench(config);
  try {
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}
