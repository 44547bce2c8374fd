import * as c from '@switchboard/contracts';
import { Actor } from '@switchboard/contracts';
import {
  ProcessStack,
  TestNatsClient,
  startProcessStack,
  waitFor,
  expectWith,
} from '@switchboard/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const DUE_IN_MS = 3000;

describe('timers with two ticket-core replicas', () => {
  let stack: ProcessStack;
  let client: TestNatsClient;
  let db: Client;
  let system: Actor;
  let alice: Actor;

  beforeAll(async () => {
    stack = await startProcessStack('timers', ['ticket-core', 'ticket-core']);
    ({ client, db } = stack);
    const workspace = await client.rpc.request(c.CREATE_WORKSPACE_V1, {
      name: 'T',
      slug: 'timers',
    });
    system = { kind: 'system', workspaceId: workspace.id, teamIds: [] };
    const { rows } = await db.query(
      `INSERT INTO ticket_core.agents (workspace_id, name, email, role)
       VALUES ($1, 'Alice', 'alice@t.test', 'agent') RETURNING id`,
      [workspace.id],
    );
    alice = {
      kind: 'agent',
      workspaceId: workspace.id,
      agentId: rows[0].id,
      role: 'agent',
      teamIds: [],
    };
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function claimedTicket(channel: 'mail' | 'chat', subject: string) {
    const ticket = await client.rpc.request(c.CREATE_TICKET_V1, {
      actor: system,
      channel,
      subject,
      body: subject,
      customer: { email: `${subject.toLowerCase().replace(/\W+/g, '-')}@example.com` },
    });
    await client.rpc.request(c.CLAIM_TICKET_V1, { actor: alice, ticketId: ticket.id });
    return ticket;
  }

  /** Moves a timer that is due far ahead (days) to a few seconds from now. */
  async function bringForward(ticketId: string, kind: string, dueAt: Date) {
    const moved = await db.query(
      `UPDATE ticket_core.timers SET due_at = $3 WHERE ticket_id = $1 AND kind = $2`,
      [ticketId, kind, dueAt],
    );
    expect(moved.rowCount).toBe(1);
  }

  it('fires every kind of timer exactly once, within 2 s of its due time', async () => {
    const dueAt = new Date(Date.now() + DUE_IN_MS);
    const parked = await claimedTicket('mail', 'Reminder');
    await client.rpc.request(c.SET_PENDING_V1, {
      actor: alice,
      ticketId: parked.id,
      remindAt: dueAt.toISOString(),
    });
    const autoSolved = await claimedTicket('mail', 'Auto solve');
    await client.rpc.request(c.SET_AUTO_SOLVE_V1, {
      actor: alice,
      ticketId: autoSolved.id,
      autoSolveAt: dueAt.toISOString(),
    });
    const solved = await claimedTicket('mail', 'Archive me');
    await client.rpc.request(c.SOLVE_TICKET_V1, {
      actor: alice,
      ticketId: solved.id,
      withSummary: false,
    });
    await bringForward(solved.id, 'reopen-window', dueAt);
    await bringForward(solved.id, 'archive', dueAt);
    const chat = await claimedTicket('chat', 'Out of hours');
    await client.rpc.request(c.SCHEDULE_INTAKE_CLOSE_V1, { actor: system, ticketId: chat.id });
    await bringForward(chat.id, 'intake-close', dueAt);

    const expected: [string, string][] = [
      [parked.id, 'reminder-due'],
      [autoSolved.id, 'solved'],
      [solved.id, 'reopen-window-closed'],
      [solved.id, 'archived'],
      [chat.id, 'intake-closed'],
    ];
    await waitFor(
      async () =>
        Number(
          (await db.query(`SELECT count(*) FROM ticket_core.timers WHERE due_at <= $1`, [dueAt]))
            .rows[0].count,
        ) === 0,
      { timeoutMs: DUE_IN_MS + 5000, description: 'every timer to fire' },
    );

    for (const [ticketId, action] of expected) {
      const { rows } = await db.query(
        `SELECT created_at FROM ticket_core.ticket_history WHERE ticket_id = $1 AND action = $2
          AND created_at >= $3`,
        [ticketId, action, new Date(dueAt.getTime() - 1)],
      );
      expectWith(`${action} of ${ticketId}`, rows).toHaveLength(1);
      const lateMs = new Date(rows[0].created_at).getTime() - dueAt.getTime();
      expect(lateMs).toBeGreaterThanOrEqual(0);
      expect(lateMs).toBeLessThan(2000);
    }

    const states = await db.query(
      `SELECT id, status, archived_at IS NOT NULL AS archived FROM ticket_core.tickets WHERE id = ANY($1::uuid[])`,
      [[parked.id, autoSolved.id, solved.id]],
    );
    const byId = new Map(states.rows.map((row) => [row.id, row]));
    expect(byId.get(parked.id)).toMatchObject({ status: 'open' });
    expect(byId.get(autoSolved.id)).toMatchObject({ status: 'solved' });
    expect(byId.get(solved.id)).toMatchObject({ status: 'solved', archived: true });

    const events = async (subject: string, ticketId: string) =>
      Number(
        (
          await db.query(
            `SELECT count(*) FROM ticket_core.outbox WHERE subject = $1 AND envelope->'data'->>'ticketId' = $2`,
            [subject, ticketId],
          )
        ).rows[0].count,
      );
    expect(await events(c.TICKET_REMINDER_DUE_V1, parked.id)).toBe(1);
    expect(await events(c.TICKET_SOLVED_V1, autoSolved.id)).toBe(1);
    expect(await events(c.TICKET_INTAKE_CLOSED_V1, chat.id)).toBe(1);
  });
});
