import * as c from '@switchboard/contracts';
import { Actor } from '@switchboard/contracts';
import { InProcessHarness, TestNatsClient, startInProcessHarness } from '@switchboard/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ticketCoreService } from '../src/service';
import {
  addParticipant,
  agentActor,
  newAgent,
  newTeam,
  newTicket,
  newWorkspace,
} from './factories';

/*
 * Rules of PRODUCT.md §1 and §2.1 that cross teams or the archive: each test quotes the rule it
 * holds the commands to.
 */
describe('ticket rules across teams, merges and the archive', () => {
  let harness: InProcessHarness;
  let client: TestNatsClient;
  let db: Client;

  beforeAll(async () => {
    harness = await startInProcessHarness(ticketCoreService, 'rules');
    ({ client, db } = harness);
  });

  afterAll(() => harness?.close());

  const send = <S extends c.RequestSubject>(subject: S, payload: c.RequestOf<S>) =>
    client.rpc.request(subject, payload);

  const row = async (id: string) =>
    (
      await db.query(
        `SELECT status, assignee_id, team_id, archived_at, auto_solve_at
           FROM ticket_core.tickets WHERE id = $1`,
        [id],
      )
    ).rows[0];

  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

  /** Two teams: Alice in A, Bob in B. */
  async function twoTeams() {
    const ws = await newWorkspace(db);
    const teamA = await newTeam(db, ws.id, { name: 'A' });
    const teamB = await newTeam(db, ws.id, { name: 'B' });
    const alice = await newAgent(db, ws.id, { teamIds: [teamA.id] });
    const bob = await newAgent(db, ws.id, { teamIds: [teamB.id] });
    return { ws, teamA, teamB, alice, bob };
  }

  // §2.1: "assign / transfer to another agent and/or another team (new|open → open)".
  describe('hand-over across teams (§2.1 assign / transfer, return to queue)', () => {
    it('lets the assignee transfer their open ticket to an agent of another team', async () => {
      const { ws, teamA, teamB, alice, bob } = await twoTeams();
      const ticket = await newTicket(db, ws.id, { teamId: teamA.id, assigneeId: alice.id });

      const moved = await send(c.ASSIGN_TICKET_V1, {
        actor: agentActor(alice),
        ticketId: ticket.id,
        assigneeId: bob.id,
        teamId: teamB.id,
      });

      expect(moved).toMatchObject({ status: 'open', assigneeId: bob.id, teamId: teamB.id });
      expect(await row(ticket.id)).toMatchObject({ assignee_id: bob.id, team_id: teamB.id });
    });

    it('lets an agent move an unclaimed ticket of their team to another team', async () => {
      const { ws, teamA, teamB, alice } = await twoTeams();
      const ticket = await newTicket(db, ws.id, { teamId: teamA.id });

      const moved = await send(c.ASSIGN_TICKET_V1, {
        actor: agentActor(alice),
        ticketId: ticket.id,
        teamId: teamB.id,
      });

      expect(moved).toMatchObject({ status: 'new', teamId: teamB.id });
      expect(await row(ticket.id)).toMatchObject({ team_id: teamB.id });
    });

    it('lets an agent return to the queue a ticket of another team that was handed to them', async () => {
      const { ws, teamB, alice } = await twoTeams();
      // Handed over to Alice while it stays in team B (transfer to an agent only).
      const ticket = await newTicket(db, ws.id, { teamId: teamB.id, assigneeId: alice.id });

      const returned = await send(c.RETURN_TICKET_V1, {
        actor: agentActor(alice),
        ticketId: ticket.id,
      });

      expect(returned).toMatchObject({ status: 'new', assigneeId: null });
      expect(await row(ticket.id)).toMatchObject({ status: 'new', assignee_id: null });
    });
  });

  // §2.1: "quick accept N ... claims the N *oldest* claimable tickets of the caller's teams".
  it("quick accept of a supervisor takes the oldest tickets of the supervisor's own teams", async () => {
    const { ws, teamA, teamB } = await twoTeams();
    const boss = await newAgent(db, ws.id, { role: 'supervisor', teamIds: [teamA.id] });
    const otherTeams = await newTicket(db, ws.id, { teamId: teamB.id, createdAt: minutesAgo(60) });
    const ofMyTeam = await newTicket(db, ws.id, { teamId: teamA.id, createdAt: minutesAgo(10) });

    const accepted = await send(c.QUICK_ACCEPT_V1, { actor: agentActor(boss), count: 1 });

    expect(accepted.items.map((item) => item.id)).toEqual([ofMyTeam.id]);
    expect(await row(otherTeams.id)).toMatchObject({ status: 'new', assignee_id: null });
  });

  // §1: "If a workspace has teams, an agent sees unassigned tickets only of their own teams";
  // §2.2 New: "unassigned tickets the agent may claim (team-scoped)". Taking part in a ticket of
  // another team lets the agent see it, not claim it out of that team's queue.
  it("refuses an agent's claim of an unassigned ticket of another team they merely take part in", async () => {
    const { ws, teamB, alice } = await twoTeams();
    const ticket = await newTicket(db, ws.id, { teamId: teamB.id });
    await addParticipant(db, ticket, alice.id);

    const outcome = await send(c.CLAIM_TICKET_V1, {
      actor: agentActor(alice),
      ticketId: ticket.id,
    }).then(
      () => 'claimed',
      (error: { code?: string }) => error.code,
    );

    expect(outcome).not.toBe('claimed');
    expect(await row(ticket.id)).toMatchObject({ status: 'new', assignee_id: null });
  });

  // §2.1: "archive (solved tickets older than 90 days leave default search but stay retrievable)";
  // "solved ... can reopen". A reopened ticket is no longer a solved one and is worked again.
  it('un-archives a ticket when it is reopened, so it is back in default search', async () => {
    const ws = await newWorkspace(db);
    const alice = await newAgent(db, ws.id);
    const subject = `Archived printer ${Date.now()}`;
    const ticket = await newTicket(db, ws.id, {
      subject,
      status: 'solved',
      assigneeId: alice.id,
      solvedBy: alice.id,
      createdAt: new Date(Date.now() - 120 * 24 * 60 * 60 * 1000),
      archived: true,
    });
    const actor: Actor = agentActor(alice);

    const reopened = await send(c.REOPEN_TICKET_V1, { actor, ticketId: ticket.id });
    expect(reopened).toMatchObject({ status: 'open', assigneeId: alice.id });
    expect(reopened.archived).toBe(false);

    const found = await send(c.SEARCH_TICKETS_V1, { actor, text: subject });
    expect(found.items.map((item) => item.id)).toContain(ticket.id);

    // Solved again today: it is a fresh solve and belongs in the Solved view.
    await send(c.SOLVE_TICKET_V1, { actor, ticketId: ticket.id, withSummary: false });
    const solved = await send(c.LIST_VIEW_V1, { actor, view: 'solved' });
    expect(solved.items.map((item) => item.id)).toContain(ticket.id);
  });

  // §2.1 "return to queue open → new (assignee cleared)": the next agent to claim the ticket
  // starts without the previous one's auto-solve date, which could otherwise have passed already.
  it('clears the auto-solve date when a ticket goes back to the queue', async () => {
    const ws = await newWorkspace(db);
    const alice = await newAgent(db, ws.id);
    const ticket = await newTicket(db, ws.id, {
      assigneeId: alice.id,
      autoSolveAt: new Date(Date.now() + 60 * 60_000),
    });

    await send(c.RETURN_TICKET_V1, { actor: agentActor(alice), ticketId: ticket.id });

    expect(await row(ticket.id)).toMatchObject({ status: 'new', auto_solve_at: null });
    const timers = await db.query(
      `SELECT kind FROM ticket_core.timers WHERE ticket_id = $1 AND kind = 'auto-solve'`,
      [ticket.id],
    );
    expect(timers.rows).toEqual([]);
  });

  // §2.1 merge: "the source is solved and points to the target". Its conversation now lives in
  // the target, so reopening the source would split it again.
  it('refuses to reopen a ticket merged into another, and changes nothing', async () => {
    const ws = await newWorkspace(db);
    const alice = await newAgent(db, ws.id);
    const actor = agentActor(alice);
    const target = await newTicket(db, ws.id, { assigneeId: alice.id });
    const source = await newTicket(db, ws.id, {
      assigneeId: alice.id,
      customerId: target.customerId,
    });
    await send(c.MERGE_TICKET_V1, { actor, ticketId: source.id, intoTicketId: target.id });

    const refused = await send(c.REOPEN_TICKET_V1, { actor, ticketId: source.id }).then(
      () => undefined,
      (error: { code?: string; details?: { mergedIntoId?: string } }) => error,
    );

    expect(refused).toMatchObject({ code: 'CONFLICT', details: { mergedIntoId: target.id } });
    expect(await row(source.id)).toMatchObject({ status: 'solved' });
  });

  // §2.1 a reopened ticket goes "to the previous assignee (or new if they left)" for a customer's
  // reply; an agent who reopens it takes it when its assignee has left.
  it('gives a reopened ticket to the agent reopening it when its assignee has left', async () => {
    const ws = await newWorkspace(db);
    const alice = await newAgent(db, ws.id, { role: 'supervisor' });
    const gone = await newAgent(db, ws.id, { active: false });
    const ticket = await newTicket(db, ws.id, {
      status: 'solved',
      assigneeId: gone.id,
      solvedBy: gone.id,
    });

    const reopened = await send(c.REOPEN_TICKET_V1, {
      actor: agentActor(alice),
      ticketId: ticket.id,
    });

    expect(reopened).toMatchObject({ status: 'open', assigneeId: alice.id });
  });

  // §2.1 delete is "soft, restorable by admins": a deleted ticket is in the bin, not worked on.
  it('takes no command on a deleted ticket but restore, even from an admin who sees it', async () => {
    const ws = await newWorkspace(db);
    const admin = await newAgent(db, ws.id, { role: 'admin' });
    const actor = agentActor(admin);
    const ticket = await newTicket(db, ws.id, { assigneeId: admin.id, deleted: true });
    const before = await row(ticket.id);

    const refusals = await Promise.all(
      [
        () => send(c.REPLY_TICKET_V1, { actor, ticketId: ticket.id, body: 'Into the bin?' }),
        () => send(c.SOLVE_TICKET_V1, { actor, ticketId: ticket.id, withSummary: false }),
        () => send(c.SET_PRIORITY_V1, { actor, ticketId: ticket.id, priority: 'high' }),
      ].map((command) =>
        command().then(
          () => 'done',
          (error: { code?: string }) => error.code,
        ),
      ),
    );

    expect(refusals).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    expect(await row(ticket.id)).toEqual(before);
    const restored = await send(c.RESTORE_TICKET_V1, { actor, ticketId: ticket.id });
    expect(restored).toMatchObject({ id: ticket.id, status: 'open' });
    await send(c.SET_PRIORITY_V1, { actor, ticketId: ticket.id, priority: 'high' });
  });

  // §2.1 set pending "with remindAt": a parked ticket's reminder can be moved without waking it.
  it('moves the reminder of a pending ticket to a new date', async () => {
    const ws = await newWorkspace(db);
    const alice = await newAgent(db, ws.id);
    const ticket = await newTicket(db, ws.id, {
      status: 'pending',
      assigneeId: alice.id,
      remindAt: new Date(Date.now() + 60 * 60_000),
    });
    const later = new Date(Date.now() + 3 * 24 * 60 * 60_000);

    const moved = await send(c.SET_PENDING_V1, {
      actor: agentActor(alice),
      ticketId: ticket.id,
      remindAt: later.toISOString(),
    });

    expect(moved).toMatchObject({ status: 'pending', remindAt: later.toISOString() });
    const timers = await db.query(
      `SELECT due_at FROM ticket_core.timers WHERE ticket_id = $1 AND kind = 'pending-reminder'`,
      [ticket.id],
    );
    expect(timers.rows).toEqual([{ due_at: later }]);
  });

  // PostgreSQL cannot store U+0000; a command holding one is the sender's mistake, named as such.
  it('refuses a NUL character in any field with VALIDATION_FAILED naming it', async () => {
    const ws = await newWorkspace(db);
    const alice = await newAgent(db, ws.id);
    const ticket = await newTicket(db, ws.id, { assigneeId: alice.id });

    const refused = await send(c.REPLY_TICKET_V1, {
      actor: agentActor(alice),
      ticketId: ticket.id,
      body: 'Hello\u0000there',
    }).then(
      () => undefined,
      (error: { code?: string; details?: { fields?: { field: string }[] } }) => error,
    );

    expect(refused).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'body' }] },
    });
    const messages = await db.query(`SELECT 1 FROM ticket_core.messages WHERE ticket_id = $1`, [
      ticket.id,
    ]);
    expect(messages.rows).toHaveLength(0);
  });
});
