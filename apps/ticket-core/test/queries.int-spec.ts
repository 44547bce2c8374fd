import { INestApplication } from '@nestjs/common';
import {
  Actor,
  CREATE_TICKET_V1,
  ErrorCode,
  GET_CUSTOMER_V1,
  GET_TICKET_BY_NUMBER_V1,
  GET_TICKET_BY_TOKEN_V1,
  GET_TICKET_MESSAGES_V1,
  GET_TICKET_V1,
  LIST_VIEW_V1,
  ListViewV1,
  SEARCH_TICKETS_V1,
  SearchTicketsV1,
  TicketPageV1,
  VIEW_COUNTS_V1,
  ViewName,
} from '@switchboard/contracts';
import {
  InProcessHarness,
  rejection,
  startInProcessHarness,
  TestNatsClient,
} from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueryLimits } from '../src/queries/query-limits';
import { TicketSearchService } from '../src/queries/ticket-search.service';
import { TicketViewsService } from '../src/queries/ticket-views.service';
import { ticketCoreService } from '../src/service';
import { Transactions } from '../src/core/command-context';
import {
  AgentFixture,
  NewTicket,
  TicketFixture,
  addHistory,
  addParticipant,
  agentActor,
  customerActor,
  newAccessRequest,
  newAgent,
  newCustomer,
  newMessage,
  newTeam,
  newTicket,
  newWorkspace,
  systemActor,
} from './factories';

const BASE = Date.parse('2031-03-01T08:00:00Z');
/** A fixed point in time, `minutes` after the base: orders are checked against these. */
const at = (minutes: number) => new Date(BASE + minutes * 60_000);
const ids = (page: { items: { id: string }[] }) => page.items.map((item) => item.id);

describe('ticket-core queries over NATS', () => {
  let harness: InProcessHarness;
  let app: INestApplication;
  let client: TestNatsClient;
  let db: Client;

  beforeAll(async () => {
    harness = await startInProcessHarness(ticketCoreService, 'queries');
    ({ app, client, db } = harness);
  });

  afterAll(() => harness?.close());

  const view = (
    actor: Actor,
    name: ViewName,
    options: Omit<ListViewV1, 'actor' | 'view'> = {},
  ): Promise<TicketPageV1> => client.rpc.request(LIST_VIEW_V1, { actor, view: name, ...options });
  const search = (actor: Actor, options: Omit<SearchTicketsV1, 'actor'>) =>
    client.rpc.request(SEARCH_TICKETS_V1, { actor, ...options });

  /**
   * A workspace with two teams: Alice and Carol in A, Bob in B, a supervisor in none. Each
   * ticket's time puts it at a known place in its view's order, never the order of creation.
   */
  describe('views in a workspace with teams', () => {
    let alice: AgentFixture, bob: AgentFixture, carol: AgentFixture, boss: AgentFixture;
    const t: Record<string, TicketFixture> = {};

    beforeAll(async () => {
      const ws = await newWorkspace(db);
      const teamA = await newTeam(db, ws.id, { name: 'A' });
      const teamB = await newTeam(db, ws.id, { name: 'B' });
      alice = await newAgent(db, ws.id, { teamIds: [teamA.id] });
      carol = await newAgent(db, ws.id, { teamIds: [teamA.id] });
      bob = await newAgent(db, ws.id, { teamIds: [teamB.id] });
      boss = await newAgent(db, ws.id, { role: 'supervisor' });
      const A = teamA.id;
      const B = teamB.id;
      const make = async (name: string, options: NewTicket) => {
        t[name] = await newTicket(db, ws.id, { subject: name, ...options });
      };
      // New: created in an order unlike their creation times.
      await make('newA1', { teamId: A, createdAt: at(1) });
      await make('newB', { teamId: B, createdAt: at(4) });
      await make('newA2', { teamId: A, createdAt: at(3) });
      await make('newNoTeam', { teamId: null, createdAt: at(2) });
      await make('newDeleted', { teamId: A, createdAt: at(5), deleted: true });
      // Alice may see it (she takes part) but not claim it (team B): not in her New view.
      await make('newBWithAlice', { teamId: B, createdAt: at(6) });
      await addParticipant(db, t.newBWithAlice!, alice.id);
      // Open: by last activity.
      await make('openAlice', { teamId: A, assigneeId: alice.id, lastActivityAt: at(10) });
      await make('openCarolWithAlice', { teamId: A, assigneeId: carol.id, lastActivityAt: at(12) });
      await make('openCarol', { teamId: A, assigneeId: carol.id, lastActivityAt: at(11) });
      await make('openBob', { teamId: B, assigneeId: bob.id, lastActivityAt: at(13) });
      await make('openAliceLatest', { teamId: A, assigneeId: alice.id, lastActivityAt: at(14) });
      await make('openAliceDeleted', { teamId: A, assigneeId: alice.id, deleted: true });
      await addParticipant(db, t.openCarolWithAlice!, alice.id);
      // Pending: by reminder, soonest first (the later-created one is due first).
      await make('pendingLater', {
        status: 'pending',
        assigneeId: alice.id,
        createdAt: at(20),
        lastActivityAt: at(40),
        remindAt: at(3000),
      });
      await make('pendingSooner', {
        status: 'pending',
        assigneeId: alice.id,
        createdAt: at(21),
        lastActivityAt: at(30),
        remindAt: at(2000),
      });
      await make('pendingCarol', { status: 'pending', assigneeId: carol.id, remindAt: at(1000) });
      // Solved: by solved date.
      const solved = { status: 'solved' as const };
      await make('solvedByAlice', {
        ...solved,
        teamId: A,
        assigneeId: alice.id,
        solvedBy: alice.id,
        solvedAt: at(50),
        createdAt: at(45),
        labels: ['billing'],
      });
      await make('solvedByCarol', {
        ...solved,
        teamId: A,
        assigneeId: carol.id,
        solvedBy: carol.id,
        solvedAt: at(52),
        createdAt: at(40),
      });
      await make('solvedArchived', {
        ...solved,
        teamId: A,
        solvedBy: alice.id,
        solvedAt: at(51),
        archived: true,
      });
      await make('solvedTeamB', {
        ...solved,
        teamId: B,
        assigneeId: bob.id,
        solvedBy: bob.id,
        solvedAt: at(53),
        labels: ['billing', 'vip'],
      });
      // Noise in another workspace: never in these views.
      const other = await newWorkspace(db);
      await newTicket(db, other.id, { createdAt: at(100) });
    });

    const names = (page: TicketPageV1) =>
      ids(page).map((id) => Object.keys(t).find((name) => t[name]!.id === id) ?? id);

    it('New: claimable tickets of my teams or of no team, newest first, deleted ones left out', async () => {
      expect(names(await view(agentActor(alice), 'new'))).toEqual(['newA2', 'newNoTeam', 'newA1']);
      expect(names(await view(agentActor(bob), 'new'))).toEqual([
        'newBWithAlice',
        'newB',
        'newNoTeam',
      ]);
      expect(names(await view(agentActor(boss), 'new'))).toEqual([
        'newBWithAlice',
        'newB',
        'newA2',
        'newNoTeam',
        'newA1',
      ]);
    });

    it('Open: assigned to me or with me as a participant, latest activity first', async () => {
      expect(names(await view(agentActor(alice), 'open'))).toEqual([
        'openAliceLatest',
        'openCarolWithAlice',
        'openAlice',
      ]);
      expect(names(await view(agentActor(bob), 'open'))).toEqual(['openBob']);
    });

    it("Team: open tickets of other agents of my teams; a supervisor's is every other agent's", async () => {
      expect(names(await view(agentActor(alice), 'team'))).toEqual([
        'openCarolWithAlice',
        'openCarol',
      ]);
      expect(names(await view(agentActor(carol), 'team'))).toEqual([
        'openAliceLatest',
        'openAlice',
      ]);
      expect(names(await view(agentActor(bob), 'team'))).toEqual([]);
      expect(names(await view(agentActor(boss), 'team'))).toEqual([
        'openAliceLatest',
        'openBob',
        'openCarolWithAlice',
        'openCarol',
        'openAlice',
      ]);
    });

    it('Pending: mine, soonest reminder first, with the reminder date', async () => {
      const page = await view(agentActor(alice), 'pending');
      expect(names(page)).toEqual(['pendingSooner', 'pendingLater']);
      expect(page.items.map((item) => item.remindAt)).toEqual([
        at(2000).toISOString(),
        at(3000).toISOString(),
      ]);
    });

    it('Solved: latest solved first, archived left out, "solved by me" and label filters', async () => {
      expect(names(await view(agentActor(alice), 'solved'))).toEqual([
        'solvedByCarol',
        'solvedByAlice',
      ]);
      expect(names(await view(agentActor(alice), 'solved', { solvedByMe: true }))).toEqual([
        'solvedByAlice',
      ]);
      expect(names(await view(agentActor(boss), 'solved'))).toEqual([
        'solvedTeamB',
        'solvedByCarol',
        'solvedByAlice',
      ]);
      expect(names(await view(agentActor(boss), 'solved', { label: 'billing' }))).toEqual([
        'solvedTeamB',
        'solvedByAlice',
      ]);
      expect(names(await view(agentActor(boss), 'solved', { label: 'vip' }))).toEqual([
        'solvedTeamB',
      ]);
    });

    it('answers summaries with the customer and participants', async () => {
      const [item] = (await view(agentActor(bob), 'open')).items;
      expect(item).toMatchObject({
        id: t.openBob!.id,
        number: t.openBob!.number,
        status: 'open',
        assigneeId: bob.id,
        customer: { id: t.openBob!.customerId },
        participantIds: [],
        deleted: false,
        archived: false,
      });
      const [shared] = (await view(agentActor(alice), 'open')).items.filter(
        (summary) => summary.id === t.openCarolWithAlice!.id,
      );
      expect(shared?.participantIds).toEqual([alice.id]);
    });

    it('counts each view (exactly, below the cap) on the page and in VIEW_COUNTS', async () => {
      const page = await view(agentActor(alice), 'new');
      expect([page.count, page.countCapped]).toEqual([3, false]);
      const filtered = await view(agentActor(boss), 'solved', { label: 'billing' });
      expect([filtered.count, filtered.countCapped]).toEqual([2, false]);
      expect(await client.rpc.request(VIEW_COUNTS_V1, { actor: agentActor(alice) })).toEqual({
        new: 3,
        open: 3,
        team: 2,
        pending: 2,
        solved: 2,
      });
      expect(await client.rpc.request(VIEW_COUNTS_V1, { actor: agentActor(boss) })).toEqual({
        new: 5,
        open: 0,
        team: 5,
        pending: 0,
        solved: 3,
      });
    });

    it('refuses views to customers', async () => {
      const customer = await newCustomer(db, alice.workspaceId);
      const error = await rejection(view(customerActor(customer), 'new'));
      expect(error.code).toBe(ErrorCode.FORBIDDEN);
    });
  });

  describe('views in a workspace without teams', () => {
    let dan: AgentFixture, erin: AgentFixture;
    let first: TicketFixture, second: TicketFixture, erins: TicketFixture;

    beforeAll(async () => {
      const ws = await newWorkspace(db);
      dan = await newAgent(db, ws.id);
      erin = await newAgent(db, ws.id);
      first = await newTicket(db, ws.id, { createdAt: at(1) });
      second = await newTicket(db, ws.id, { createdAt: at(2) });
      erins = await newTicket(db, ws.id, { assigneeId: erin.id });
    });

    it('every agent sees every new ticket, and the whole workspace is their team', async () => {
      expect(ids(await view(agentActor(dan), 'new'))).toEqual([second.id, first.id]);
      expect(ids(await view(agentActor(erin), 'new'))).toEqual([second.id, first.id]);
      expect(ids(await view(agentActor(dan), 'team'))).toEqual([erins.id]);
      expect(ids(await view(agentActor(erin), 'team'))).toEqual([]);
    });
  });

  describe('cursor pagination', () => {
    let boss: AgentFixture;
    let workspaceId: string;
    /** The New view's order, worked out here from the times we gave. */
    let expected: string[];

    beforeAll(async () => {
      const ws = await newWorkspace(db);
      workspaceId = ws.id;
      boss = await newAgent(db, ws.id, { role: 'admin' });
      const made: { id: string; ms: number; micros: number }[] = [];
      for (let index = 0; index < 60; index++) {
        // Four tickets per second: pairs share a timestamp exactly (ties broken by id), and the
        // two of a pair differ from the other pair by one microsecond, below a Date's precision.
        const ms = BASE + Math.floor(index / 4) * 1000;
        const ticket = await newTicket(db, ws.id, { createdAt: new Date(ms) });
        const micros = index % 2;
        await db.query(
          `UPDATE ticket_core.tickets SET created_at = created_at + $2 * interval '1 microsecond'
            WHERE id = $1`,
          [ticket.id, micros],
        );
        made.push({ id: ticket.id, ms, micros });
      }
      expected = made
        .sort((a, b) => b.ms - a.ms || b.micros - a.micros || (a.id < b.id ? 1 : -1))
        .map((ticket) => ticket.id);
    });

    async function walk(actor: Actor, name: ViewName, limit: number) {
      const pages: TicketPageV1[] = [];
      let cursor: string | undefined;
      do {
        const page = await view(actor, name, { limit, ...(cursor ? { cursor } : {}) });
        pages.push(page);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && pages.length < 20);
      return pages;
    }

    it('walks 60 tickets 25 at a time: no duplicates, no gaps, in order, null cursor at the end', async () => {
      const pages = await walk(agentActor(boss), 'new', 25);
      expect(pages.map((page) => page.items.length)).toEqual([25, 25, 10]);
      expect(pages.map((page) => page.nextCursor === null)).toEqual([false, false, true]);
      expect(pages.flatMap(ids)).toEqual(expected);
      expect(pages.map((page) => [page.count, page.countCapped])).toEqual([
        [60, false],
        [60, false],
        [60, false],
      ]);
    });

    it('keeps its place when a newer ticket arrives between pages', async () => {
      const first = await view(agentActor(boss), 'new', { limit: 25 });
      const newcomer = await newTicket(db, workspaceId, { createdAt: at(10_000) });
      try {
        const second = await view(agentActor(boss), 'new', {
          limit: 25,
          cursor: first.nextCursor!,
        });
        expect(ids(second)).toEqual(expected.slice(25, 50));
      } finally {
        await db.query(`DELETE FROM ticket_core.tickets WHERE id = $1`, [newcomer.id]);
      }
    });

    it('uses 25 as the default page size and walks an ascending view too', async () => {
      const page = await view(agentActor(boss), 'new');
      expect(ids(page)).toEqual(expected.slice(0, 25));
      const agent = await newAgent(db, workspaceId);
      const due: string[] = [];
      for (let index = 0; index < 15; index++) {
        const ticket = await newTicket(db, workspaceId, {
          status: 'pending',
          assigneeId: agent.id,
          remindAt: at(1000 + ((index * 7) % 15)),
        });
        due[(index * 7) % 15] = ticket.id;
      }
      const pages = await walk(agentActor(agent), 'pending', 4);
      expect(pages.map((p) => p.items.length)).toEqual([4, 4, 4, 3]);
      expect(pages.flatMap(ids)).toEqual(due);
    });

    it("refuses a forged cursor, another view's cursor and a limit over 100", async () => {
      const actor = agentActor(boss);
      const page = await view(actor, 'new', { limit: 5 });
      for (const attempt of [
        view(actor, 'solved', { cursor: page.nextCursor! }),
        view(actor, 'new', { cursor: 'bm90LWEtY3Vyc29y' }),
        view(actor, 'new', { limit: 101 }),
      ]) {
        expect((await rejection(attempt)).code).toBe(ErrorCode.VALIDATION_FAILED);
      }
    });

    it('stops counting at the cap and says so', async () => {
      // The same services with a small cap: the cap is a constructor value (QUERY_LIMITS).
      const capped = (countCap: number): QueryLimits => ({ countCap, defaultPageSize: 25 });
      const store = app.get(Transactions);
      const actor = agentActor(boss);
      const views = (cap: number) => new TicketViewsService(store, capped(cap));
      for (const [cap, count, countCapped] of [
        [5, 5, true],
        [59, 59, true],
        [60, 60, false],
        [61, 60, false],
      ] as const) {
        const page = await views(cap).list({ actor, view: 'new', limit: 3 });
        expect([page.count, page.countCapped, page.items.length]).toEqual([count, countCapped, 3]);
      }
      expect((await views(10).counts({ actor })).new).toBe(10);
      const found = await new TicketSearchService(store, capped(7)).search({ actor, limit: 2 });
      expect([found.count, found.countCapped, found.items.length]).toEqual([7, true, 2]);
    });

    it("caps a count made of parts (a team agent's New view: no team, then each team)", async () => {
      const ws = await newWorkspace(db);
      const [mine, other] = [(await newTeam(db, ws.id)).id, (await newTeam(db, ws.id)).id];
      const agent = agentActor(await newAgent(db, ws.id, { teamIds: [mine] }));
      for (const teamId of [null, null, null, null, mine, mine, mine, other, other]) {
        await newTicket(db, ws.id, { teamId });
      }
      const store = app.get(Transactions);
      for (const [cap, count, countCapped] of [
        [3, 3, true],
        [4, 4, true],
        [6, 6, true],
        [7, 7, false],
        [8, 7, false],
      ] as const) {
        const views = new TicketViewsService(store, { countCap: cap, defaultPageSize: 25 });
        const page = await views.list({ actor: agent, view: 'new', limit: 2 });
        expect([page.count, page.countCapped]).toEqual([count, countCapped]);
        expect((await views.counts({ actor: agent })).new).toBe(count);
      }
    });
  });

  describe('ticket detail, isolation and the public page', () => {
    let alice: AgentFixture, bob: AgentFixture, signer: AgentFixture, outsider: AgentFixture;
    let ticket: TicketFixture, teamB: TicketFixture, elsewhere: TicketFixture;
    let customerName: string;
    const messageIds: Record<string, string> = {};

    beforeAll(async () => {
      const ws = await newWorkspace(db);
      const teamA = await newTeam(db, ws.id);
      const teamBId = (await newTeam(db, ws.id)).id;
      alice = await newAgent(db, ws.id, { teamIds: [teamA.id] });
      bob = await newAgent(db, ws.id, { teamIds: [teamBId] });
      signer = await newAgent(db, ws.id, {
        name: 'Sigrid Signer',
        email: 'sigrid@agents.test',
        signReplies: true,
        teamIds: [teamA.id],
      });
      const customer = await newCustomer(db, ws.id, { name: 'Cora Customer' });
      customerName = 'Cora Customer';
      ticket = await newTicket(db, ws.id, {
        teamId: teamA.id,
        assigneeId: signer.id,
        customerId: customer.id,
        labels: ['billing'],
        subject: 'Refund please',
        body: 'I want my money back',
        createdAt: at(0),
        // A number the other workspace does not have (it has only #1).
        number: 7,
      });
      // Written out of order: the answer is ordered by time, not by insertion.
      messageIds.note = (
        await newMessage(db, ticket, {
          body: 'Secret: customer is a reseller',
          visibility: 'internal',
          authorKind: 'agent',
          authorId: alice.id,
          createdAt: at(3),
        })
      ).id;
      messageIds.reply = (
        await newMessage(db, ticket, {
          body: 'Refund on its way',
          authorKind: 'agent',
          authorId: signer.id,
          createdAt: at(2),
          mail: { messageId: '<reply@switchboard.test>', references: ['<first@customer.test>'] },
        })
      ).id;
      messageIds.unsigned = (
        await newMessage(db, ticket, {
          body: 'Also checking the invoice',
          authorKind: 'agent',
          authorId: alice.id,
          createdAt: at(4),
        })
      ).id;
      await addParticipant(db, ticket, alice.id);
      await addHistory(db, ticket, {
        action: 'claimed',
        changes: { assigneeId: { before: null, after: signer.id } },
        actor: { kind: 'agent', id: signer.id },
      });
      await addHistory(db, ticket, { action: 'labels-changed' });
      await newAccessRequest(db, ticket, bob.id);
      teamB = await newTicket(db, ws.id, { teamId: teamBId, subject: 'Team B only' });

      const otherWs = await newWorkspace(db);
      outsider = await newAgent(db, otherWs.id, { role: 'admin' });
      elsewhere = await newTicket(db, otherWs.id, { subject: 'Their own' });
    });

    it('answers the ticket with messages oldest first, notes, history, participants and requests', async () => {
      const detail = await client.rpc.request(GET_TICKET_V1, {
        actor: agentActor(alice),
        ticketId: ticket.id,
      });
      expect(detail).toMatchObject({
        id: ticket.id,
        number: ticket.number,
        subject: 'Refund please',
        status: 'open',
        assigneeId: signer.id,
        labels: ['billing'],
        participantIds: [alice.id],
        publicToken: ticket.publicToken,
        customer: { id: ticket.customerId, name: customerName },
      });
      expect(detail.messages.map((message) => [message.bodyText, message.authorName])).toEqual([
        ['I want my money back', customerName],
        ['Refund on its way', 'Sigrid Signer'],
        ['Secret: customer is a reseller', null],
        ['Also checking the invoice', null],
      ]);
      expect(detail.messages.map((message) => message.visibility)).toEqual([
        'public',
        'public',
        'internal',
        'public',
      ]);
      expect(detail.messages[1]!.mail).toEqual({
        messageId: '<reply@switchboard.test>',
        inReplyTo: null,
        references: ['<first@customer.test>'],
        inbound: null,
        delivery: null,
      });
      expect(detail.messages[0]!.mail).toBeNull();
      expect(detail.history.map((entry) => entry.action)).toEqual(['claimed', 'labels-changed']);
      expect(detail.history[0]).toMatchObject({
        actorKind: 'agent',
        actorId: signer.id,
        changes: { assigneeId: { before: null, after: signer.id } },
      });
      expect(detail.accessRequests).toEqual([
        expect.objectContaining({ agentId: bob.id, status: 'pending' }),
      ]);

      const byNumber = await client.rpc.request(GET_TICKET_BY_NUMBER_V1, {
        actor: agentActor(alice),
        number: ticket.number,
      });
      expect(byNumber).toEqual(detail);
    });

    it("answers a reader's messages after the first ones, as the detail numbers them", async () => {
      const messages = (reader: 'customer' | 'agent', after: number, actor = agentActor(alice)) =>
        client.rpc.request(GET_TICKET_MESSAGES_V1, { actor, ticketId: ticket.id, reader, after });
      const detail = await client.rpc.request(GET_TICKET_V1, {
        actor: agentActor(alice),
        ticketId: ticket.id,
      });
      // An agent's history holds the note; the rest after the first two is the detail's tail.
      const agent = await messages('agent', 2);
      expect(agent.after).toBe(2);
      expect(agent.messages).toEqual(detail.messages.slice(2));
      // A customer's history is the public messages only: the third of it is the last message.
      const customer = await messages('customer', 2);
      expect(customer.messages.map((message) => message.bodyText)).toEqual([
        'Also checking the invoice',
      ]);
      expect((await messages('customer', 0)).messages).toEqual(
        detail.messages.filter((message) => message.visibility === 'public'),
      );
      expect((await messages('agent', 10)).messages).toEqual([]);
      // Another workspace's admin: not found, as for the detail.
      const error = await rejection(messages('agent', 0, agentActor(outsider)));
      expect(error.code).toBe(ErrorCode.NOT_FOUND);
    });

    it('answers NOT_FOUND alike for another team, another workspace and no ticket at all', async () => {
      const notFound = async (promise: Promise<unknown>) => {
        const error = await rejection(promise);
        expect([error.code, error.message]).toEqual([ErrorCode.NOT_FOUND, 'ticket not found']);
      };
      const get = (actor: Actor, ticketId: string) =>
        client.rpc.request(GET_TICKET_V1, { actor, ticketId });
      const byNumber = (actor: Actor, number: number) =>
        client.rpc.request(GET_TICKET_BY_NUMBER_V1, { actor, number });
      // Alice (team A) and Bob's team's unassigned ticket.
      await notFound(get(agentActor(alice), teamB.id));
      await notFound(byNumber(agentActor(alice), teamB.number));
      // An admin of another workspace, by id and by number.
      await notFound(get(agentActor(outsider), ticket.id));
      await notFound(byNumber(agentActor(outsider), ticket.number));
      await notFound(get(systemActor(outsider.workspaceId), ticket.id));
      await notFound(get(agentActor(alice), randomUUID()));
      await notFound(byNumber(agentActor(alice), 999_999));
      // Their own number 1 is their own ticket, not ours.
      expect((await byNumber(agentActor(outsider), 1)).id).toBe(elsewhere.id);
      // Bob, of team B, does.
      expect((await get(agentActor(bob), teamB.id)).id).toBe(teamB.id);
    });

    it('does not let an agent claim another workspace', async () => {
      const error = await rejection(
        client.rpc.request(GET_TICKET_V1, {
          actor: { ...agentActor(outsider), workspaceId: alice.workspaceId },
          ticketId: ticket.id,
        }),
      );
      expect(error.code).toBe(ErrorCode.FORBIDDEN);
    });

    it('public page: public messages only, no agent emails or ids, names only of signing agents', async () => {
      const page = await client.rpc.request(GET_TICKET_BY_TOKEN_V1, { token: ticket.publicToken });
      expect(page).toMatchObject({
        number: ticket.number,
        subject: 'Refund please',
        status: 'open',
      });
      expect(page.messages.map((message) => [message.authorKind, message.authorName])).toEqual([
        ['customer', null],
        ['agent', 'Sigrid Signer'],
        ['agent', null],
      ]);
      expect(page.messages.map((message) => message.id)).toEqual([
        expect.any(String),
        messageIds.reply,
        messageIds.unsigned,
      ]);
      const wire = JSON.stringify(page);
      for (const secret of [
        'Secret',
        messageIds.note!,
        signer.email,
        alice.email,
        signer.id,
        alice.id,
        alice.name,
      ]) {
        expect(wire).not.toContain(secret);
      }
    });

    it('public page: unknown and deleted tickets are NOT_FOUND', async () => {
      const gone = await newTicket(db, alice.workspaceId, { deleted: true, body: 'hello' });
      for (const token of [gone.publicToken, 'x'.repeat(32)]) {
        const error = await rejection(client.rpc.request(GET_TICKET_BY_TOKEN_V1, { token }));
        expect(error.code).toBe(ErrorCode.NOT_FOUND);
      }
    });

    it('refuses the desk to customers', async () => {
      const customer = { id: ticket.customerId, workspaceId: alice.workspaceId };
      const error = await rejection(
        client.rpc.request(GET_TICKET_V1, { actor: customerActor(customer), ticketId: ticket.id }),
      );
      expect(error.code).toBe(ErrorCode.FORBIDDEN);
    });
  });

  describe('search', () => {
    let alice: AgentFixture, boss: AgentFixture, outsider: AgentFixture;
    const t: Record<string, TicketFixture> = {};
    let teamA: string;

    beforeAll(async () => {
      const ws = await newWorkspace(db);
      teamA = (await newTeam(db, ws.id)).id;
      const teamB = (await newTeam(db, ws.id)).id;
      alice = await newAgent(db, ws.id, { teamIds: [teamA] });
      boss = await newAgent(db, ws.id, { role: 'admin' });
      const make = async (name: string, options: NewTicket) => {
        t[name] = await newTicket(db, ws.id, { teamId: teamA, ...options });
      };
      // The subject match is the older one: newest-first would put it second.
      await make('subject', { subject: 'Printer on fire', createdAt: at(1) });
      await make('message', {
        subject: 'Invoice question',
        body: 'Also my printer is broken',
        createdAt: at(2),
      });
      await make('unrelated', { subject: 'Password reset', createdAt: at(3), priority: 'high' });
      await make('archived', {
        subject: 'Old printer',
        status: 'solved',
        archived: true,
        createdAt: at(0),
      });
      await make('teamB', { subject: 'Printer in team B', teamId: teamB, createdAt: at(4) });
      await make('deleted', { subject: 'Deleted printer', deleted: true, createdAt: at(5) });
      const carla = await newCustomer(db, ws.id, {
        name: 'Carla Gomez',
        email: 'carla@example.com',
      });
      await make('carla', {
        subject: 'Question',
        customerId: carla.id,
        channel: 'mail',
        assigneeId: alice.id,
        labels: ['vip'],
        createdAt: at(6),
      });
      await newMessage(db, t.unrelated!, {
        body: 'escalated to the fireworks team',
        visibility: 'internal',
        authorKind: 'agent',
        authorId: alice.id,
      });
      const other = await newWorkspace(db);
      outsider = await newAgent(db, other.id, { role: 'admin' });
      await newTicket(db, other.id, { subject: 'Printer elsewhere', createdAt: at(7) });
    });

    const found = async (actor: Actor, options: Omit<SearchTicketsV1, 'actor'>) =>
      ids(await search(actor, options)).map(
        (id) => Object.keys(t).find((name) => t[name]!.id === id) ?? `foreign ${id}`,
      );

    it('ranks a subject match above a message match, and sees only what the caller may', async () => {
      expect(await found(agentActor(alice), { text: 'printer' })).toEqual(['subject', 'message']);
      // Equal ranks (one subject match each): the newer first.
      expect(await found(agentActor(boss), { text: 'printer' })).toEqual([
        'teamB',
        'subject',
        'message',
      ]);
      expect(await found(agentActor(outsider), { text: 'printer' })).toEqual([
        expect.stringMatching(/^foreign /),
      ]);
    });

    it('finds customers by name and email, notes by their text, and speaks websearch', async () => {
      expect(await found(agentActor(alice), { text: 'carla@example.com' })).toEqual(['carla']);
      expect(await found(agentActor(alice), { text: 'Gomez' })).toEqual(['carla']);
      expect(await found(agentActor(alice), { text: 'fireworks' })).toEqual(['unrelated']);
      expect(await found(agentActor(alice), { text: 'printer -invoice' })).toEqual(['subject']);
      expect(await found(agentActor(alice), { text: '"on fire"' })).toEqual(['subject']);
    });

    it('leaves archived tickets out unless asked for', async () => {
      expect(await found(agentActor(alice), { text: 'printer', includeArchived: true })).toEqual([
        'subject',
        'archived',
        'message',
      ]);
      const page = await search(agentActor(alice), { text: 'printer' });
      expect([page.count, page.countCapped]).toEqual([2, false]);
    });

    it('opens a ticket by #number or a bare number, still visibility-checked', async () => {
      const actor = agentActor(alice);
      expect(await found(actor, { text: `#${t.message!.number}` })).toEqual(['message']);
      expect(await found(actor, { text: ` ${t.message!.number} ` })).toEqual(['message']);
      expect(await found(actor, { text: `#${t.archived!.number}` })).toEqual(['archived']);
      expect(await found(actor, { text: `#${t.teamB!.number}` })).toEqual([]);
      expect(await found(actor, { text: `#${t.deleted!.number}` })).toEqual([]);
      expect(await found(agentActor(outsider), { text: `#${t.message!.number}` })).not.toContain(
        'message',
      );
    });

    it('filters by status, channel, team, assignee, label, priority and creation date', async () => {
      const actor = agentActor(boss);
      expect(await found(actor, { status: ['open'] })).toEqual(['carla']);
      expect(await found(actor, { channel: ['mail'] })).toEqual(['carla']);
      expect(await found(actor, { assigneeId: alice.id })).toEqual(['carla']);
      expect(await found(actor, { label: 'vip' })).toEqual(['carla']);
      expect(await found(actor, { priority: ['high', 'urgent'] })).toEqual(['unrelated']);
      expect(await found(actor, { teamId: teamA })).toEqual([
        'carla',
        'unrelated',
        'message',
        'subject',
      ]);
      expect(
        await found(actor, {
          createdFrom: at(2).toISOString(),
          createdTo: at(4).toISOString(),
        }),
      ).toEqual(['unrelated', 'message']);
      expect(
        await found(actor, {
          text: 'printer',
          createdFrom: at(2).toISOString(),
          createdTo: at(4).toISOString(),
        }),
      ).toEqual(['message']);
      expect(await found(actor, { text: 'printer', status: ['new'], teamId: teamA })).toEqual([
        'subject',
        'message',
      ]);
    });

    it('over the count cap, ranks the newest matches only (a constructor value in tests)', async () => {
      const store = app.get(Transactions);
      const searches = new TicketSearchService(store, { countCap: 1, defaultPageSize: 25 });
      const page = await searches.search({ actor: agentActor(boss), text: 'printer' });
      // The two newest of subject (1), message (2) and teamB (4): the older subject match is out.
      expect(ids(page)).toEqual([t.teamB!.id, t.message!.id]);
      expect([page.count, page.countCapped]).toEqual([1, true]);
    });

    it('with no text lists newest first, paged by offset', async () => {
      const actor = agentActor(boss);
      const all = ['carla', 'teamB', 'unrelated', 'message', 'subject'];
      expect(await found(actor, {})).toEqual(all);
      const first = await search(actor, { limit: 2 });
      expect(first.nextCursor).toBe('2');
      const last = await search(actor, { limit: 2, offset: 4 });
      expect(last.nextCursor).toBeNull();
      expect(ids(last)).toEqual([t.subject!.id]);
      expect([last.count, last.countCapped]).toEqual([5, false]);
    });
  });

  describe('tickets written by the real commands', () => {
    it("are listed, paged, found and shown like the factories' (microsecond times included)", async () => {
      const ws = await newWorkspace(db);
      const boss = await newAgent(db, ws.id, { role: 'supervisor' });
      const system = systemActor(ws.id);
      const created: string[] = [];
      for (const word of ['alpha', 'bravo', 'charlie', 'delta', 'echo']) {
        const ticket = await client.rpc.request(CREATE_TICKET_V1, {
          actor: system,
          channel: 'mail',
          subject: `Command ${word}`,
          body: `Body about ${word}stuff`,
          customer: { email: `${word}@example.com`, name: `Customer ${word}` },
        });
        created.unshift(ticket.id);
      }
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await view(agentActor(boss), 'new', {
          limit: 2,
          ...(cursor ? { cursor } : {}),
        });
        pages.push(ids(page));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(pages).toEqual([created.slice(0, 2), created.slice(2, 4), created.slice(4)]);
      expect(ids(await search(agentActor(boss), { text: 'charliestuff' }))).toEqual([created[2]]);
      expect(ids(await search(agentActor(boss), { text: 'delta@example.com' }))).toEqual([
        created[1],
      ]);
      const detail = await client.rpc.request(GET_TICKET_V1, {
        actor: agentActor(boss),
        ticketId: created[0]!,
      });
      expect(detail.messages.map((message) => [message.bodyText, message.authorName])).toEqual([
        ['Body about echostuff', 'Customer echo'],
      ]);
    });
  });

  describe('customer panel', () => {
    let alice: AgentFixture, outsider: AgentFixture;
    let customerId: string;
    let older: TicketFixture, newer: TicketFixture, solved: TicketFixture;

    beforeAll(async () => {
      const ws = await newWorkspace(db);
      const teamA = (await newTeam(db, ws.id)).id;
      const teamB = (await newTeam(db, ws.id)).id;
      alice = await newAgent(db, ws.id, { teamIds: [teamA] });
      const customer = await newCustomer(db, ws.id, {
        name: 'Pat Doe',
        email: 'pat@example.com',
        notes: 'prefers email',
      });
      customerId = customer.id;
      const mine = { customerId, teamId: teamA };
      older = await newTicket(db, ws.id, { ...mine, createdAt: at(1) });
      solved = await newTicket(db, ws.id, { ...mine, status: 'solved', createdAt: at(3) });
      newer = await newTicket(db, ws.id, { ...mine, createdAt: at(2) });
      await newTicket(db, ws.id, { ...mine, createdAt: at(4), deleted: true });
      await newTicket(db, ws.id, { customerId, teamId: teamB, createdAt: at(5) });
      await newTicket(db, ws.id, { createdAt: at(6) });
      outsider = await newAgent(db, (await newWorkspace(db)).id, { role: 'admin' });
    });

    it('answers the customer with their visible tickets, newest first', async () => {
      const profile = await client.rpc.request(GET_CUSTOMER_V1, {
        actor: agentActor(alice),
        customerId,
      });
      expect(profile).toMatchObject({
        id: customerId,
        name: 'Pat Doe',
        email: 'pat@example.com',
        notes: 'prefers email',
      });
      expect(profile.tickets.map((item) => item.id)).toEqual([solved.id, newer.id, older.id]);
    });

    it('answers NOT_FOUND for a customer of another workspace or none', async () => {
      for (const [actor, id] of [
        [agentActor(outsider), customerId],
        [agentActor(alice), randomUUID()],
      ] as const) {
        const error = await rejection(
          client.rpc.request(GET_CUSTOMER_V1, { actor, customerId: id }),
        );
        expect([error.code, error.message]).toEqual([ErrorCode.NOT_FOUND, 'customer not found']);
      }
    });
  });
});
