import { INestApplication } from '@nestjs/common';
import * as c from '@switchboard/contracts';
import { Actor, ErrorCode } from '@switchboard/contracts';
import { ServiceException } from '@switchboard/messaging';
import {
  InProcessHarness,
  rejection,
  startInProcessHarness,
  TestNatsClient,
  waitFor,
} from '@switchboard/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../src/core/clock';
import { ticketCoreService } from '../src/service';
import { TimerRunner } from '../src/timers/timer-runner';
import { agentActor, newAgent, newTeam, newTicket, newWorkspace } from './factories';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe('ticket-core commands', () => {
  let harness: InProcessHarness;
  let app: INestApplication;
  let client: TestNatsClient;
  let db: Client;
  let workspaceId: string;
  let system: Actor;
  const agents: Actor[] = [];

  beforeAll(async () => {
    harness = await startInProcessHarness(ticketCoreService, 'cmd');
    ({ app, client, db } = harness);
    workspaceId = (await client.rpc.request(c.CREATE_WORKSPACE_V1, { name: 'Acme', slug: 'acme' }))
      .id;
    system = { kind: 'system', workspaceId, teamIds: [] };
    for (let index = 0; index < 20; index++) {
      agents.push(agentActor(await newAgent(db, workspaceId, { name: `Agent ${index}` })));
    }
  });

  afterAll(() => harness?.close());

  const send = <S extends c.RequestSubject>(subject: S, payload: c.RequestOf<S>) =>
    client.rpc.request(subject, payload);

  const newMailTicket = (subject = 'Printer on fire', email = 'carol@example.com') =>
    send(c.CREATE_TICKET_V1, {
      actor: system,
      channel: 'mail',
      subject,
      body: `Help: ${subject}`,
      customer: { email, name: 'Carol' },
    });

  const events = async (ticketId: string) =>
    (
      await db.query(
        `SELECT subject FROM ticket_core.outbox WHERE envelope->'data'->>'ticketId' = $1 ORDER BY seq`,
        [ticketId],
      )
    ).rows.map((row) => row.subject as string);

  const timers = async (ticketId: string) =>
    (
      await db.query(`SELECT kind FROM ticket_core.timers WHERE ticket_id = $1 ORDER BY kind`, [
        ticketId,
      ])
    ).rows.map((row) => row.kind as string);

  it('runs a ticket through its life: claim, reply, park, customer reply, solve, reopen', async () => {
    const [alice] = agents;
    const ticket = await newMailTicket();
    expect(ticket).toMatchObject({ status: 'new', assigneeId: null, channel: 'mail' });
    expect(ticket.number).toBeGreaterThan(0);

    const claimed = await send(c.CLAIM_TICKET_V1, { actor: alice, ticketId: ticket.id });
    expect(claimed).toMatchObject({ status: 'open', assigneeId: alice.agentId });

    const replied = await send(c.REPLY_TICKET_V1, {
      actor: alice,
      ticketId: ticket.id,
      body: 'On it',
    });
    expect(replied.message).toMatchObject({ visibility: 'public', authorKind: 'agent' });

    const remindAt = new Date(Date.now() + DAY).toISOString();
    const parked = await send(c.SET_PENDING_V1, { actor: alice, ticketId: ticket.id, remindAt });
    expect(parked).toMatchObject({ status: 'pending', remindAt });
    expect(await timers(ticket.id)).toEqual(['pending-reminder']);

    const customer: Actor = {
      kind: 'customer',
      workspaceId,
      customerId: ticket.customer.id,
      teamIds: [],
    };
    const woke = await send(c.REPLY_TICKET_V1, {
      actor: customer,
      ticketId: ticket.id,
      body: 'Still broken',
    });
    expect(woke.ticket).toMatchObject({
      status: 'open',
      remindAt: null,
      assigneeId: alice.agentId,
    });
    expect(await timers(ticket.id)).toEqual([]);

    const solved = await send(c.SOLVE_TICKET_V1, {
      actor: alice,
      ticketId: ticket.id,
      withSummary: true,
    });
    expect(solved).toMatchObject({ status: 'solved', solvedBy: alice.agentId });
    expect(await timers(ticket.id)).toEqual(['archive', 'reopen-window']);

    // Inside the reopen window the customer's reply opens it again for Alice.
    const reopened = await send(c.REPLY_TICKET_V1, {
      actor: customer,
      ticketId: ticket.id,
      body: 'Again!',
    });
    expect(reopened.ticket).toMatchObject({
      id: ticket.id,
      status: 'open',
      assigneeId: alice.agentId,
    });
    expect(await timers(ticket.id)).toEqual([]);

    expect(await events(ticket.id)).toEqual([
      c.TICKET_CREATED_V1,
      c.TICKET_STATUS_CHANGED_V1,
      c.TICKET_CLAIMED_V1,
      c.TICKET_MESSAGE_ADDED_V1,
      c.TICKET_STATUS_CHANGED_V1,
      c.TICKET_STATUS_CHANGED_V1,
      c.TICKET_MESSAGE_ADDED_V1,
      c.TICKET_STATUS_CHANGED_V1,
      c.TICKET_SOLVED_V1,
      c.TICKET_STATUS_CHANGED_V1,
      c.TICKET_REOPENED_V1,
      c.TICKET_MESSAGE_ADDED_V1,
    ]);
    // Every change is in the history with its before and after, also those a command makes
    // along the way: the reminder the customer's reply cleared, who solved it and when, and
    // what the reopen undid.
    const { rows: history } = await db.query<{ action: string; changes: object }>(
      `SELECT action, changes FROM ticket_core.ticket_history WHERE ticket_id = $1 ORDER BY id`,
      [ticket.id],
    );
    const entries = (action: string) => history.filter((entry) => entry.action === action);
    expect(entries('claimed')).toEqual([
      { action: 'claimed', changes: { assignee: { before: null, after: alice.agentId } } },
    ]);
    const replies = entries('replied').map((entry) => entry.changes);
    expect(replies).toContainEqual(
      expect.objectContaining({ remind_at: { before: expect.any(String), after: null } }),
    );
    expect(entries('solved')[0].changes).toMatchObject({
      solved_by: { before: null, after: alice.agentId },
      solved_at: { before: null, after: expect.any(String) },
    });
    expect(replies.at(-1)).toMatchObject({
      solved_by: { before: alice.agentId, after: null },
      solved_at: { before: expect.any(String), after: null },
    });
  });

  it('starts a linked follow-up when the customer replies after the reopen window', async () => {
    const [alice] = agents;
    const ticket = await newMailTicket('Old question', 'dave@example.com');
    await send(c.CLAIM_TICKET_V1, { actor: alice, ticketId: ticket.id });
    await send(c.SOLVE_TICKET_V1, { actor: alice, ticketId: ticket.id, withSummary: false });
    const clock = app.get(Clock);
    const realNow = clock.now.bind(clock);
    clock.now = () => new Date(realNow().getTime() + 15 * DAY);
    try {
      const customer: Actor = {
        kind: 'customer',
        workspaceId,
        customerId: ticket.customer.id,
        teamIds: [],
      };
      const reply = await send(c.REPLY_TICKET_V1, {
        actor: customer,
        ticketId: ticket.id,
        body: 'Hello?',
      });
      expect(reply.ticket.id).not.toBe(ticket.id);
      expect(reply.ticket).toMatchObject({ status: 'new', subject: 'Old question' });
      const { rows } = await db.query(
        `SELECT follow_up_of_id, status FROM ticket_core.tickets WHERE id = $1`,
        [reply.ticket.id],
      );
      expect(rows[0].follow_up_of_id).toBe(ticket.id);
      const old = await db.query(`SELECT status FROM ticket_core.tickets WHERE id = $1`, [
        ticket.id,
      ]);
      expect(old.rows[0].status).toBe('solved');
    } finally {
      clock.now = realNow;
    }
  });

  it('lets exactly one of two simultaneous claims win', async () => {
    const ticket = await newMailTicket('Race');
    const results = await Promise.allSettled([
      send(c.CLAIM_TICKET_V1, { actor: agents[1], ticketId: ticket.id }),
      send(c.CLAIM_TICKET_V1, { actor: agents[2], ticketId: ticket.id }),
    ]);
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter(
      (result) => result.status === 'rejected',
    ) as PromiseRejectedResult[];
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0].reason as ServiceException).code).toBe(ErrorCode.TICKET_ALREADY_CLAIMED);
    expect(
      (await events(ticket.id)).filter((subject) => subject === c.TICKET_CLAIMED_V1),
    ).toHaveLength(1);
  });

  it('never gives one ticket to two agents in 20 concurrent quick-accepts', async () => {
    const created = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        newMailTicket(`Quick ${index}`, `q${index}@example.com`),
      ),
    );
    const results = await Promise.all(
      agents.map((agent) => send(c.QUICK_ACCEPT_V1, { actor: agent, count: 3 })),
    );
    const taken = results.flatMap((result, index) =>
      result.items.map((item) => ({ id: item.id, by: agents[index].agentId })),
    );
    expect(new Set(taken.map((item) => item.id)).size).toBe(taken.length);
    for (const item of taken) {
      expect(
        (await db.query(`SELECT assignee_id FROM ticket_core.tickets WHERE id = $1`, [item.id]))
          .rows[0].assignee_id,
      ).toBe(item.by);
    }
    const stillNew = await db.query(
      `SELECT count(*) FROM ticket_core.tickets WHERE id = ANY($1::uuid[]) AND status = 'new'`,
      [created.map((ticket) => ticket.id)],
    );
    // 20 agents × 3 ask for 60; the 30 new tickets (plus any left from earlier tests) all go.
    expect(Number(stillNew.rows[0].count)).toBe(0);
  });

  it("quick-accepts the N oldest claimable tickets of the caller's teams, oldest first", async () => {
    const workspace = await newWorkspace(db);
    const mine = await newTeam(db, workspace.id);
    const theirs = await newTeam(db, workspace.id);
    const me = await newAgent(db, workspace.id, { teamIds: [mine.id] });
    const colleague = await newAgent(db, workspace.id, { teamIds: [mine.id] });
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    const ofMyTeam = (minutes: number, options: Parameters<typeof newTicket>[2] = {}) =>
      newTicket(db, workspace.id, { teamId: mine.id, createdAt: minutesAgo(minutes), ...options });
    // Created out of age order, so neither insertion order nor ids tell the oldest; the view
    // filters (priority, channel, labels) must not matter either.
    const newer = await ofMyTeam(20);
    const oldest = await ofMyTeam(50, { priority: 'low', channel: 'chat' });
    const third = await ofMyTeam(30, { priority: 'urgent' });
    const newest = await ofMyTeam(10);
    const second = await ofMyTeam(40, { labels: ['billing'], channel: 'mail' });
    // Older still, but not the caller's to claim.
    const otherWorkspace = await newWorkspace(db);
    const notClaimable = [
      await newTicket(db, workspace.id, { teamId: theirs.id, createdAt: minutesAgo(90) }),
      await ofMyTeam(85, { assigneeId: colleague.id }),
      await ofMyTeam(80, { status: 'pending', assigneeId: colleague.id }),
      await ofMyTeam(75, { status: 'solved', assigneeId: colleague.id, solvedBy: colleague.id }),
      await ofMyTeam(70, { deleted: true }),
      await newTicket(db, otherWorkspace.id, { createdAt: minutesAgo(100) }),
    ];
    const state = async (ids: string[]) =>
      (
        await db.query(
          `SELECT id, status, assignee_id FROM ticket_core.tickets WHERE id = ANY($1::uuid[])
            ORDER BY created_at`,
          [ids],
        )
      ).rows;
    const untouched = await state(notClaimable.map((ticket) => ticket.id));

    const accepted = await send(c.QUICK_ACCEPT_V1, { actor: agentActor(me), count: 3 });

    const taken = [oldest.id, second.id, third.id];
    expect(accepted.items.map((item) => item.id)).toEqual(taken);
    for (const item of accepted.items) {
      expect(item).toMatchObject({ status: 'open', assigneeId: me.id, teamId: mine.id });
    }
    expect(await state([...taken, newer.id, newest.id])).toEqual([
      ...taken.map((id) => ({ id, status: 'open', assignee_id: me.id })),
      { id: newer.id, status: 'new', assignee_id: null },
      { id: newest.id, status: 'new', assignee_id: null },
    ]);
    expect(await state(notClaimable.map((ticket) => ticket.id))).toEqual(untouched);
    for (const id of taken) expect(await events(id)).toContain(c.TICKET_CLAIMED_V1);
    for (const id of [newer.id, newest.id]) expect(await events(id)).toEqual([]);

    // The next quick-accept goes on from there: what is left, still oldest first.
    const rest = await send(c.QUICK_ACCEPT_V1, { actor: agentActor(me), count: 5 });
    expect(rest.items.map((item) => item.id)).toEqual([newer.id, newest.id]);
  });

  it('numbers tickets without gaps or duplicates under concurrency', async () => {
    const created = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        newMailTicket(`Number ${index}`, `n${index}@example.com`),
      ),
    );
    const numbers = created.map((ticket) => ticket.number).sort((a, b) => a - b);
    const { rows } = await db.query(
      `SELECT min(number)::int AS min, max(number)::int AS max, count(*)::int AS count
         FROM ticket_core.tickets WHERE workspace_id = $1`,
      [workspaceId],
    );
    expect(new Set(numbers).size).toBe(40);
    expect(rows[0]).toEqual({ min: 1, max: rows[0].count, count: rows[0].count });
  });

  it('numbers without gaps when twenty agents create at once and some creations fail', async () => {
    const fresh = (await send(c.CREATE_WORKSPACE_V1, { name: 'Numbers', slug: 'numbers' })).id;
    const creators: Actor[] = [];
    for (let index = 0; index < 20; index++) {
      creators.push(agentActor(await newAgent(db, fresh, { name: `Creator ${index}` })));
    }
    // A creation that fails after its number was taken: the ticket's own insert raises.
    await db.query(`
      CREATE FUNCTION ticket_core.doom_tickets() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.subject LIKE 'Doomed%' THEN RAISE EXCEPTION 'doomed creation'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER doom_tickets BEFORE INSERT ON ticket_core.tickets
        FOR EACH ROW EXECUTE FUNCTION ticket_core.doom_tickets();`);
    const doomed = Array.from({ length: 60 }, (_, index) => index % 7 === 3);
    const created = doomed.filter((isDoomed) => !isDoomed).length;
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 60 }, (_, index) =>
          send(c.CREATE_TICKET_V1, {
            actor: creators[index % creators.length],
            channel: 'manual',
            subject: `${doomed[index] ? 'Doomed' : 'Call'} ${index}`,
            customer: { email: `caller${index}@example.com` },
          }),
        ),
      );
      expect(results.map((result) => result.status === 'rejected')).toEqual(doomed);
      const numbers = results
        .flatMap((result) => (result.status === 'fulfilled' ? [result.value.number] : []))
        .sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: created }, (_, index) => index + 1));
    } finally {
      await db.query(`DROP TRIGGER doom_tickets ON ticket_core.tickets;
                      DROP FUNCTION ticket_core.doom_tickets();`);
    }
    // The next number follows on: the failed creations gave theirs back.
    const next = await send(c.CREATE_TICKET_V1, {
      actor: creators[0],
      channel: 'manual',
      subject: 'After',
      customer: { email: 'after@example.com' },
    });
    expect(next.number).toBe(created + 1);
  });

  it("lets the workspace go on creating while one customer's edit holds that customer", async () => {
    const [first, second] = agents;
    const manual = (actor: Actor, email: string) =>
      send(c.CREATE_TICKET_V1, {
        actor,
        channel: 'manual',
        subject: `For ${email}`,
        customer: { email },
      });
    const held = await manual(first, 'held@example.com');
    // A long edit of the customer: their row stays locked until this transaction ends.
    const editor = new Client({ connectionString: harness.databaseUrl });
    await editor.connect();
    try {
      await editor.query('BEGIN');
      await editor.query(`SELECT 1 FROM ticket_core.customers WHERE id = $1 FOR UPDATE`, [
        held.customer.id,
      ]);
      let waitingDone = false;
      const waiting = manual(first, 'held@example.com').then((ticket) => {
        waitingDone = true;
        return ticket;
      });
      await waitFor(
        async () =>
          (
            await db.query(
              `SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            )
          ).rows[0].n === 1,
      );
      // Another customer's ticket is not held up by the one waiting for the edit.
      const other = await manual(second, 'free@example.com');
      expect(other.number).toBeGreaterThan(held.number);
      expect(waitingDone).toBe(false);
      await editor.query('COMMIT');
      expect((await waiting).customer.id).toBe(held.customer.id);
    } finally {
      await editor.end();
    }
  });

  it("keeps each agent's read state: new activity makes it unread, their own does not", async () => {
    const [reader, other] = agents;
    const ticket = await newMailTicket('Read me', 'reader@example.com');
    const unread = async (actor: Actor) =>
      (await send(c.GET_TICKET_V1, { actor, ticketId: ticket.id })).unread;
    expect([await unread(reader), await unread(other)]).toEqual([true, true]);

    await send(c.MARK_READ_V1, { actor: reader, ticketId: ticket.id, read: true });
    expect([await unread(reader), await unread(other)]).toEqual([false, true]);

    const customer: Actor = {
      kind: 'customer',
      workspaceId,
      customerId: ticket.customer.id,
      teamIds: [],
    };
    await send(c.REPLY_TICKET_V1, { actor: customer, ticketId: ticket.id, body: 'Any news?' });
    expect([await unread(reader), await unread(other)]).toEqual([true, true]);

    await send(c.ADD_NOTE_V1, { actor: reader, ticketId: ticket.id, body: 'Looking into it' });
    expect([await unread(reader), await unread(other)]).toEqual([false, true]);

    await send(c.MARK_READ_V1, { actor: reader, ticketId: ticket.id, read: false });
    expect([await unread(reader), await unread(other)]).toEqual([true, true]);
    const history = await db.query(
      `SELECT action FROM ticket_core.ticket_history WHERE ticket_id = $1 AND action LIKE 'marked-%'
        ORDER BY created_at`,
      [ticket.id],
    );
    expect(history.rows.map((row) => row.action)).toEqual(['marked-read', 'marked-unread']);
  });

  it('refuses an illegal transition with INVALID_TRANSITION and writes nothing', async () => {
    const ticket = await newMailTicket('Not yet');
    const before = await events(ticket.id);
    const error = await rejection(
      send(c.SOLVE_TICKET_V1, { actor: system, ticketId: ticket.id, withSummary: false }),
    );
    expect(error.code).toBe(ErrorCode.INVALID_TRANSITION);
    expect(error.details).toMatchObject({ status: 'new', command: 'solve' });
    expect(await events(ticket.id)).toEqual(before);
    const history = await db.query(
      `SELECT count(*)::int AS n FROM ticket_core.ticket_history WHERE ticket_id = $1`,
      [ticket.id],
    );
    expect(history.rows[0].n).toBe(1);
  });

  it('leaves no row and no event when a reply fails at its last write, and answers afterwards', async () => {
    const agent = agents[3];
    const ticket = await newMailTicket('Half written', 'ivy@example.com');
    const rows = async (sql: string) =>
      (await db.query(`${sql} ORDER BY 1`, [ticket.id])).rows.map((row) => row.r);
    // Everything a reply writes: an agent's reply to a new ticket claims it too, so it inserts
    // a message, updates the ticket and its search row, writes history, events and a read mark.
    const written = async () => ({
      ticket: await rows(`SELECT to_jsonb(r)::text AS r FROM ticket_core.tickets r WHERE id = $1`),
      search: await rows(
        `SELECT to_jsonb(r)::text AS r FROM ticket_core.ticket_search r WHERE ticket_id = $1`,
      ),
      messages: await rows(
        `SELECT to_jsonb(r)::text AS r FROM ticket_core.messages r WHERE ticket_id = $1`,
      ),
      history: await rows(
        `SELECT to_jsonb(r)::text AS r FROM ticket_core.ticket_history r WHERE ticket_id = $1`,
      ),
      reads: await rows(
        `SELECT to_jsonb(r)::text AS r FROM ticket_core.ticket_reads r WHERE ticket_id = $1`,
      ),
      timers: await rows(
        `SELECT to_jsonb(r)::text AS r FROM ticket_core.timers r WHERE ticket_id = $1`,
      ),
      // The relay stamps what it sent: the events by id and subject.
      outbox: await rows(
        `SELECT id || ' ' || subject AS r FROM ticket_core.outbox
          WHERE envelope->'data'->>'ticketId' = $1`,
      ),
    });
    const before = await written();
    // The outbox is written last, in the same transaction as the rest: refusing this ticket's
    // events there fails the command after all its other writes. A sequence, which no rollback
    // undoes, counts that the trap was reached.
    await db.query(`
      CREATE SEQUENCE ticket_core.test_outbox_trap_hits;
      CREATE FUNCTION ticket_core.test_outbox_trap() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.envelope->'data'->>'ticketId' = TG_ARGV[0] THEN
          PERFORM nextval('ticket_core.test_outbox_trap_hits');
          RAISE EXCEPTION 'test trap: no events for this ticket';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_outbox_trap BEFORE INSERT ON ticket_core.outbox
        FOR EACH ROW EXECUTE FUNCTION ticket_core.test_outbox_trap('${ticket.id}');`);
    try {
      const error = await rejection(
        send(c.REPLY_TICKET_V1, { actor: agent, ticketId: ticket.id, body: 'Lost in a rollback' }),
      );
      expect(error.code).toBe(ErrorCode.INTERNAL);
      expect(error.details?.errorId).toEqual(expect.any(String));
      const trap = await db.query(
        `SELECT last_value::int AS hits, is_called FROM ticket_core.test_outbox_trap_hits`,
      );
      expect(trap.rows[0]).toEqual({ hits: 1, is_called: true });
      expect(await written()).toEqual(before);
    } finally {
      await db.query(`
        DROP TRIGGER test_outbox_trap ON ticket_core.outbox;
        DROP FUNCTION ticket_core.test_outbox_trap();
        DROP SEQUENCE ticket_core.test_outbox_trap_hits;`);
    }

    // Nothing stuck: the same reply goes through once the trap is gone, and writes it all.
    const replied = await send(c.REPLY_TICKET_V1, {
      actor: agent,
      ticketId: ticket.id,
      body: 'Second try',
    });
    expect(replied.ticket).toMatchObject({ status: 'open', assigneeId: agent.agentId });
    const after = await written();
    expect(after.messages).toHaveLength(before.messages.length + 1);
    expect(after.history.length).toBeGreaterThan(before.history.length);
    expect(after.reads).toHaveLength(1);
    expect(await events(ticket.id)).toEqual([
      c.TICKET_CREATED_V1,
      c.TICKET_STATUS_CHANGED_V1,
      c.TICKET_CLAIMED_V1,
      c.TICKET_MESSAGE_ADDED_V1,
    ]);
  });

  it('answers NOT_FOUND for an unknown ticket and VALIDATION_FAILED for a bad payload', async () => {
    const missing = await rejection(
      send(c.CLAIM_TICKET_V1, {
        actor: agents[0],
        ticketId: '00000000-0000-4000-8000-000000000000',
      }),
    );
    expect(missing.code).toBe(ErrorCode.NOT_FOUND);
    const invalid = await rejection(
      send(c.SET_PENDING_V1, { actor: agents[0], ticketId: 'nope', remindAt: 'tomorrow' }),
    );
    expect(invalid.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(invalid.details?.fields?.map((field) => field.field).sort()).toEqual([
      'remindAt',
      'ticketId',
    ]);
  });

  it('merges a ticket into another of the same customer, and only of the same customer', async () => {
    const [alice] = agents;
    const first = await newMailTicket('First', 'erin@example.com');
    const second = await newMailTicket('Second', 'erin@example.com');
    const other = await newMailTicket('Other', 'frank@example.com');
    for (const ticket of [first, second, other]) {
      await send(c.CLAIM_TICKET_V1, { actor: alice, ticketId: ticket.id });
    }
    const conflict = await rejection(
      send(c.MERGE_TICKET_V1, { actor: alice, ticketId: other.id, intoTicketId: first.id }),
    );
    expect(conflict.code).toBe(ErrorCode.CONFLICT);
    const target = await send(c.MERGE_TICKET_V1, {
      actor: alice,
      ticketId: second.id,
      intoTicketId: first.id,
    });
    expect(target.id).toBe(first.id);
    const moved = await db.query(
      `SELECT count(*)::int AS n FROM ticket_core.messages WHERE ticket_id = $1`,
      [first.id],
    );
    expect(moved.rows[0].n).toBe(3); // both first messages and the merge note
    const source = await db.query(
      `SELECT status, merged_into_id FROM ticket_core.tickets WHERE id = $1`,
      [second.id],
    );
    expect(source.rows[0]).toEqual({ status: 'solved', merged_into_id: first.id });
  });

  it('lets an agent request access, and the assignee grant it', async () => {
    const [alice, bob] = agents;
    const ticket = await newMailTicket('Access', 'hank@example.com');
    await send(c.CLAIM_TICKET_V1, { actor: alice, ticketId: ticket.id });
    const denied = await rejection(
      send(c.SET_PRIORITY_V1, { actor: bob, ticketId: ticket.id, priority: 'high' }),
    );
    expect(denied.code).toBe(ErrorCode.FORBIDDEN);
    const { requestId } = await send(c.REQUEST_ACCESS_V1, { actor: bob, ticketId: ticket.id });
    const granted = await send(c.DECIDE_ACCESS_V1, {
      actor: alice,
      ticketId: ticket.id,
      requestId,
      grant: true,
    });
    expect(granted.participantIds).toEqual([bob.agentId]);
    const raised = await send(c.SET_PRIORITY_V1, {
      actor: bob,
      ticketId: ticket.id,
      priority: 'high',
    });
    expect(raised.priority).toBe('high');
  });

  it('turns a chat into a parked mail ticket in one step (answer later)', async () => {
    const [alice] = agents;
    const chat = await send(c.CREATE_TICKET_V1, {
      actor: system,
      channel: 'chat',
      subject: 'Chat',
      body: 'hi',
      customer: { email: 'gina@example.com' },
    });
    await send(c.CLAIM_TICKET_V1, { actor: alice, ticketId: chat.id });
    const remindAt = new Date(Date.now() + 2 * DAY).toISOString();
    const later = await send(c.ANSWER_LATER_V1, { actor: alice, ticketId: chat.id, remindAt });
    expect(later).toMatchObject({ channel: 'mail', status: 'pending', remindAt });
  });

  describe('timers of deleted tickets', () => {
    let admin: Actor;

    beforeAll(async () => {
      admin = agentActor(await newAgent(db, workspaceId, { name: 'Ada', role: 'admin' }));
    });

    /** The ticket's timers, as kind → due time. */
    const dueTimers = async (ticketId: string) =>
      Object.fromEntries(
        (
          await db.query(
            `SELECT kind, due_at FROM ticket_core.timers WHERE ticket_id = $1 ORDER BY kind`,
            [ticketId],
          )
        ).rows.map((row: { kind: string; due_at: Date }) => [row.kind, row.due_at.toISOString()]),
      );
    const stored = async (ticketId: string) =>
      (
        await db.query(
          `SELECT status, remind_at, auto_solve_at, deleted_at IS NOT NULL AS deleted, version
             FROM ticket_core.tickets WHERE id = $1`,
          [ticketId],
        )
      ).rows[0];

    it('cancels them on delete: nothing fires on the ticket, however late it gets', async () => {
      const [alice] = agents;
      const clock = app.get(Clock);
      const runner = app.get(TimerRunner);
      const ticket = await newMailTicket('Parked, then deleted', 'ivy@example.com');
      await send(c.CLAIM_TICKET_V1, { actor: alice, ticketId: ticket.id });
      const remindAt = new Date(clock.now().getTime() + HOUR).toISOString();
      const autoSolveAt = new Date(clock.now().getTime() + 2 * HOUR).toISOString();
      await send(c.SET_PENDING_V1, { actor: alice, ticketId: ticket.id, remindAt });
      await send(c.SET_AUTO_SOLVE_V1, { actor: alice, ticketId: ticket.id, autoSolveAt });
      expect(await dueTimers(ticket.id)).toEqual({
        'auto-solve': autoSolveAt,
        'pending-reminder': remindAt,
      });

      await send(c.DELETE_TICKET_V1, { actor: alice, ticketId: ticket.id });
      expect(await dueTimers(ticket.id)).toEqual({});
      const deleted = await stored(ticket.id);
      expect(deleted).toMatchObject({ status: 'pending', deleted: true });

      const realNow = clock.now.bind(clock);
      clock.now = () => new Date(realNow().getTime() + 3 * HOUR);
      try {
        // A timer a deleted ticket still has (one scheduled before deletes cancelled them) is
        // dropped when due, without touching the ticket.
        await db.query(
          `INSERT INTO ticket_core.timers (workspace_id, ticket_id, kind, due_at)
           VALUES ($1, $2, 'pending-reminder', $3)`,
          [workspaceId, ticket.id, remindAt],
        );
        await runner.fireNext();
        await waitFor(async () => Object.keys(await dueTimers(ticket.id)).length === 0, {
          description: 'the stale timer to be dropped',
        });
        expect(await stored(ticket.id)).toEqual(deleted);
        expect(await events(ticket.id)).not.toContain(c.TICKET_REMINDER_DUE_V1);
        expect(await events(ticket.id)).not.toContain(c.TICKET_SOLVED_V1);
      } finally {
        clock.now = realNow;
      }
    });

    it('schedules them again on restore from the ticket, and fires those already due at once', async () => {
      const [alice] = agents;
      const clock = app.get(Clock);
      const ticket = await newMailTicket('Parked, deleted, restored', 'jo@example.com');
      await send(c.CLAIM_TICKET_V1, { actor: alice, ticketId: ticket.id });
      const remindAt = new Date(clock.now().getTime() + HOUR).toISOString();
      const autoSolveAt = new Date(clock.now().getTime() + 2 * HOUR).toISOString();
      await send(c.SET_PENDING_V1, { actor: alice, ticketId: ticket.id, remindAt });
      await send(c.SET_AUTO_SOLVE_V1, { actor: alice, ticketId: ticket.id, autoSolveAt });
      const scheduled = { 'auto-solve': autoSolveAt, 'pending-reminder': remindAt };

      await send(c.DELETE_TICKET_V1, { actor: alice, ticketId: ticket.id });
      expect(await dueTimers(ticket.id)).toEqual({});
      await send(c.RESTORE_TICKET_V1, { actor: admin, ticketId: ticket.id });
      expect(await dueTimers(ticket.id)).toEqual(scheduled);

      // Restored after both moments: the reminder comes due at once, then the auto-solve.
      await send(c.DELETE_TICKET_V1, { actor: alice, ticketId: ticket.id });
      const realNow = clock.now.bind(clock);
      clock.now = () => new Date(realNow().getTime() + 3 * HOUR);
      try {
        await send(c.RESTORE_TICKET_V1, { actor: admin, ticketId: ticket.id });
        expect(await dueTimers(ticket.id)).toMatchObject(scheduled);
        await waitFor(async () => (await stored(ticket.id)).status === 'solved', {
          description: 'the reminder and the auto-solve to fire',
        });
      } finally {
        clock.now = realNow;
      }
      const fired = (await events(ticket.id)).filter((subject) =>
        [c.TICKET_REMINDER_DUE_V1, c.TICKET_SOLVED_V1].includes(subject),
      );
      expect(fired).toEqual([c.TICKET_REMINDER_DUE_V1, c.TICKET_SOLVED_V1]);
    });

    it('gives a restored solved ticket its reopen window and archive back, but no intake close', async () => {
      const [alice] = agents;
      const solved = await newMailTicket('Solved, deleted, restored', 'kim@example.com');
      await send(c.CLAIM_TICKET_V1, { actor: alice, ticketId: solved.id });
      await send(c.SOLVE_TICKET_V1, { actor: alice, ticketId: solved.id, withSummary: false });
      const afterSolve = await dueTimers(solved.id);
      expect(Object.keys(afterSolve)).toEqual(['archive', 'reopen-window']);
      await send(c.DELETE_TICKET_V1, { actor: alice, ticketId: solved.id });
      expect(await dueTimers(solved.id)).toEqual({});
      await send(c.RESTORE_TICKET_V1, { actor: admin, ticketId: solved.id });
      expect(await dueTimers(solved.id)).toEqual(afterSolve);

      // Restored after its reopen window closed (and was marked): the window is not marked again,
      // while the archive, still ahead, comes back.
      await send(c.DELETE_TICKET_V1, { actor: alice, ticketId: solved.id });
      const clock = app.get(Clock);
      const realNow = clock.now.bind(clock);
      clock.now = () => new Date(realNow().getTime() + 20 * DAY);
      try {
        await send(c.RESTORE_TICKET_V1, { actor: admin, ticketId: solved.id });
        expect(await dueTimers(solved.id)).toEqual({ archive: afterSolve.archive });
      } finally {
        clock.now = realNow;
      }

      // An intake close is a moment of the chat, not of the ticket: gone with the delete, and
      // not scheduled on a deleted ticket.
      const chat = await send(c.CREATE_TICKET_V1, {
        actor: system,
        channel: 'chat',
        subject: 'Chat, deleted',
        body: 'hi',
        customer: { email: 'lou@example.com' },
      });
      await send(c.CLAIM_TICKET_V1, { actor: alice, ticketId: chat.id });
      await send(c.SCHEDULE_INTAKE_CLOSE_V1, { actor: alice, ticketId: chat.id });
      expect(Object.keys(await dueTimers(chat.id))).toEqual(['intake-close']);
      await send(c.DELETE_TICKET_V1, { actor: alice, ticketId: chat.id });
      expect(await dueTimers(chat.id)).toEqual({});
      const refused = await rejection(
        send(c.SCHEDULE_INTAKE_CLOSE_V1, { actor: system, ticketId: chat.id }),
      );
      expect(refused.code).toBe(ErrorCode.CONFLICT);
      await send(c.RESTORE_TICKET_V1, { actor: admin, ticketId: chat.id });
      expect(await dueTimers(chat.id)).toEqual({});
    });
  });
});
