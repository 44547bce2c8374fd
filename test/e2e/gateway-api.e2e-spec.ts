import * as c from '@switchboard/contracts';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  GatewayStack,
  LoggedInAgent,
  WorkspaceSetup,
  customerTicket,
  login,
  newAgent,
  newTeam,
  newWorkspace,
  startGatewayStack,
  writes,
} from './gateway-stack';

const inOneHour = () => new Date(Date.now() + 3600_000).toISOString();

describe('api-gateway REST API: the ticket lifecycle over HTTP', () => {
  let stack: GatewayStack;
  let setup: WorkspaceSetup;
  let admin: LoggedInAgent;
  let bob: LoggedInAgent;
  let dora: LoggedInAgent;
  let team: c.TeamV1;

  beforeAll(async () => {
    stack = await startGatewayStack('api');
    setup = await newWorkspace(stack, 'acme');
    team = await newTeam(stack, setup, 'Support');
    admin = await newAgent(stack, setup, { name: 'Ada', email: 'ada@acme.test', role: 'admin' });
    bob = await newAgent(stack, setup, {
      name: 'Bob',
      email: 'bob@acme.test',
      role: 'agent',
      teamIds: [team.id],
    });
    dora = await newAgent(stack, setup, {
      name: 'Dora',
      email: 'dora@acme.test',
      role: 'agent',
      teamIds: [team.id],
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('creates a manual ticket that is open and assigned to its author', async () => {
    const created = await bob.http.post<c.TicketSummaryV1>('/api/v1/tickets', {
      subject: 'Called about an invoice',
      body: 'Customer phoned: invoice 42 is wrong.',
      customer: { email: 'erin@customer.test', name: 'Erin' },
      priority: 'high',
      labels: ['billing'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      channel: 'manual',
      status: 'open',
      assigneeId: bob.agent.id,
      priority: 'high',
      labels: ['billing'],
    });
  });

  it("creates an agent's composed mail ticket, and an integration's web ticket for the queue", async () => {
    const composed = await bob.http.post<c.TicketSummaryV1>('/api/v1/tickets', {
      channel: 'mail',
      subject: 'Your refund',
      body: 'We have refunded order 7.',
      customer: { email: 'frank@customer.test' },
    });
    expect(composed.status).toBe(201);
    expect(composed.body).toMatchObject({
      channel: 'mail',
      status: 'open',
      assigneeId: bob.agent.id,
    });
    const token = await admin.http.post<{ token: string }>('/api/v1/api-tokens', {
      name: 'Shop',
      role: 'supervisor',
    });
    const shop = stack.http.as(token.body.token);
    const fromForm = await shop.post<c.TicketSummaryV1>('/api/v1/tickets', {
      channel: 'web',
      subject: 'Where is my parcel?',
      body: 'Order 9 has not arrived.',
      customer: { email: 'gina@customer.test', externalId: 'shop-9' },
      teamId: team.id,
    });
    expect(fromForm.status).toBe(201);
    expect(fromForm.body).toMatchObject({
      channel: 'web',
      status: 'new',
      assigneeId: null,
      teamId: team.id,
    });
    const before = await writes(stack.db);
    const unmailable = await bob.http.post<c.ErrorEnvelope>('/api/v1/tickets', {
      channel: 'mail',
      subject: 'No address',
      customer: { externalId: 'crm-without-email' },
    });
    expect(unmailable.status).toBe(400);
    expect(unmailable.body.details?.fields?.map((field) => field.field)).toEqual([
      'customer.email',
    ]);
    const chat = await bob.http.post<c.ErrorEnvelope>('/api/v1/tickets', {
      channel: 'chat',
      subject: 'x',
      customer: { email: 'x@customer.test' },
    });
    expect(chat.status).toBe(400);
    expect(chat.body.details?.fields?.map((field) => field.field)).toEqual(['channel']);
    expect(await writes(stack.db)).toEqual(before);
  });

  it('links a customer by external id or email: the same customer each time', async () => {
    const linked = await bob.http.post<c.CustomerV1>('/api/v1/customers/link', {
      externalId: 'crm-1001',
      email: 'hana@customer.test',
      name: 'Hana',
    });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ email: 'hana@customer.test', name: 'Hana' });
    const byExternalId = await bob.http.post<c.CustomerV1>('/api/v1/customers/link', {
      externalId: 'crm-1001',
    });
    expect(byExternalId.body.id).toBe(linked.body.id);
    const byEmail = await bob.http.post<c.CustomerV1>('/api/v1/customers/link', {
      email: 'HANA@customer.test',
    });
    expect(byEmail.body.id).toBe(linked.body.id);
    const neither = await bob.http.post<c.ErrorEnvelope>('/api/v1/customers/link', {});
    expect(neither.status).toBe(400);
  });

  it('runs a customer ticket through claim, reply, note, pending, solve and reopen', async () => {
    const ticket = await customerTicket(stack, setup, {
      subject: 'Printer on fire',
      teamId: team.id,
    });
    const path = `/api/v1/tickets/${ticket.id}`;

    const newView = await bob.http.get<c.TicketPageV1>('/api/v1/views/new?limit=10');
    expect(newView.status).toBe(200);
    expect(newView.body.items.map((item) => item.id)).toContain(ticket.id);

    const claimed = await bob.http.post<c.TicketSummaryV1>(`${path}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ status: 'open', assigneeId: bob.agent.id });
    const again = await dora.http.post<c.ErrorEnvelope>(`${path}/claim`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('TICKET_ALREADY_CLAIMED');

    const reply = await bob.http.post<c.MessageAddedReplyV1>(`${path}/replies`, {
      body: 'We are on our way.',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.message).toMatchObject({ visibility: 'public', authorId: bob.agent.id });
    const note = await bob.http.post<c.MessageAddedReplyV1>(`${path}/notes`, {
      body: 'Bring an extinguisher.',
    });
    expect(note.status).toBe(201);
    expect(note.body.message.visibility).toBe('internal');

    const remindAt = inOneHour();
    const pending = await bob.http.post<c.TicketSummaryV1>(`${path}/pending`, { remindAt });
    expect(pending.status).toBe(200);
    expect(pending.body.status).toBe('pending');
    const pendingView = await bob.http.get<c.TicketPageV1>('/api/v1/views/pending');
    expect(pendingView.body.items.map((item) => item.id)).toContain(ticket.id);

    const labels = await bob.http.post<c.TicketSummaryV1>(`${path}/labels`, {
      add: ['fire', 'hardware'],
      remove: [],
    });
    expect(labels.body.labels.sort()).toEqual(['fire', 'hardware']);
    const unlabelled = await bob.http.post<c.TicketSummaryV1>(`${path}/labels`, {
      add: [],
      remove: ['hardware'],
    });
    expect(unlabelled.body.labels).toEqual(['fire']);
    const priority = await bob.http.post<c.TicketSummaryV1>(`${path}/priority`, {
      priority: 'urgent',
    });
    expect(priority.body.priority).toBe('urgent');

    const solved = await bob.http.post<c.TicketSummaryV1>(`${path}/solve`, { withSummary: false });
    expect(solved.status).toBe(200);
    expect(solved.body).toMatchObject({ status: 'solved', solvedBy: bob.agent.id });
    const solvedView = await bob.http.get<c.TicketPageV1>(
      '/api/v1/views/solved?solvedByMe=true&label=fire',
    );
    expect(solvedView.status).toBe(200);
    expect(solvedView.body.items.map((item) => item.id)).toEqual([ticket.id]);
    const notMine = await dora.http.get<c.TicketPageV1>('/api/v1/views/solved?solvedByMe=true');
    expect(notMine.body.items).toEqual([]);

    const reopened = await bob.http.post<c.TicketSummaryV1>(`${path}/reopen`);
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('open');

    const detail = await bob.http.get<c.TicketDetailV1>(path);
    expect(detail.status).toBe(200);
    expect(detail.body.messages.map((message) => message.visibility)).toEqual([
      'public',
      'public',
      'internal',
    ]);
    expect(detail.body.history.length).toBeGreaterThanOrEqual(7);
    const byNumber = await bob.http.get<c.TicketDetailV1>(
      `/api/v1/tickets/by-number/${ticket.number}`,
    );
    expect(byNumber.status).toBe(200);
    expect(byNumber.body.id).toBe(ticket.id);

    const counts = await bob.http.get<c.ViewCountsReplyV1>('/api/v1/views/counts');
    expect(counts.status).toBe(200);
    expect(counts.body.open).toBeGreaterThanOrEqual(2);

    const byHash = await bob.http.get<c.TicketPageV1>(
      `/api/v1/tickets/search?text=${encodeURIComponent(`#${ticket.number}`)}`,
    );
    expect(byHash.status).toBe(200);
    expect(byHash.body.items.map((item) => item.id)).toEqual([ticket.id]);
    const byText = await bob.http.get<c.TicketPageV1>(
      '/api/v1/tickets/search?text=printer&status=open,pending&priority=urgent&limit=5',
    );
    expect(byText.status).toBe(200);
    expect(byText.body.items.map((item) => item.id)).toEqual([ticket.id]);
    const repeated = await bob.http.get<c.TicketPageV1>(
      '/api/v1/tickets/search?status=solved&status=pending',
    );
    expect(repeated.status).toBe(200);
    expect(repeated.body.items.map((item) => item.id)).not.toContain(ticket.id);
  });

  it('answers every other ticket command through its route', async () => {
    const ticket = await customerTicket(stack, setup, {
      subject: 'Many commands',
      teamId: team.id,
    });
    const other = await customerTicket(stack, setup, { subject: 'Same customer', teamId: team.id });
    const chat = await customerTicket(stack, setup, { subject: 'A chat', channel: 'chat' });
    const path = `/api/v1/tickets/${ticket.id}`;

    const accepted = await dora.http.post<c.TicketListV1>('/api/v1/tickets/quick-accept', {
      count: 1,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.items).toHaveLength(1);

    const assigned = await admin.http.post<c.TicketSummaryV1>(`${path}/assign`, {
      assigneeId: bob.agent.id,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assigneeId).toBe(bob.agent.id);

    const access = await dora.http.post<{ requestId: string }>(`${path}/access-requests`);
    expect(access.status).toBe(201);
    const decided = await bob.http.post<c.TicketSummaryV1>(
      `${path}/access-requests/${access.body.requestId}/decision`,
      { grant: true },
    );
    expect(decided.status).toBe(200);
    expect(decided.body.participantIds).toContain(dora.agent.id);

    const participants = await bob.http.post<c.TicketSummaryV1>(`${path}/participants`, {
      add: [],
      remove: [dora.agent.id],
    });
    expect(participants.body.participantIds).not.toContain(dora.agent.id);

    const unread = await bob.http.post<c.TicketSummaryV1>(`${path}/read`, { read: false });
    expect(unread.status).toBe(200);
    expect(unread.body.unread).toBe(true);

    const autoSolve = await bob.http.post<c.TicketSummaryV1>(`${path}/auto-solve`, {
      autoSolveAt: inOneHour(),
    });
    expect(autoSolve.status).toBe(200);
    expect(autoSolve.body.autoSolveAt).not.toBeNull();
    const cleared = await bob.http.post<c.TicketSummaryV1>(`${path}/auto-solve`, {
      autoSolveAt: null,
    });
    expect(cleared.body.autoSolveAt).toBeNull();

    const rotated = await bob.http.post<{ publicToken: string }>(`${path}/public-token/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.publicToken.length).toBeGreaterThanOrEqual(22);

    const returned = await bob.http.post<c.TicketSummaryV1>(`${path}/return`);
    expect(returned.body).toMatchObject({ status: 'new', assigneeId: null });

    const deleted = await admin.http.delete<c.TicketSummaryV1>(path);
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted).toBe(true);
    const restored = await admin.http.post<c.TicketSummaryV1>(`${path}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.deleted).toBe(false);

    await admin.http.post(`/api/v1/tickets/${other.id}/claim`);
    const merged = await admin.http.post<c.TicketSummaryV1>(`/api/v1/tickets/${other.id}/merge`, {
      intoTicketId: ticket.id,
    });
    expect(merged.status).toBe(200);
    expect(merged.body.id).toBe(ticket.id);
    const source = await admin.http.get<c.TicketDetailV1>(`/api/v1/tickets/${other.id}`);
    expect(source.body).toMatchObject({ status: 'solved', mergedIntoId: ticket.id });

    await bob.http.post(`/api/v1/tickets/${chat.id}/claim`);
    const byMail = await bob.http.post<c.TicketSummaryV1>(
      `/api/v1/tickets/${chat.id}/continue-by-mail`,
    );
    expect(byMail.status).toBe(200);
    expect(byMail.body.channel).toBe('mail');
    const chat2 = await customerTicket(stack, setup, { subject: 'Later', channel: 'chat' });
    await bob.http.post(`/api/v1/tickets/${chat2.id}/claim`);
    const later = await bob.http.post<c.TicketSummaryV1>(
      `/api/v1/tickets/${chat2.id}/answer-later`,
      { remindAt: inOneHour() },
    );
    expect(later.status).toBe(200);
    expect(later.body).toMatchObject({ channel: 'mail', status: 'pending' });
  });

  it('reads and changes the workspace settings (agents read, admins write)', async () => {
    const read = await bob.http.get<c.WorkspaceSettingsV1>('/api/v1/settings');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      workspaceId: setup.workspace.id,
      businessHours: { timeZone: 'UTC', periods: [] },
      attachmentMaxBytes: 26214400,
    });
    const businessHours = {
      timeZone: 'America/New_York',
      periods: [{ day: 'fri', start: '08:00', end: '16:00' }],
    };
    const updated = await admin.http.patch<c.WorkspaceSettingsV1>('/api/v1/settings', {
      businessHours,
      reopenWindowDays: 3,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ businessHours, reopenWindowDays: 3 });
    const refused = await bob.http.patch<c.ErrorEnvelope>('/api/v1/settings', {
      reopenWindowDays: 30,
    });
    expect(refused.status).toBe(403);
    const badZone = await admin.http.patch<c.ErrorEnvelope>('/api/v1/settings', {
      businessHours: { timeZone: 'Nowhere/Special', periods: [] },
    });
    expect(badZone.status).toBe(400);
    expect((await bob.http.get<c.WorkspaceSettingsV1>('/api/v1/settings')).body).toEqual(
      updated.body,
    );
  });

  it('serves labels, customers, canned replies, agents and teams', async () => {
    const labels = await bob.http.get<c.LabelListV1>('/api/v1/labels');
    expect(labels.status).toBe(200);
    expect(labels.body.items.map((label) => label.name)).toEqual(
      expect.arrayContaining(['billing', 'fire', 'hardware']),
    );

    const ticket = await customerTicket(stack, setup, { subject: 'Who am I', teamId: team.id });
    const customer = await bob.http.get<c.CustomerWithTicketsV1>(
      `/api/v1/customers/${ticket.customer.id}`,
    );
    expect(customer.status).toBe(200);
    expect(customer.body.tickets.length).toBeGreaterThanOrEqual(1);
    const renamed = await bob.http.patch<c.CustomerV1>(`/api/v1/customers/${ticket.customer.id}`, {
      name: 'Carol Smith',
      notes: 'Prefers phone.',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Carol Smith', notes: 'Prefers phone.' });

    const canned = await bob.http.post<c.CannedReplyV1>('/api/v1/canned-replies', {
      title: 'Hello',
      body: 'Hello {{customer_name}}, this is {{agent_name}}.',
    });
    expect(canned.status).toBe(201);
    const list = await bob.http.get<c.CannedReplyListV1>('/api/v1/canned-replies');
    expect(list.body.items.map((item) => item.id)).toContain(canned.body.id);
    const edited = await bob.http.patch<c.CannedReplyV1>(
      `/api/v1/canned-replies/${canned.body.id}`,
      { title: 'Greeting' },
    );
    expect(edited.body.title).toBe('Greeting');
    const rendered = await bob.http.get<c.RenderedCannedReplyV1>(
      `/api/v1/canned-replies/${canned.body.id}/render?ticketId=${ticket.id}`,
    );
    expect(rendered.status).toBe(200);
    expect(rendered.body.body).toBe('Hello Carol Smith, this is Bob.');
    const removed = await bob.http.delete(`/api/v1/canned-replies/${canned.body.id}`);
    expect(removed.status).toBe(200);

    const agents = await bob.http.get<c.AgentListV1>('/api/v1/agents');
    expect(agents.body.items.map((agent) => agent.email).sort()).toEqual([
      'ada@acme.test',
      'bob@acme.test',
      'dora@acme.test',
    ]);
    const teams = await bob.http.get<c.TeamListV1>('/api/v1/teams');
    expect(teams.body.items.map((item) => item.name)).toEqual(['Support']);

    const created = await admin.http.post<c.AgentV1>('/api/v1/agents', {
      name: 'Finn',
      email: 'finn@acme.test',
      role: 'supervisor',
      teamIds: [team.id],
      password: 'a new password',
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ role: 'supervisor', teamIds: [team.id] });
    const token = await login(stack, 'finn@acme.test', 'a new password');
    const me = await stack.http.as(token).get<{ agent: c.AgentV1 }>('/api/v1/me');
    expect(me.body.agent.id).toBe(created.body.id);
    const availability = await stack.http
      .as(token)
      .put<c.AgentV1>('/api/v1/agents/me/availability', { availability: 'away' });
    expect(availability.body.availability).toBe('away');

    const newTeamResponse = await admin.http.post<c.TeamV1>('/api/v1/teams', { name: 'Sales' });
    expect(newTeamResponse.status).toBe(201);
  });

  it('was built with the OpenAPI metadata that its code generates', async () => {
    // The served document comes from the committed metadata.ts: a DTO changed without
    // `npm run openapi` would leave both stale and equal, so the metadata is generated afresh.
    // The built generator, in a process of its own: prettier's API loads ES modules, which
    // jest's module system does not.
    const generator = resolve(__dirname, '../../dist/tools/openapi/plugin-metadata.js');
    execFileSync(process.execPath, [generator, 'metadata.check.ts']);
    const generated = resolve(__dirname, '../../apps/api-gateway/src/metadata.check.ts');
    try {
      const committed = resolve(__dirname, '../../apps/api-gateway/src/metadata.ts');
      expect(readFileSync(generated, 'utf8')).toBe(readFileSync(committed, 'utf8'));
    } finally {
      rmSync(generated, { force: true });
    }
  }, 60_000);
});
