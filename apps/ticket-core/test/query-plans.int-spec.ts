import { INestApplication } from '@nestjs/common';
import {
  Actor,
  GET_CUSTOMER_V1,
  FIND_TICKET_BY_MAIL_V1,
  GET_TICKET_BY_NUMBER_V1,
  GET_TICKET_BY_TOKEN_V1,
  GET_TICKET_V1,
  LIST_VIEW_V1,
  ListViewV1,
  SEARCH_TICKETS_V1,
  SearchTicketsV1,
  TicketPageV1,
  VIEW_COUNTS_V1,
  ViewName,
} from '@switchboard/contracts';
import { OutboxRelay } from '@switchboard/messaging';
import {
  InProcessHarness,
  TestNatsClient,
  startInProcessHarness,
  expectWith,
} from '@switchboard/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ticketCoreService } from '../src/service';
import { SearchIndexFlusher } from '../src/search/search-index-flusher';
import { TimerRunner } from '../src/timers/timer-runner';
import {
  AgentFixture,
  agentActor,
  newAgent,
  newTeam,
  newWorkspace,
  systemActor,
} from './factories';

/*
 * "Indexes that keep every view and lookup fast at millions of tickets", checked on the plans
 * PostgreSQL makes for the statements ticket-core really sends.
 *
 * Method. Most of the read side's SQL is assembled inside the services (the views' page-and-count
 * statement, search's ranked CTE, the customer panel), so rebuilding it here from the exported
 * builders would test a copy. Instead each request runs for real, over NATS against the service
 * in-process, while a spy on the service's DataSource.query (every EntityManager.query, in a
 * transaction or not, goes through it) records each statement with its parameters. Each recorded
 * statement is then EXPLAINed (FORMAT JSON) with those same parameters on a connection of the
 * test's own with `enable_seqscan = off`: at a few thousand rows a sequential scan is often the
 * cheapest plan, so the check would otherwise depend on table size; with seq scans priced out,
 * PostgreSQL still falls back to one when no index applies, so what is checked is that a suitable
 * index exists. Nothing in src is changed or copied.
 *
 * Asserted for every statement of a request, on every table that grows with tickets (BIG_TABLES):
 * no Seq Scan, and no index scan without an Index Cond: a scan of a whole index, used only for its
 * order or its partial predicate, reads as much (for instance every open ticket of every
 * workspace through tickets_team_open). Asserted for the request: each index it is meant to use
 * (`uses`) appears in its plans. A third, bigger workspace (seedNeighbour) makes any plan that is
 * not bounded by the caller's workspace costly, as it is at scale; without it the planner took
 * the whole of tickets_team_open for a supervisor's Team view, cheaper at a thousand open tickets.
 * The last tests show that the check fails when an index is missing.
 *
 * The plans are custom plans for the recorded values. The service prepares its statements and
 * PostgreSQL may switch to a generic plan after five runs; those are not checked here (PostgreSQL
 * 15 has no EXPLAIN (GENERIC_PLAN)).
 */

/** Tables whose size grows with tickets: none of them may be read whole. */
const BIG_TABLES = new Set([
  'tickets',
  'messages',
  'ticket_search',
  'customers',
  'ticket_participants',
  'ticket_history',
  'ticket_reads',
  'access_requests',
  'timers',
]);

/** Statements EXPLAIN accepts (after planPerCall's leading comment); not SAVEPOINT and the like. */
const EXPLAINABLE = /^\s*(?:\/\*[^]*?\*\/\s*)?(?:SELECT|WITH|INSERT|UPDATE|DELETE)\b/i;

interface Statement {
  sql: string;
  params: unknown[];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

/** An index the request must use, or a list of indexes of which it must use one. */
type Expected = string | readonly string[];

function* nodesOf(plan: PlanNode): Generator<PlanNode> {
  yield plan;
  for (const child of plan.Plans ?? []) yield* nodesOf(child);
}

/** A statement, shortened for failure messages. */
const excerpt = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 160);

describe('ticket-core query plans', () => {
  let harness: InProcessHarness;
  let app: INestApplication;
  let client: TestNatsClient;
  let db: Client;
  /** The test's own connection for EXPLAIN, with sequential scans priced out. */
  let explainer: Client;
  /** Index name → its table, for Bitmap Index Scan nodes (which name no relation). */
  let indexTables: Map<string, string>;
  let recorder: jest.Spied<DataSource['query']>;

  // Workspace one has teams A, B, C; workspace two has none (every agent sees everything).
  let alice: AgentFixture; // agent in team A
  let boss: AgentFixture; // supervisor, sees all
  let nina: AgentFixture; // agent in the workspace without teams
  let ws1: string;
  let teamA: string;

  /** Runs `request` and answers the statements the service sent for it. */
  async function statementsOf(request: () => Promise<unknown>): Promise<Statement[]> {
    recorder.mockClear();
    await request();
    // Positional parameters only: the services pass arrays, never named-parameter objects.
    return recorder.mock.calls.map(([sql, params]) => ({
      sql,
      params: Array.isArray(params) ? params : [],
    }));
  }

  /** What is wrong with the plans of `statements`: each problem names its statement. */
  async function problemsOf(statements: Statement[], uses: Expected[]): Promise<string[]> {
    const problems: string[] = [];
    const used = new Set<string>();
    const explained = statements.filter((statement) => EXPLAINABLE.test(statement.sql));
    if (explained.length === 0) problems.push('no statement was recorded');
    for (const { sql, params } of explained) {
      const { rows } = await explainer.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `EXPLAIN (FORMAT JSON) ${sql}`,
        params,
      );
      for (const node of nodesOf(rows[0]!['QUERY PLAN'][0].Plan)) {
        const type = node['Node Type'];
        const index = node['Index Name'];
        const table = node['Relation Name'] ?? (index && indexTables.get(index));
        if (index) used.add(index);
        if (!table || !BIG_TABLES.has(table)) continue;
        if (type === 'Seq Scan') {
          problems.push(`Seq Scan on ${table} in: ${excerpt(sql)}`);
        } else if (index && !node['Index Cond']) {
          problems.push(`${type} of all of ${index} on ${table} in: ${excerpt(sql)}`);
        }
      }
    }
    for (const expected of uses) {
      const anyOf = typeof expected === 'string' ? [expected] : expected;
      if (!anyOf.some((index) => used.has(index))) {
        problems.push(`uses none of ${anyOf.join(', ')} (used: ${[...used].sort().join(', ')})`);
      }
    }
    return problems;
  }

  /** Runs `request` and checks the plans of everything it sent. */
  async function expectServedByIndexes(request: () => Promise<unknown>, uses: Expected[]) {
    const statements = await statementsOf(request);
    expect(await problemsOf(statements, uses)).toEqual([]);
  }

  const view = (
    actor: Actor,
    name: ViewName,
    options: Omit<ListViewV1, 'actor' | 'view'> = {},
  ): Promise<TicketPageV1> => client.rpc.request(LIST_VIEW_V1, { actor, view: name, ...options });

  /** A view's first two pages: the second is read after a keyset cursor. */
  async function twoPages(
    actor: Actor,
    name: ViewName,
    options: Omit<ListViewV1, 'actor' | 'view'> = {},
  ) {
    const first = await view(actor, name, { ...options, limit: 5 });
    expectWith(`${name} has a second page`, first.nextCursor).not.toBeNull();
    await view(actor, name, { ...options, limit: 5, cursor: first.nextCursor! });
  }

  const search = async (actor: Actor, options: Omit<SearchTicketsV1, 'actor'>) => {
    const page: TicketPageV1 = await client.rpc.request(SEARCH_TICKETS_V1, { actor, ...options });
    expectWith(
      `search ${JSON.stringify(options)} finds tickets`,
      page.items.length,
    ).toBeGreaterThan(0);
  };

  async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
    const { rows } = await db.query(sql, params);
    return rows[0] as T;
  }

  beforeAll(async () => {
    harness = await startInProcessHarness(ticketCoreService, 'plans');
    ({ app, client, db } = harness);
    // The pollers stop: only the requests' own statements are recorded, and timers stay put.
    for (const poller of [TimerRunner, SearchIndexFlusher, OutboxRelay]) {
      await app.get(poller).onModuleDestroy();
    }
    recorder = jest.spyOn(app.get(DataSource), 'query');

    await db.query('SET search_path = ticket_core, public');
    ws1 = (await newWorkspace(db)).id;
    const ws2 = (await newWorkspace(db)).id;
    const teams = [];
    for (const name of ['A', 'B', 'C']) teams.push((await newTeam(db, ws1, { name })).id);
    teamA = teams[0]!;
    alice = await newAgent(db, ws1, { teamIds: [teamA] });
    const bob = await newAgent(db, ws1, { teamIds: [teams[1]!] });
    const carol = await newAgent(db, ws1, { teamIds: [teamA, teams[2]!] });
    const dan = await newAgent(db, ws1, { teamIds: [teams[2]!] });
    boss = await newAgent(db, ws1, { role: 'supervisor' });
    nina = await newAgent(db, ws2);
    const olga = await newAgent(db, ws2);
    const ids = (agents: AgentFixture[]) => agents.map((agent) => agent.id);
    await seedTickets(ws1, 400, 3000, teams, ids([alice, bob, carol, dan]));
    await seedTickets(ws2, 150, 1000, [], ids([nina, olga]));
    await seedActivity([ws1, ws2], alice.id, bob.id);
    await seedNeighbour();
    // Statistics and a merged GIN pending list, as a running installation has them.
    await db.query('VACUUM (ANALYZE)');

    explainer = new Client({
      connectionString: harness.databaseUrl,
      options: '-c search_path=ticket_core,public -c enable_seqscan=off',
    });
    await explainer.connect();
    const { rows } = await explainer.query<{ indexname: string; tablename: string }>(
      `SELECT indexname, tablename FROM pg_indexes WHERE schemaname = 'ticket_core'`,
    );
    indexTables = new Map(rows.map((row) => [row.indexname, row.tablename]));
  });

  afterAll(async () => {
    recorder?.mockRestore();
    await explainer?.end();
    await harness?.close();
  });

  /**
   * `customers` customers and `tickets` tickets (with their search rows), numbered 1…n, seven
   * minutes apart. Every choice follows from the number: statuses in sevens (new, open ×2, pending,
   * solved ×3), a team (if the workspace has any) for three in four, an assignee for all but new
   * ones, a third of solved ones archived, one in 97 deleted, one in six labelled "vip", one in 500
   * mentioning "zebra" and every one a common word out of ten.
   */
  async function seedTickets(
    workspaceId: string,
    customers: number,
    tickets: number,
    teamIds: string[],
    agentIds: string[],
  ): Promise<void> {
    await db.query(
      `INSERT INTO customers (workspace_id, name, email)
       SELECT $1::uuid, 'Customer ' || n, 'customer' || n || '@' || $1::uuid || '.test'
         FROM generate_series(1, $2::int) n`,
      [workspaceId, customers],
    );
    await db.query(
      `WITH c AS (SELECT array_agg(id ORDER BY email) AS ids FROM customers WHERE workspace_id = $1::uuid),
       s AS (SELECT i, (ARRAY['new', 'open', 'open', 'pending', 'solved', 'solved', 'solved'])[1 + i % 7] AS status,
                    ($4::uuid[])[1 + (i / 7) % cardinality($4::uuid[])] AS agent,
                    now() - ($2::int - i) * interval '7 minutes' AS created_at
               FROM generate_series(1, $2::int) i)
       INSERT INTO tickets (workspace_id, number, channel, subject, status, priority, team_id,
         assignee_id, customer_id, labels, public_token, created_at, updated_at, last_activity_at,
         solved_at, solved_by, remind_at, archived_at, deleted_at)
       SELECT $1::uuid, i, (ARRAY['mail', 'chat', 'web', 'manual'])[1 + i % 4],
              'Ticket ' || i || ' about ' || (ARRAY['printer', 'invoice', 'refund', 'login', 'password',
                'shipping', 'delivery', 'account', 'billing', 'upgrade'])[1 + i % 10]
                || CASE WHEN i % 500 = 0 THEN ' zebra' ELSE '' END,
              status, (ARRAY['low', 'normal', 'normal', 'high', 'urgent'])[1 + i % 5],
              CASE WHEN i % 4 <> 0 THEN ($3::uuid[])[1 + i % nullif(cardinality($3::uuid[]), 0)] END,
              CASE WHEN status <> 'new' THEN agent END,
              c.ids[1 + i % cardinality(c.ids)],
              CASE WHEN i % 6 = 0 THEN ARRAY['vip'] ELSE '{}' END,
              md5($1::uuid || ':' || i) || md5(i || ':' || $1::uuid),
              created_at, created_at, created_at + interval '3 minutes',
              CASE WHEN status = 'solved' THEN created_at + interval '1 hour' END,
              CASE WHEN status = 'solved' THEN agent END,
              CASE WHEN status = 'pending' THEN now() + (1 + i % 10) * interval '1 day' END,
              CASE WHEN status = 'solved' AND i % 3 = 1 THEN created_at + interval '1 day' END,
              CASE WHEN i % 97 = 0 THEN created_at + interval '2 hours' END
         FROM s, c`,
      [workspaceId, tickets, teamIds, agentIds],
    );
    await db.query(`INSERT INTO ticket_counters (workspace_id, last_number) VALUES ($1, $2)`, [
      workspaceId,
      tickets,
    ]);
    await db.query(
      `INSERT INTO ticket_search (ticket_id, workspace_id, created_at, search_vector)
       SELECT t.id, t.workspace_id, t.created_at,
              setweight(to_tsvector('simple', t.subject), 'A')
                || setweight(to_tsvector('simple', c.name || ' ' || c.email), 'B')
         FROM tickets t JOIN customers c ON c.id = t.customer_id
        WHERE t.workspace_id = $1`,
      [workspaceId],
    );
  }

  /**
   * Another tenant, bigger than the two under test: 10,000 tickets and 200 agents in 5 teams. A
   * plan that is not bounded by the caller's workspace (or agent, or customer) reads its rows too,
   * so the planner prices such a plan as it would at scale, not as a few hundred rows.
   */
  async function seedNeighbour(): Promise<void> {
    const workspaceId = (await newWorkspace(db)).id;
    const teams = [];
    for (let k = 1; k <= 5; k++) teams.push((await newTeam(db, workspaceId)).id);
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO agents (workspace_id, name, email, role)
       SELECT $1, 'Neighbour ' || n, 'neighbour' || n || '@agents.test', 'agent'
         FROM generate_series(1, 200) n
       RETURNING id`,
      [workspaceId],
    );
    const agentIds = rows.map((row) => row.id);
    await seedTickets(workspaceId, 300, 10_000, teams, agentIds);
  }

  /** Messages, history, participants, reads, access requests and timers of `workspaceIds`. */
  async function seedActivity(
    workspaceIds: string[],
    aliceId: string,
    bobId: string,
  ): Promise<void> {
    const ofWorkspaces = 'workspace_id = ANY($1::uuid[])';
    await db.query(
      `INSERT INTO messages (workspace_id, ticket_id, visibility, author_kind, author_id, body_text, created_at)
       SELECT t.workspace_id, t.id, CASE WHEN k = 3 THEN 'internal' ELSE 'public' END,
              CASE WHEN k = 1 OR t.assignee_id IS NULL THEN 'customer' ELSE 'agent' END,
              CASE WHEN k = 1 OR t.assignee_id IS NULL THEN t.customer_id ELSE t.assignee_id END,
              'Message ' || k || ' on ' || t.subject, t.created_at + k * interval '1 minute'
         FROM tickets t CROSS JOIN generate_series(1, 3) k WHERE t.${ofWorkspaces}`,
      [workspaceIds],
    );
    await db.query(
      `INSERT INTO ticket_history (workspace_id, ticket_id, actor_kind, action, created_at)
       SELECT workspace_id, id, 'system', 'created', created_at FROM tickets WHERE ${ofWorkspaces}`,
      [workspaceIds],
    );
    // Alice takes part in some tickets of other teams (her Open view's second part).
    const ofAgent = 'workspace_id = (SELECT workspace_id FROM agents WHERE id = $1)';
    await db.query(
      `INSERT INTO ticket_participants (workspace_id, ticket_id, agent_id)
       SELECT workspace_id, id, $1 FROM tickets
        WHERE ${ofAgent} AND number % 10 = 1 AND assignee_id IS DISTINCT FROM $1`,
      [aliceId],
    );
    await db.query(
      `INSERT INTO ticket_reads (workspace_id, agent_id, ticket_id, read_at)
       SELECT workspace_id, $1, id, last_activity_at FROM tickets WHERE ${ofAgent} AND number % 3 = 0`,
      [aliceId],
    );
    await db.query(
      `INSERT INTO access_requests (workspace_id, ticket_id, agent_id)
       SELECT workspace_id, id, $1 FROM tickets WHERE ${ofAgent} AND number % 100 = 0`,
      [bobId],
    );
    // All in the future: reminders of pending tickets, archiving of solved ones.
    await db.query(
      `INSERT INTO timers (workspace_id, ticket_id, kind, due_at)
       SELECT workspace_id, id, 'pending-reminder', remind_at FROM tickets
        WHERE ${ofWorkspaces} AND status = 'pending'
       UNION ALL
       SELECT workspace_id, id, 'archive', solved_at + interval '90 days' FROM tickets
        WHERE ${ofWorkspaces} AND status = 'solved' AND archived_at IS NULL`,
      [workspaceIds],
    );
  }

  describe('views, each in its first two pages (page, count and keyset)', () => {
    it('New: tickets_new_team per team for a team agent, tickets_new for a supervisor', async () => {
      await expectServedByIndexes(() => twoPages(agentActor(alice), 'new'), ['tickets_new_team']);
      await expectServedByIndexes(() => twoPages(agentActor(boss), 'new'), ['tickets_new']);
      await expectServedByIndexes(() => twoPages(agentActor(nina), 'new'), ['tickets_new']);
    });

    it('Open: tickets_assignee, and ticket_participants_agent for tickets I take part in', async () => {
      await expectServedByIndexes(
        () => twoPages(agentActor(alice), 'open'),
        ['tickets_assignee', 'ticket_participants_agent', 'tickets_pkey'],
      );
    });

    it("Team: tickets_team_open for a team agent, the agents' tickets_assignee for others", async () => {
      await expectServedByIndexes(() => twoPages(agentActor(alice), 'team'), ['tickets_team_open']);
      await expectServedByIndexes(() => twoPages(agentActor(boss), 'team'), ['tickets_assignee']);
      await expectServedByIndexes(() => twoPages(agentActor(nina), 'team'), ['tickets_assignee']);
    });

    it('Pending: tickets_assignee', async () => {
      await expectServedByIndexes(
        () => twoPages(agentActor(alice), 'pending'),
        ['tickets_assignee'],
      );
      await expectServedByIndexes(
        () => twoPages(agentActor(nina), 'pending'),
        ['tickets_assignee'],
      );
    });

    it('Solved: tickets_solved, tickets_solved_by for "solved by me", and with a label', async () => {
      await expectServedByIndexes(() => twoPages(agentActor(alice), 'solved'), ['tickets_solved']);
      await expectServedByIndexes(() => twoPages(agentActor(boss), 'solved'), ['tickets_solved']);
      await expectServedByIndexes(
        () => twoPages(agentActor(alice), 'solved', { solvedByMe: true }),
        ['tickets_solved_by'],
      );
      await expectServedByIndexes(
        () => twoPages(agentActor(boss), 'solved', { label: 'vip' }),
        [['tickets_solved', 'tickets_labels']],
      );
    });
  });

  it('view counts: each view counted from its index', async () => {
    const counts = (actor: Actor) => client.rpc.request(VIEW_COUNTS_V1, { actor });
    await expectServedByIndexes(
      () => counts(agentActor(alice)),
      [
        'tickets_new_team',
        'tickets_assignee',
        'ticket_participants_agent',
        'tickets_team_open',
        'tickets_solved',
      ],
    );
    await expectServedByIndexes(
      () => counts(agentActor(boss)),
      ['tickets_new', 'tickets_assignee', 'tickets_solved'],
    );
  });

  describe('one ticket', () => {
    it('by id: the primary key, then its messages, history and access requests', async () => {
      const { id } = await one<{ id: string }>(
        `SELECT id FROM tickets WHERE workspace_id = $1 AND number = 1500`,
        [ws1],
      );
      await expectServedByIndexes(
        () => client.rpc.request(GET_TICKET_V1, { actor: agentActor(alice), ticketId: id }),
        ['tickets_pkey', 'messages_ticket', 'ticket_history_ticket', 'access_requests_ticket'],
      );
    });

    it('by #number: UNIQUE (workspace_id, number), by lookup and by search', async () => {
      await expectServedByIndexes(
        () =>
          client.rpc.request(GET_TICKET_BY_NUMBER_V1, { actor: agentActor(boss), number: 1500 }),
        ['tickets_workspace_id_number_key', 'messages_ticket'],
      );
      await expectServedByIndexes(
        () => search(agentActor(alice), { text: '#1500' }),
        ['tickets_workspace_id_number_key'],
      );
    });

    it('by mail Message-ID: messages_mail_id, then the primary key', async () => {
      await expectServedByIndexes(
        () =>
          client.rpc.request(FIND_TICKET_BY_MAIL_V1, {
            actor: systemActor(ws1),
            messageIds: ['<unknown@mail.test>', '<another@mail.test>'],
          }),
        ['messages_mail_id', 'tickets_pkey'],
      );
    });

    it("by public token: UNIQUE (public_token), then the ticket's messages", async () => {
      const { public_token } = await one<{ public_token: string }>(
        `SELECT public_token FROM tickets WHERE workspace_id = $1 AND number = 1500`,
        [ws1],
      );
      await expectServedByIndexes(
        () => client.rpc.request(GET_TICKET_BY_TOKEN_V1, { token: public_token }),
        ['tickets_public_token_key', 'messages_ticket'],
      );
    });
  });

  describe('search', () => {
    it('a rare word: the GIN index of ticket_search', async () => {
      await expectServedByIndexes(
        () => search(agentActor(alice), { text: 'zebra' }),
        ['ticket_search_vector', 'tickets_pkey'],
      );
    });

    it('a common word: ticket_search, through its GIN index or newest first', async () => {
      await expectServedByIndexes(
        () => search(agentActor(boss), { text: 'printer' }),
        [['ticket_search_vector', 'ticket_search_newest']],
      );
    });

    it('text with filters', async () => {
      await expectServedByIndexes(
        () =>
          search(agentActor(alice), {
            text: 'invoice',
            status: ['open', 'solved'],
            teamId: teamA,
            priority: ['normal', 'high'],
            createdFrom: new Date(Date.now() - 10 * 24 * 3600_000).toISOString(),
            includeArchived: true,
          }),
        [['ticket_search_vector', 'ticket_search_newest']],
      );
    });

    it('filters without text: tickets_created, or an index of the filter', async () => {
      await expectServedByIndexes(
        () => search(agentActor(boss), { status: ['pending'], channel: ['mail', 'web'] }),
        ['tickets_created'],
      );
      await expectServedByIndexes(
        () => search(agentActor(alice), { label: 'vip', includeArchived: true }),
        [['tickets_created', 'tickets_labels']],
      );
      await expectServedByIndexes(
        () => search(agentActor(boss), { assigneeId: alice.id }),
        [['tickets_created', 'tickets_assignee']],
      );
    });
  });

  it("the customer's earlier tickets: the customer's key, then tickets_customer", async () => {
    const { customer_id } = await one<{ customer_id: string }>(
      `SELECT customer_id FROM tickets WHERE workspace_id = $1 AND number = 1500`,
      [ws1],
    );
    await expectServedByIndexes(
      () =>
        client.rpc.request(GET_CUSTOMER_V1, {
          actor: agentActor(alice),
          customerId: customer_id,
        }),
      ['customers_pkey', 'tickets_customer'],
    );
  });

  it('timer pickup: the earliest due timer by timers_due, FOR UPDATE SKIP LOCKED', async () => {
    // A few timers due now among thousands due later; the runner's loop is stopped (beforeAll).
    await db.query(
      `INSERT INTO timers (workspace_id, ticket_id, kind, due_at)
       SELECT workspace_id, id, 'reopen-window', now() - number * interval '1 second'
         FROM tickets WHERE workspace_id = $1 AND status = 'solved' AND number BETWEEN 1000 AND 1030`,
      [ws1],
    );
    const runner = app.get(TimerRunner);
    const statements = await statementsOf(async () => expect(await runner.fireNext()).toBe(true));
    expect(statements[0]?.sql).toMatch(/FROM timers\s.*FOR UPDATE SKIP LOCKED$/s);
    // The pickup, then the timer's delete and the ticket's lock and save: all by index.
    expect(await problemsOf(statements, ['timers_due', 'timers_pkey', 'tickets_pkey'])).toEqual([]);
  });

  describe('the check itself', () => {
    /** `statements` checked with `ddl` applied, in a transaction rolled back afterwards. */
    async function problemsWithout(ddl: string, statements: Statement[], uses: Expected[]) {
      await explainer.query('BEGIN');
      try {
        await explainer.query(ddl);
        return await problemsOf(statements, uses);
      } finally {
        await explainer.query('ROLLBACK');
      }
    }

    it('fails when the New view loses tickets_new (another index would serve it, unordered)', async () => {
      const statements = await statementsOf(() => view(agentActor(boss), 'new'));
      expect(await problemsOf(statements, ['tickets_new'])).toEqual([]);
      const problems = await problemsWithout('DROP INDEX tickets_new', statements, ['tickets_new']);
      expect(problems).toContainEqual(expect.stringMatching(/^uses none of tickets_new /));
    });

    it('fails on a Seq Scan: timer pickup without timers_due', async () => {
      const statements = await statementsOf(() => app.get(TimerRunner).fireNext());
      expect(await problemsOf(statements, ['timers_due'])).toEqual([]);
      const problems = await problemsWithout('DROP INDEX timers_due', statements, []);
      expect(problems).toContainEqual(expect.stringMatching(/^Seq Scan on timers in: SELECT/));
    });
  });
});
