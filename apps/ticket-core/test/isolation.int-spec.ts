import * as c from '@switchboard/contracts';
import { Actor, ErrorCode } from '@switchboard/contracts';
import { ServiceException } from '@switchboard/messaging';
import { InProcessHarness, TestNatsClient, startInProcessHarness } from '@switchboard/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketCoreService } from '../src/service';

type TicketScoped = {
  [S in c.RequestSubject]: c.RequestOf<S> extends { ticketId: string } ? S : never;
}[c.RequestSubject];

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
    [c.RENDER_CANNED_REPLY_V1]: (actor, ticketId) => ({ actor, ticketId, cannedReplyId: OTHER_ID }),
  };

describe('workspace isolation and team scoping over every ticket request', () => {
  let harness: InProcessHarness;
  let client: TestNatsClient;
  let db: Client;
  const actors: Record<'adminA' | 'adminB' | 'agentTeamX' | 'agentTeamY', Actor> = {} as never;
  let ticketOfA: c.TicketSummaryV1;
  let teamYTicket: c.TicketSummaryV1;

  async function agent(workspaceId: string, name: string, role: c.Role, teamIds: string[]) {
    const { rows } = await db.query(
      `INSERT INTO ticket_core.agents (workspace_id, name, email, role) VALUES ($1, $2, $3, $4) RETURNING id`,
      [workspaceId, name, `${name.toLowerCase()}@example.test`, role],
    );
    for (const teamId of teamIds) {
      await db.query(
        `INSERT INTO ticket_core.team_members (workspace_id, team_id, agent_id) VALUES ($1, $2, $3)`,
        [workspaceId, teamId, rows[0].id],
      );
    }
    return { kind: 'agent', workspaceId, agentId: rows[0].id, role, teamIds } as Actor;
  }

  async function team(workspaceId: string, name: string): Promise<string> {
    const { rows } = await db.query(
      `INSERT INTO ticket_core.teams (workspace_id, name) VALUES ($1, $2) RETURNING id`,
      [workspaceId, name],
    );
    return rows[0].id;
  }

  beforeAll(async () => {
    harness = await startInProcessHarness(ticketCoreService, 'iso');
    ({ client, db } = harness);
    const a = await client.rpc.request(c.CREATE_WORKSPACE_V1, { name: 'A', slug: 'a' });
    const b = await client.rpc.request(c.CREATE_WORKSPACE_V1, { name: 'B', slug: 'b' });
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

  async function codeOf(promise: Promise<unknown>): Promise<string> {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error, 'the request must fail').toBeInstanceOf(ServiceException);
    return (error as ServiceException).code;
  }

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
});
