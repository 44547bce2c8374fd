import { randomUUID } from 'node:crypto';
import * as c from '@switchboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectWith } from '@switchboard/testing';
import {
  GatewayStack,
  Http,
  HttpResult,
  LoggedInAgent,
  WorkspaceSetup,
  customerTicket,
  newAgent,
  newTeam,
  newWorkspace,
  startGatewayStack,
  writes,
} from './gateway-stack';

type Who = 'agent' | 'supervisor' | 'admin' | 'agentToken' | 'adminToken';
/** `noTeam`: a ticket of no team; `deleted`: a ticket of the caller's team, deleted by an admin. */
type Target = 'ownTeam' | 'otherTeam' | 'noTeam' | 'deleted' | 'otherWorkspace' | 'workspace';

interface Row {
  who: Who;
  what: string;
  target: Target;
  status: number;
}

/**
 * Each row: who calls, which endpoint, on what (a ticket of their team, of another team, of
 * another workspace; or the workspace itself), and the status expected. Refusals write nothing.
 */
const MATRIX: Row[] = [];
const add = (what: string, target: Target, statuses: Partial<Record<Who, number>>) => {
  for (const [who, status] of Object.entries(statuses)) {
    MATRIX.push({ who: who as Who, what, target, status });
  }
};
// Reading: every role reads the views; tickets by id are team-scoped for agents only.
add('read view', 'workspace', { agent: 200, supervisor: 200, admin: 200, agentToken: 200 });
add('read ticket', 'ownTeam', { agent: 200, supervisor: 200, admin: 200 });
add('read ticket', 'otherTeam', { agent: 404, supervisor: 200, admin: 200 });
add('read ticket', 'otherWorkspace', { agent: 404, supervisor: 404, admin: 404, adminToken: 404 });
// An integration's token is limited to its role: an agent-role one may do what an agent in no
// team may (tickets of no team, nothing deleted), an admin-role one what an admin may.
add('read ticket', 'ownTeam', { agentToken: 404, adminToken: 200 });
add('read ticket', 'noTeam', { agent: 200, agentToken: 200 });
add('read ticket', 'deleted', { agent: 404, supervisor: 404, admin: 200, agentToken: 404 });
add('restore ticket', 'deleted', { supervisor: 404, admin: 200, agentToken: 404, adminToken: 200 });
add('delete ticket', 'ownTeam', { agentToken: 404, adminToken: 200 });
// A ticket command (claim).
add('claim ticket', 'ownTeam', { agent: 200, supervisor: 200, admin: 200 });
add('claim ticket', 'otherTeam', { agent: 404, supervisor: 200 });
add('claim ticket', 'otherWorkspace', { agent: 404, supervisor: 404, admin: 404 });
add('reply', 'otherTeam', { agent: 404 });
add('reply', 'otherWorkspace', { admin: 404, adminToken: 404 });
add('priority', 'otherWorkspace', { admin: 404 });
add('delete ticket', 'ownTeam', { agent: 403 });
add('customer update', 'otherWorkspace', { admin: 404 });
// Admin-only: settings, agents, teams, API tokens, mailboxes.
add('read settings', 'workspace', { agent: 200, supervisor: 200, admin: 200 });
add('update settings', 'workspace', {
  agent: 403,
  supervisor: 403,
  admin: 200,
  agentToken: 403,
  adminToken: 200,
});
add('create agent', 'workspace', { agent: 403, supervisor: 403, admin: 200 });
add('create team', 'workspace', { agent: 403, supervisor: 403, admin: 201 });
add('create api token', 'workspace', { agent: 403, supervisor: 403, admin: 201 });
add('list mailboxes', 'workspace', { agent: 403, supervisor: 403, admin: 200, adminToken: 200 });
add('upsert mailbox', 'workspace', {
  agent: 403,
  supervisor: 403,
  admin: 200,
  agentToken: 403,
  adminToken: 200,
});
add('read widget', 'workspace', { agent: 403, supervisor: 403, admin: 200, adminToken: 200 });
add('update widget', 'workspace', { agent: 403, supervisor: 403, admin: 200, agentToken: 403 });
add('list inbound mails', 'workspace', { agent: 403, supervisor: 403, admin: 200 });
// An unknown mail: found nowhere for the admin, forbidden before any lookup for the others.
add('replay inbound mail', 'workspace', { agent: 403, supervisor: 403, admin: 404 });
add('assign to other workspace agent', 'ownTeam', { admin: 404 });
// The knowledge base: its editors (admins and supervisors by default) write; every role reads.
add('create kb article', 'workspace', {
  agent: 403,
  supervisor: 201,
  admin: 201,
  agentToken: 403,
  adminToken: 201,
});
add('search kb', 'workspace', { agent: 200, supervisor: 200, admin: 200, agentToken: 200 });
add('update kb settings', 'workspace', { agent: 403, supervisor: 403, admin: 200 });

describe('api-gateway REST API: authorization and bad input', () => {
  let stack: GatewayStack;
  let a: WorkspaceSetup;
  let b: WorkspaceSetup;
  let team1: c.TeamV1;
  let team2: c.TeamV1;
  let callers: Record<Who, Http>;
  let adminB: LoggedInAgent;
  let ticketB: c.TicketSummaryV1;
  let sequence = 0;

  beforeAll(async () => {
    stack = await startGatewayStack(
      'authz',
      { BODY_LIMIT: '64kb' },
      { apps: ['ticket-core', 'mail-ingest', 'chat-gateway', 'knowledge-base', 'api-gateway'] },
    );
    a = await newWorkspace(stack, 'alpha');
    b = await newWorkspace(stack, 'beta');
    team1 = await newTeam(stack, a, 'One');
    team2 = await newTeam(stack, a, 'Two');
    const agent = await newAgent(stack, a, {
      name: 'Agnes',
      email: 'agnes@alpha.test',
      role: 'agent',
      teamIds: [team1.id],
    });
    const supervisor = await newAgent(stack, a, {
      name: 'Sam',
      email: 'sam@alpha.test',
      role: 'supervisor',
      teamIds: [team1.id],
    });
    const admin = await newAgent(stack, a, {
      name: 'Ada',
      email: 'ada@alpha.test',
      role: 'admin',
    });
    adminB = await newAgent(stack, b, { name: 'Bea', email: 'bea@beta.test', role: 'admin' });
    ticketB = await customerTicket(stack, b, { subject: 'Beta secret' });
    const token = async (role: c.Role) => {
      const response = await admin.http.post<{ token: string }>('/api/v1/api-tokens', {
        name: `${role} integration`,
        role,
      });
      expect(response.status).toBe(201);
      return stack.http.as(response.body.token);
    };
    callers = {
      agent: agent.http,
      supervisor: supervisor.http,
      admin: admin.http,
      agentToken: await token('agent'),
      adminToken: await token('admin'),
    };
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** A fresh ticket for each row, so that one row's change never decides another's answer. */
  async function ticketFor(target: Target): Promise<c.TicketSummaryV1> {
    if (target === 'otherWorkspace') return ticketB;
    const ticket = await customerTicket(stack, a, {
      subject: `Matrix ticket ${++sequence}`,
      teamId: target === 'noTeam' ? undefined : target === 'otherTeam' ? team2.id : team1.id,
      customer: { email: `matrix${sequence}@customer.test` },
    });
    if (target === 'deleted') {
      expect((await callers.admin.delete(`/api/v1/tickets/${ticket.id}`)).status).toBe(200);
    }
    return ticket;
  }

  /** Makes the row's fixtures, and answers the call to measure. */
  async function prepare(row: Row, http: Http): Promise<() => Promise<HttpResult>> {
    const ticket = row.target === 'workspace' ? undefined : await ticketFor(row.target);
    const path = `/api/v1/tickets/${ticket?.id}`;
    return () => call(row, http, path, ticket);
  }

  function call(row: Row, http: Http, path: string, ticket?: c.TicketSummaryV1) {
    switch (row.what) {
      case 'read view':
        return http.get('/api/v1/views/new');
      case 'read ticket':
        return http.get(path);
      case 'claim ticket':
        return http.post(`${path}/claim`);
      case 'reply':
        return http.post(`${path}/replies`, { body: 'hello' });
      case 'priority':
        return http.post(`${path}/priority`, { priority: 'low' });
      case 'delete ticket':
        return http.delete(path);
      case 'restore ticket':
        return http.post(`${path}/restore`);
      case 'customer update':
        return http.patch(`/api/v1/customers/${ticket?.customer.id}`, { name: 'Mallory' });
      case 'read settings':
        return http.get('/api/v1/settings');
      case 'update settings':
        return http.patch('/api/v1/settings', { reopenWindowDays: 10 + ++sequence });
      case 'create agent':
        return http.post('/api/v1/agents', {
          name: 'New',
          email: `new${++sequence}@alpha.test`,
          role: 'agent',
          teamIds: [],
        });
      case 'create team':
        return http.post('/api/v1/teams', { name: `Team ${++sequence}` });
      case 'create api token':
        return http.post('/api/v1/api-tokens', { name: `token ${++sequence}`, role: 'agent' });
      case 'list mailboxes':
        return http.get('/api/v1/mailboxes');
      case 'upsert mailbox':
        return http.post('/api/v1/mailboxes', {
          address: `support${++sequence}@alpha.test`,
          name: 'Support',
          teamId: team1.id,
        });
      case 'read widget':
        return http.get('/api/v1/settings/widget');
      case 'update widget':
        return http.patch('/api/v1/settings/widget', { greeting: `Hello ${++sequence}` });
      case 'list inbound mails':
        return http.get('/api/v1/mailboxes/inbound-mails?status=parked');
      case 'replay inbound mail':
        return http.post(`/api/v1/mailboxes/inbound-mails/${randomUUID()}/replay`, {});
      case 'create kb article':
        return http.post('/api/v1/kb/articles', {
          title: 'Article',
          slug: `article-${++sequence}`,
          bodyMarkdown: 'Text',
        });
      case 'search kb':
        return http.get('/api/v1/kb/search?query=article');
      case 'update kb settings':
        return http.put('/api/v1/kb/settings', { language: 'english' });
      case 'assign to other workspace agent':
        return http.post(`${path}/assign`, { assigneeId: adminB.agent.id });
      default:
        throw new Error(`no call for ${row.what}`);
    }
  }

  it.each(MATRIX)('$who: $what on $target → $status', async (row) => {
    const send = await prepare(row, callers[row.who]);
    const before = await writes(stack.db);
    const response = await send();
    expectWith(JSON.stringify(response.body), response.status).toBe(row.status);
    if (row.status >= 400) {
      expect((response.body as c.ErrorEnvelope).code).toBe(
        row.status === 403 ? 'FORBIDDEN' : 'NOT_FOUND',
      );
      expect(await writes(stack.db)).toEqual(before);
    }
  });

  it('never lets another workspace read its settings or tickets', async () => {
    const settings = await adminB.http.get<c.WorkspaceSettingsV1>('/api/v1/settings');
    expect(settings.body.workspaceId).toBe(b.workspace.id);
    const ticket = await customerTicket(stack, a, { subject: 'Alpha only', teamId: team1.id });
    expect((await adminB.http.get(`/api/v1/tickets/${ticket.id}`)).status).toBe(404);
    expect(
      (await adminB.http.get(`/api/v1/tickets/by-number/${ticket.number}`)).body,
    ).not.toMatchObject({ id: ticket.id });
    const search = await adminB.http.get<c.TicketPageV1>('/api/v1/tickets/search?text=Alpha');
    expect(search.body.items).toEqual([]);
  });

  it("keeps each workspace's mailboxes to itself: listed only there, and not taken over", async () => {
    const created = await adminB.http.post<c.MailboxV1>('/api/v1/mailboxes', {
      address: 'Help@Beta.test',
      name: 'Beta help',
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ address: 'help@beta.test', workspaceId: b.workspace.id });
    const listA = await callers.admin.get<c.MailboxListV1>('/api/v1/mailboxes');
    expect(listA.body.items.map((mailbox) => mailbox.address)).not.toContain('help@beta.test');
    expect(listA.body.items.every((mailbox) => mailbox.workspaceId === a.workspace.id)).toBe(true);
    const before = await writes(stack.db);
    const takeover = await callers.admin.post('/api/v1/mailboxes', {
      address: 'help@beta.test',
      name: 'Mine now',
    });
    expect(takeover.status).toBe(409);
    expect(await writes(stack.db)).toEqual(before);
    const listB = await adminB.http.get<c.MailboxListV1>('/api/v1/mailboxes');
    expect(listB.body.items).toEqual([created.body]);
  });

  describe('bad input', () => {
    let ticket: c.TicketSummaryV1;

    beforeAll(async () => {
      ticket = await customerTicket(stack, a, { subject: 'Bad input', teamId: team1.id });
      await callers.agent.post(`/api/v1/tickets/${ticket.id}/claim`);
    });

    const forgedActor = () => ({
      body: 'as someone else',
      actor: { kind: 'system', workspaceId: b.workspace.id, teamIds: [] },
    });

    /** Each: what is wrong, the request, the status, and for a 400 the fields it names. */
    const cases: [
      string,
      () => [method: string, path: string, body?: unknown, raw?: string],
      number,
      string[]?,
    ][] = [
      [
        'malformed JSON',
        () => ['POST', `/api/v1/tickets/${ticket.id}/replies`, undefined, '{"body": '],
        400,
      ],
      [
        'a body of the wrong type',
        () => ['POST', `/api/v1/tickets/${ticket.id}/replies`, { body: 42 }],
        400,
        ['body'],
      ],
      [
        'an unknown enum value',
        () => ['POST', `/api/v1/tickets/${ticket.id}/priority`, { priority: 'extreme' }],
        400,
        ['priority'],
      ],
      [
        'a string for a boolean',
        () => ['POST', `/api/v1/tickets/${ticket.id}/solve`, { withSummary: 'yes' }],
        400,
        ['withSummary'],
      ],
      [
        'a forged actor in the body',
        () => ['POST', `/api/v1/tickets/${ticket.id}/replies`, forgedActor()],
        400,
        ['actor'],
      ],
      [
        'a ticket id in the body',
        () => ['POST', `/api/v1/tickets/${ticket.id}/notes`, { body: 'x', ticketId: ticket.id }],
        400,
        ['ticketId'],
      ],
      [
        'an unknown field',
        () => ['POST', `/api/v1/tickets/${ticket.id}/read`, { read: true, colour: 'red' }],
        400,
        ['colour'],
      ],
      [
        'a JSON array body',
        () => ['POST', `/api/v1/tickets/${ticket.id}/replies`, [{ body: 'x' }]],
        400,
      ],
      [
        'a body over BODY_LIMIT',
        () => ['POST', `/api/v1/tickets/${ticket.id}/replies`, { body: 'x'.repeat(100_000) }],
        413,
      ],
      ['a bad uuid in the path', () => ['POST', '/api/v1/tickets/not-a-uuid/claim'], 400, ['id']],
      [
        'a bad second uuid in the path',
        () => [
          'POST',
          `/api/v1/tickets/${ticket.id}/access-requests/nope/decision`,
          { grant: true },
        ],
        400,
        ['requestId'],
      ],
      ['a number that is not one', () => ['GET', '/api/v1/tickets/by-number/abc'], 400, ['number']],
      ['ticket number zero', () => ['GET', '/api/v1/tickets/by-number/0'], 400, ['number']],
      ['an unknown view', () => ['GET', '/api/v1/views/everything'], 400, ['view']],
      [
        'a limit that is not a number',
        () => ['GET', '/api/v1/views/new?limit=ten'],
        400,
        ['limit'],
      ],
      ['a limit out of range', () => ['GET', '/api/v1/views/new?limit=1000'], 400, ['limit']],
      [
        'an unknown query parameter',
        () => ['GET', '/api/v1/tickets/search?colour=red'],
        400,
        ['colour'],
      ],
      [
        'an unknown status filter',
        () => ['GET', '/api/v1/tickets/search?status=open,weird'],
        400,
        ['status'],
      ],
      [
        'a missing ticketId for render',
        () => ['GET', `/api/v1/canned-replies/${ticket.id}/render`],
        400,
        ['ticketId'],
      ],
      [
        'a remindAt that is no date',
        () => ['POST', `/api/v1/tickets/${ticket.id}/pending`, { remindAt: 'tomorrow' }],
        400,
        ['remindAt'],
      ],
      ['an unknown route', () => ['POST', '/api/v1/tickets/nothing/here/at-all'], 404],
    ];

    const CODES: Record<number, c.ErrorCode> = {
      400: c.ErrorCode.VALIDATION_FAILED,
      404: c.ErrorCode.NOT_FOUND,
      413: c.ErrorCode.PAYLOAD_TOO_LARGE,
    };

    it.each(cases.map(([name, build, status, fields]) => [name, status, build, fields] as const))(
      'refuses %s with %i and writes nothing',
      async (_, status, build, fields) => {
        const [method, path, body, raw] = build();
        const before = await writes(stack.db);
        const response = await callers.agent.request<c.ErrorEnvelope>(
          method,
          path,
          body,
          raw === undefined ? {} : { rawBody: raw },
        );
        expectWith(JSON.stringify(response.body), response.status).toBe(status);
        expect(response.body.code).toBe(CODES[status]);
        if (fields) expect(response.body.details?.fields?.map((f) => f.field)).toEqual(fields);
        expect(await writes(stack.db)).toEqual(before);
      },
    );

    it('refuses a request without a token with 401 and writes nothing', async () => {
      const before = await writes(stack.db);
      const response = await stack.http.post(`/api/v1/tickets/${ticket.id}/claim`);
      expect(response.status).toBe(401);
      expect(await writes(stack.db)).toEqual(before);
    });
  });
});
