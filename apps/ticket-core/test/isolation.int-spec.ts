import * as c from '@switchboard/contracts';
import { Actor, ErrorCode } from '@switchboard/contracts';
import {
  expectWith,
  InProcessHarness,
  rejection,
  startInProcessHarness,
  TestNatsClient,
} from '@switchboard/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ticketCoreService } from '../src/service';
import {
  agentActor,
  AgentFixture,
  newAccessRequest,
  newAgent,
  newCustomer,
  newTeam,
  newTicket,
  TicketFixture,
} from './factories';

/** knowledge-base answers its suggestions itself (it reads the ticket through GET_TICKET_V1). */
type TicketScoped = Exclude<
  {
    [S in c.RequestSubject]: c.RequestOf<S> extends { ticketId: string } ? S : never;
  }[c.RequestSubject],
  typeof c.SUGGEST_KB_ARTICLES_V1
>;

const FUTURE = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
const OTHER_ID = '00000000-0000-4000-8000-000000000001';

/** Every command and query that names a ticket, with a valid payload apart from the ticket. */
const ticketRequests: { [S in TicketScoped]: (actor: Actor, ticketId: string) => c.RequestOf<S> } =
  {
    [c.REPLY_TICKET_V1]: (actor, ticketId) => ({ actor, ticketId, body: 'x' }),
    [c.ADD_NOTE_V1]: (actor, ticketId) => ({ actor, ticketId, body: 'x' }),
    [c.CLAIM_TICKET_V1]: (actor, ticketId) => ({ actor, ticketId }),
    [c.ASSIGN_TICKET_V1]: (actor, ticketId) => ({ actor, ticketId, assigneeId: actor.agentId }),
    [c.RETURN_TICKET_V1]: (actor, ticketId) => ({ actor, ticketId }),
    [c.SET_PENDING_V1]: (actor, ticketId) => ({ actor, ticketId, remindAt: FUTURE }),
    [c.SET_AUTO_SOLVE_V1]: (actor, ticketId) => ({ actor, ticketId, autoSolveAt: FUTURE }),
    [c.SOLVE_TICKET_V1]: (actor, ticketId) => ({ actor, ticketId, withSummary: false }),
    [c.REOPEN_TICKET_V1]: (actor, ticketId) => ({ actor, ticketId }),
    [c.SET_PRIORITY_V1]: (actor, ticketId) => ({ actor, ticketId, priority: 'urgent' }),
    [c.CHANGE_LABELS_V1]: (actor, ticketId) => ({ actor, ticketId, add: ['x'], remove: [] }),
    [c.CHANGE_PARTICIPANTS_V1]: (actor, ticketId) => ({ actor, ticketId, add: [], remove: [] }),
    [c.REQUEST_ACCESS_V1]: (actor, ticketId) => ({ actor, ticketId }),
    [c.SEND_TRANSCRIPT_V1]: (actor, ticketId) => ({ actor, ticketId }),
    [c.DECIDE_ACCESS_V1]: (actor, ticketId) => ({
      actor,
      ticketId,
      requestId: OTHER_ID,
      grant: true,
    }),
    [c.MARK_READ_V1]: (actor, ticketId) => ({ actor, ticketId, read: true }),
    [c.DELETE_TICKET_V1]: (actor, ticketId) => ({ actor, ticketId }),
    [c.RESTORE_TICKET_V1]: (actor, ticketId) => ({ actor, ticketId }),
    [c.MERGE_TICKET_V1]: (actor, ticketId) => ({ actor, ticketId, intoTicketId: OTHER_ID }),
    [c.CONVERT_TO_MAIL_V1]: (actor, ticketId) => ({ actor, ticketId }),
    [c.ANSWER_LATER_V1]: (actor, ticketId) => ({ actor, ticketId, remindAt: FUTURE }),
    [c.SCHEDULE_INTAKE_CLOSE_V1]: (actor, ticketId) => ({ actor, ticketId }),
    [c.ROTATE_PUBLIC_TOKEN_V1]: (actor, ticketId) => ({ actor, ticketId }),
    [c.GET_TICKET_V1]: (actor, ticketId) => ({ actor, ticketId }),
    [c.GET_TICKET_MESSAGES_V1]: (actor, ticketId) => ({
      actor,
      ticketId,
      reader: 'agent',
      after: 0,
    }),
    [c.RECORD_DELIVERY_V1]: (actor, ticketId) => ({
      actor,
      ticketId,
      mailMessageId: '<a@b>',
      state: 'sent',
    }),
    [c.RENDER_CANNED_REPLY_V1]: (actor, ticketId) => ({ actor, ticketId, cannedReplyId: OTHER_ID }),
  };

/** One request, its payload type-checked against its subject. */
type Call = { [S in c.RequestSubject]: { subject: S; payload: c.RequestOf<S> } }[c.RequestSubject];
const call = <S extends c.RequestSubject>(subject: S, payload: c.RequestOf<S>) =>
  ({ subject, payload }) as Call;

/** What workspace B has that a request of workspace A might name inside its payload. */
interface OfB {
  team: string;
  agent: AgentFixture;
  customer: { id: string; email: string; externalId: string };
  /** New and unassigned, older than anything of A: first in line for a quick accept. */
  claimable: TicketFixture[];
  /** Open and assigned to B's agent; one of its messages carries `attachmentKey`. */
  open: TicketFixture;
  accessRequestId: string;
  sharedReplyId: string;
  personalReplyId: string;
  attachmentKey: string;
  /** A ticket number B has and A has not. */
  onlyNumber: number;
}

/**
 * Requests of workspace A's admin about A's own ticket (or about nothing in particular) that name
 * something of workspace B inside the payload. Each must answer NOT_FOUND, as for an id that
 * exists nowhere, and write nothing.
 */
const foreignRefs: Record<string, (actor: Actor, own: TicketFixture, b: OfB) => Call> = {
  'merge into a ticket of B': (actor, own, b) =>
    call(c.MERGE_TICKET_V1, { actor, ticketId: own.id, intoTicketId: b.claimable[0].id }),
  'assign to an agent of B': (actor, own, b) =>
    call(c.ASSIGN_TICKET_V1, { actor, ticketId: own.id, assigneeId: b.agent.id }),
  'assign to a team of B': (actor, own, b) =>
    call(c.ASSIGN_TICKET_V1, { actor, ticketId: own.id, teamId: b.team }),
  'assign to me and a team of B': (actor, own, b) =>
    call(c.ASSIGN_TICKET_V1, {
      actor,
      ticketId: own.id,
      assigneeId: actor.agentId,
      teamId: b.team,
    }),
  'add an agent of B as participant': (actor, own, b) =>
    call(c.CHANGE_PARTICIPANTS_V1, { actor, ticketId: own.id, add: [b.agent.id], remove: [] }),
  'create a ticket for a team of B': (actor, _own, b) =>
    call(c.CREATE_TICKET_V1, {
      actor,
      channel: 'manual',
      subject: 'For a team of B',
      body: 'x',
      teamId: b.team,
      customer: { email: 'someone-of-a@example.com' },
    }),
  'decide an access request of B': (actor, own, b) =>
    call(c.DECIDE_ACCESS_V1, {
      actor,
      ticketId: own.id,
      requestId: b.accessRequestId,
      grant: true,
    }),
  'render a shared canned reply of B': (actor, own, b) =>
    call(c.RENDER_CANNED_REPLY_V1, { actor, ticketId: own.id, cannedReplyId: b.sharedReplyId }),
  'render a personal canned reply of B': (actor, own, b) =>
    call(c.RENDER_CANNED_REPLY_V1, { actor, ticketId: own.id, cannedReplyId: b.personalReplyId }),
  'update a canned reply of B': (actor, _own, b) =>
    call(c.UPDATE_CANNED_REPLY_V1, { actor, cannedReplyId: b.sharedReplyId, body: 'taken over' }),
  'delete a canned reply of B': (actor, _own, b) =>
    call(c.DELETE_CANNED_REPLY_V1, { actor, cannedReplyId: b.sharedReplyId }),
  'get a customer of B': (actor, _own, b) =>
    call(c.GET_CUSTOMER_V1, { actor, customerId: b.customer.id }),
  'update a customer of B': (actor, _own, b) =>
    call(c.UPDATE_CUSTOMER_V1, { actor, customerId: b.customer.id, notes: 'taken over' }),
  'get an agent of B': (actor, _own, b) => call(c.GET_AGENT_V1, { actor, agentId: b.agent.id }),
  'put an agent into a team of B': (actor, _own, b) =>
    call(c.UPSERT_AGENT_V1, {
      actor,
      name: 'Newcomer',
      email: 'newcomer@example.test',
      role: 'agent',
      teamIds: [b.team],
    }),
  'find an attachment of B': (actor, _own, b) =>
    call(c.FIND_ATTACHMENT_V1, { actor, key: b.attachmentKey }),
  'get a ticket by a number only B has': (actor, _own, b) =>
    call(c.GET_TICKET_BY_NUMBER_V1, { actor, number: b.onlyNumber }),
};

/**
 * Every table a command writes. The outbox without the relay's columns: it marks rows sent in
 * the background. ticket_search is left out: its index is flushed in the background too.
 */
const WRITTEN: [table: string, select: string][] = [
  ...[
    'workspaces',
    'ticket_counters',
    'teams',
    'agents',
    'team_members',
    'customers',
    'tickets',
    'ticket_participants',
    'ticket_reads',
    'messages',
    'ticket_history',
    'access_requests',
    'timers',
    'labels',
    'canned_replies',
  ].map((table): [string, string] => [table, `SELECT * FROM ticket_core.${table}`]),
  ['outbox', 'SELECT id, subject, envelope FROM ticket_core.outbox'],
];

describe('workspace isolation and team scoping over every ticket request', () => {
  let harness: InProcessHarness;
  let client: TestNatsClient;
  let db: Client;
  const actors: Record<'adminA' | 'adminB' | 'agentTeamX' | 'agentTeamY', Actor> = {} as never;
  let ticketOfA: c.TicketSummaryV1;
  let teamYTicket: c.TicketSummaryV1;
  let workspaceA: string;
  let workspaceB: string;

  async function agent(workspaceId: string, name: string, role: c.Role, teamIds: string[]) {
    return agentActor(await newAgent(db, workspaceId, { name, role, teamIds }));
  }

  const team = async (workspaceId: string, name: string) =>
    (await newTeam(db, workspaceId, { name })).id;

  beforeAll(async () => {
    harness = await startInProcessHarness(ticketCoreService, 'iso');
    ({ client, db } = harness);
    const a = await client.rpc.request(c.CREATE_WORKSPACE_V1, { name: 'A', slug: 'a' });
    const b = await client.rpc.request(c.CREATE_WORKSPACE_V1, { name: 'B', slug: 'b' });
    [workspaceA, workspaceB] = [a.id, b.id];
    const [x, y] = [await team(a.id, 'X'), await team(a.id, 'Y')];
    actors.adminA = await agent(a.id, 'AdminA', 'admin', []);
    actors.adminB = await agent(b.id, 'AdminB', 'admin', []);
    actors.agentTeamX = await agent(a.id, 'AgentX', 'agent', [x]);
    actors.agentTeamY = await agent(a.id, 'AgentY', 'agent', [y]);
    const system: Actor = { kind: 'system', workspaceId: a.id, teamIds: [] };
    ticketOfA = await client.rpc.request(c.CREATE_TICKET_V1, {
      actor: system,
      channel: 'chat',
      subject: 'Secret of A',
      body: 'only for A',
      customer: { email: 'a-customer@example.com' },
    });
    teamYTicket = await client.rpc.request(c.CREATE_TICKET_V1, {
      actor: system,
      channel: 'mail',
      subject: 'For team Y',
      body: 'only for Y',
      teamId: y,
      customer: { email: 'y-customer@example.com' },
    });
  });

  afterAll(() => harness?.close());

  const codeOf = async (request: Promise<unknown>) => (await rejection(request)).code;

  const state = async (ticketId: string) =>
    (
      await db.query(
        `SELECT status, assignee_id, priority, labels, version, deleted_at, public_token
           FROM ticket_core.tickets WHERE id = $1`,
        [ticketId],
      )
    ).rows[0];

  const subjects = Object.keys(ticketRequests) as TicketScoped[];

  it.each(subjects)('%s: another workspace gets NOT_FOUND and changes nothing', async (subject) => {
    const before = await state(ticketOfA.id);
    const build = ticketRequests[subject] as (actor: Actor, id: string) => never;
    const code = await codeOf(client.rpc.request(subject, build(actors.adminB, ticketOfA.id)));
    expect(code).toBe(ErrorCode.NOT_FOUND);
    expect(await state(ticketOfA.id)).toEqual(before);
  });

  it.each(subjects)(
    '%s: an agent of another team gets NOT_FOUND and changes nothing',
    async (subject) => {
      const before = await state(teamYTicket.id);
      const build = ticketRequests[subject] as (actor: Actor, id: string) => never;
      const code = await codeOf(
        client.rpc.request(subject, build(actors.agentTeamX, teamYTicket.id)),
      );
      expect(code).toBe(ErrorCode.NOT_FOUND);
      expect(await state(teamYTicket.id)).toEqual(before);
    },
  );

  it('finds nothing of another workspace by number, in views, in search or by customer', async () => {
    const byNumber = await codeOf(
      client.rpc.request(c.GET_TICKET_BY_NUMBER_V1, {
        actor: actors.adminB,
        number: ticketOfA.number,
      }),
    );
    expect(byNumber).toBe(ErrorCode.NOT_FOUND);
    for (const view of c.VIEWS) {
      const page = await client.rpc.request(c.LIST_VIEW_V1, { actor: actors.adminB, view });
      expect(page.items).toEqual([]);
    }
    const search = await client.rpc.request(c.SEARCH_TICKETS_V1, {
      actor: actors.adminB,
      text: 'secret',
    });
    expect(search.items).toEqual([]);
    const customer = await codeOf(
      client.rpc.request(c.GET_CUSTOMER_V1, {
        actor: actors.adminB,
        customerId: ticketOfA.customer.id,
      }),
    );
    expect(customer).toBe(ErrorCode.NOT_FOUND);
  });

  it("scopes the New view and search to the agent's teams, and lets the right team in", async () => {
    const ofX = await client.rpc.request(c.LIST_VIEW_V1, { actor: actors.agentTeamX, view: 'new' });
    expect(ofX.items.map((item) => item.id)).not.toContain(teamYTicket.id);
    const ofY = await client.rpc.request(c.LIST_VIEW_V1, { actor: actors.agentTeamY, view: 'new' });
    expect(ofY.items.map((item) => item.id)).toContain(teamYTicket.id);
    const claimed = await client.rpc.request(c.CLAIM_TICKET_V1, {
      actor: actors.agentTeamY,
      ticketId: teamYTicket.id,
    });
    expect(claimed.assigneeId).toBe(actors.agentTeamY.agentId);
  });

  describe('ids of workspace B inside the requests of A', () => {
    /** A's own ticket that the requests naming B's ids are about. */
    let own: TicketFixture;
    const ofB = {} as OfB;

    beforeAll(async () => {
      own = await newTicket(db, workspaceA, { subject: 'Own ticket of A' });
      await fixturesOfB();
    });

    /** B's things, each of a kind that some request of A names by id. */
    async function fixturesOfB() {
      ofB.team = (await newTeam(db, workspaceB)).id;
      ofB.agent = await newAgent(db, workspaceB, { teamIds: [ofB.team] });
      const customer = await newCustomer(db, workspaceB, {
        email: 'b-customer@example.com',
        externalId: 'b-customer-1',
        notes: 'only for B',
      });
      ofB.customer = {
        id: customer.id,
        email: 'b-customer@example.com',
        externalId: 'b-customer-1',
      };
      const dayAgo = new Date(Date.now() - 24 * 3600 * 1000);
      ofB.claimable = [
        await newTicket(db, workspaceB, {
          customerId: customer.id,
          subject: 'Zebra secret of B',
          body: 'zebra',
          createdAt: dayAgo,
        }),
        await newTicket(db, workspaceB, { teamId: ofB.team, createdAt: dayAgo }),
      ];
      ofB.open = await newTicket(db, workspaceB, {
        customerId: customer.id,
        assigneeId: ofB.agent.id,
        teamId: ofB.team,
        subject: 'Zebra open of B',
      });
      ofB.onlyNumber = (await newTicket(db, workspaceB, { number: 9000 })).number;
      ofB.accessRequestId = (await newAccessRequest(db, ofB.open, actors.adminB.agentId!)).id;
      const reply = (shared: boolean) =>
        client.rpc.request(c.CREATE_CANNED_REPLY_V1, {
          actor: actors.adminB,
          title: shared ? 'Shared of B' : 'Personal of B',
          body: 'Hello {{customer_name}}',
          shared,
        });
      ofB.sharedReplyId = (await reply(true)).id;
      ofB.personalReplyId = (await reply(false)).id;
      ofB.attachmentKey = 'b'.repeat(64);
      await client.rpc.request(c.REPLY_TICKET_V1, {
        actor: actors.adminB,
        ticketId: ofB.open.id,
        body: 'see attached',
        attachments: [
          { key: ofB.attachmentKey, name: 'b.pdf', contentType: 'application/pdf', size: 1 },
        ],
      });
    }

    /** One fingerprint per written table: equal before and after means nothing was written. */
    async function fingerprint(): Promise<Record<string, string>> {
      const { rows } = await db.query(
        WRITTEN.map(
          ([table, select]) =>
            `SELECT '${table}' AS name,
                    md5(coalesce(string_agg(r::text, ',' ORDER BY r::text), '')) AS hash
               FROM (${select}) r`,
        ).join(' UNION ALL '),
      );
      return Object.fromEntries(rows.map((row) => [row.name, row.hash]));
    }

    const send = ({ subject, payload }: Call) => client.rpc.request(subject, payload as never);

    const idsOfB = async (): Promise<string[]> =>
      (
        await db.query(`SELECT id FROM ticket_core.tickets WHERE workspace_id = $1`, [workspaceB])
      ).rows.map((row) => row.id);

    it.each(Object.keys(foreignRefs))(
      '%s: an actor of A gets NOT_FOUND and nothing is written',
      async (name) => {
        const before = await fingerprint();
        const code = await codeOf(send(foreignRefs[name](actors.adminA, own, ofB)));
        expect(code).toBe(ErrorCode.NOT_FOUND);
        expect(await fingerprint()).toEqual(before);
      },
    );

    // The same lookups succeed for B itself: the ids above are real, A is refused for being A.
    it.each([
      'render a shared canned reply of B',
      'render a personal canned reply of B',
      'get a customer of B',
      'get an agent of B',
      'find an attachment of B',
      'get a ticket by a number only B has',
    ])('%s: B itself is answered', async (name) => {
      await expect(send(foreignRefs[name](actors.adminB, ofB.open, ofB))).resolves.toBeDefined();
    });

    it("links and creates customers of A's own for B's customer's email and external id", async () => {
      const customerOfB = `SELECT * FROM ticket_core.customers WHERE id = $1`;
      const before = (await db.query(customerOfB, [ofB.customer.id])).rows;
      const byEmail = await client.rpc.request(c.LINK_CUSTOMER_V1, {
        actor: actors.adminA,
        email: ofB.customer.email,
      });
      const byExternalId = await client.rpc.request(c.LINK_CUSTOMER_V1, {
        actor: actors.adminA,
        externalId: ofB.customer.externalId,
      });
      const ticket = await client.rpc.request(c.CREATE_TICKET_V1, {
        actor: actors.adminA,
        channel: 'manual',
        subject: "From the address of B's customer",
        body: 'x',
        customer: { email: ofB.customer.email },
      });
      for (const customer of [byEmail, byExternalId]) {
        expect(customer.workspaceId).toBe(workspaceA);
        expect(customer.id).not.toBe(ofB.customer.id);
        expect(customer.notes).toBeNull();
      }
      expect(ticket.workspaceId).toBe(workspaceA);
      expect(ticket.customer.id).toBe(byEmail.id);
      expect((await db.query(customerOfB, [ofB.customer.id])).rows).toEqual(before);
    });

    it("a number of B looked up from A answers A's own ticket with that number", async () => {
      const { number } = ofB.claimable[0];
      const { rows } = await db.query(
        `SELECT id FROM ticket_core.tickets WHERE workspace_id = $1 AND number = $2`,
        [workspaceA, number],
      );
      expectWith('A has a ticket with the number too', rows).toHaveLength(1);
      const found = await client.rpc.request(c.GET_TICKET_BY_NUMBER_V1, {
        actor: actors.adminA,
        number,
      });
      expect(found.id).toBe(rows[0].id);
    });

    /** Searches of A, each with the tickets of A it finds (none of B's, whatever B has). */
    type Finds = 'nothing' | 'ticketOfA' | 'sameNumber' | 'all';
    const searchesOfA: [string, (b: OfB) => Omit<c.SearchTicketsV1, 'actor'>, Finds][] = [
      ['a word only B has', () => ({ text: 'zebra' }), 'nothing'],
      ['a word both have', () => ({ text: 'secret' }), 'ticketOfA'],
      ['a number only B has', (b) => ({ text: `#${b.onlyNumber}` }), 'nothing'],
      ['a number both have', (b) => ({ text: `#${b.claimable[0].number}` }), 'sameNumber'],
      ["B's team", (b) => ({ teamId: b.team }), 'nothing'],
      ["B's agent", (b) => ({ assigneeId: b.agent.id }), 'nothing'],
      ['no text and no filter', () => ({}), 'all'],
    ];

    it.each(searchesOfA)('search of A for %s never finds tickets of B', async (_, build, finds) => {
      const request = build(ofB);
      const ownOfB = await client.rpc.request(c.SEARCH_TICKETS_V1, {
        ...request,
        actor: actors.adminB,
      });
      expectWith('B finds tickets of its own so', ownOfB.items.length).toBeGreaterThan(0);
      const expected = {
        nothing: [],
        ticketOfA: [ticketOfA.id],
        sameNumber: (
          await db.query(
            `SELECT id FROM ticket_core.tickets WHERE workspace_id = $1 AND number = $2`,
            [workspaceA, ofB.claimable[0].number],
          )
        ).rows.map((row) => row.id),
        all: (
          await db.query(
            `SELECT id FROM ticket_core.tickets
              WHERE workspace_id = $1 AND deleted_at IS NULL AND archived_at IS NULL`,
            [workspaceA],
          )
        ).rows.map((row) => row.id),
      }[finds];
      const page = await client.rpc.request(c.SEARCH_TICKETS_V1, {
        ...request,
        actor: actors.adminA,
        limit: 100,
      });
      expect(page.items.map((item) => item.id).sort()).toEqual([...expected].sort());
      expect(page.count).toBe(expected.length);
    });

    it('views and view counts of A never include tickets of B', async () => {
      const counts = (actor: Actor) => client.rpc.request(c.VIEW_COUNTS_V1, { actor });
      const ofA = [actors.adminA, actors.agentTeamX];
      const beforeA = await Promise.all(ofA.map(counts));
      const beforeB = await counts(actors.adminB);
      // B gets a ticket in every view an admin of B counts.
      await newTicket(db, workspaceB);
      await newTicket(db, workspaceB, { assigneeId: ofB.agent.id });
      await newTicket(db, workspaceB, { status: 'pending', assigneeId: actors.adminB.agentId });
      await newTicket(db, workspaceB, { status: 'solved', solvedBy: ofB.agent.id });
      expect(await counts(actors.adminB)).toEqual({
        new: beforeB.new + 1,
        open: beforeB.open,
        team: beforeB.team + 1,
        pending: beforeB.pending + 1,
        solved: beforeB.solved + 1,
      });
      expect(await Promise.all(ofA.map(counts))).toEqual(beforeA);
      const ofBIds = await idsOfB();
      for (const actor of ofA) {
        for (const view of c.VIEWS) {
          const page = await client.rpc.request(c.LIST_VIEW_V1, { actor, view, limit: 100 });
          const leaked = page.items.filter((item) => ofBIds.includes(item.id));
          expectWith(`${view} view`, leaked).toEqual([]);
        }
      }
    });

    // Last: quick accepts claim A's new tickets, which the requests above are about.
    it.each(['agentTeamX', 'adminA'] as const)(
      "quick accept of %s claims A's tickets only, however long B's have waited",
      async (who) => {
        const fresh = await newTicket(db, workspaceA);
        const accepted = await client.rpc.request(c.QUICK_ACCEPT_V1, {
          actor: actors[who],
          count: 50,
        });
        const ids = accepted.items.map((item) => item.id);
        expect(ids).toContain(fresh.id);
        expect(accepted.items.every((item) => item.workspaceId === workspaceA)).toBe(true);
        const { rows } = await db.query(
          `SELECT status, assignee_id FROM ticket_core.tickets WHERE id = ANY($1::uuid[])`,
          [ofB.claimable.map((ticket) => ticket.id)],
        );
        expect(rows).toEqual(ofB.claimable.map(() => ({ status: 'new', assignee_id: null })));
      },
    );
  });
});
