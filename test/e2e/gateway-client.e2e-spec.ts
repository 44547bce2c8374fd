import { ApiClient, ApiSchema, createApiClient } from '@switchboard/api-client';
import * as c from '@switchboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectTypeOf } from 'expect-type';
import {
  GatewayStack,
  LoggedInAgent,
  WorkspaceSetup,
  customerTicket,
  newAgent,
  newTeam,
  newWorkspace,
  startGatewayStack,
} from './gateway-stack';

/*
 * The client generated from openapi.json (libs/api-client) against the running gateway: its
 * paths, parameters, bodies and replies are the committed document's types, so a call that
 * does not match the document fails `tsc`, and a reply that does not match it fails here.
 */
describe('api-gateway through the generated typed client', () => {
  let stack: GatewayStack;
  let setup: WorkspaceSetup;
  let team: c.TeamV1;
  let bob: LoggedInAgent;
  let api: ApiClient;

  beforeAll(async () => {
    stack = await startGatewayStack('client');
    setup = await newWorkspace(stack, 'acme');
    team = await newTeam(stack, setup, 'Support');
    bob = await newAgent(stack, setup, {
      name: 'Bob',
      email: 'bob@acme.test',
      role: 'agent',
      teamIds: [team.id],
    });
    api = createApiClient(stack.gateway.url, bob.token);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('logs in through the client too', async () => {
    const { data, response } = await createApiClient(stack.gateway.url).POST('/api/v1/auth/login', {
      body: { email: 'bob@acme.test', password: 'correct horse battery staple' },
    });
    expect(response.status).toBe(200);
    // openapi.json declares no schema for the login reply: the client cannot type it.
    expect(data).toHaveProperty('accessToken');
  });

  it('creates a ticket: the body and the reply are the document types', async () => {
    const { data, error, response } = await api.POST('/api/v1/tickets', {
      body: {
        subject: 'Called about an invoice',
        body: 'Customer phoned: invoice 42 is wrong.',
        customer: { email: 'erin@customer.test', name: 'Erin' },
        priority: 'high',
        labels: ['billing'],
      },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
    expectTypeOf(data!).toEqualTypeOf<ApiSchema<'TicketSummaryV1'>>();
    expect(data).toMatchObject({
      channel: 'manual',
      status: 'open',
      priority: 'high',
      assigneeId: bob.agent.id,
      labels: ['billing'],
    });
  });

  it('reads the New view, claims a ticket, replies and reads the ticket', async () => {
    const ticket = await customerTicket(stack, setup, {
      subject: 'Printer on fire',
      teamId: team.id,
    });

    const view = await api.GET('/api/v1/views/{view}', {
      params: { path: { view: 'new' }, query: { limit: 10 } },
    });
    expect(view.response.status).toBe(200);
    expectTypeOf(view.data!).toEqualTypeOf<ApiSchema<'TicketPageV1'>>();
    expect(view.data!.items.map((item) => item.id)).toContain(ticket.id);
    expect(view.data!.items.find((item) => item.id === ticket.id)?.status).toBe('new');

    const claimed = await api.POST('/api/v1/tickets/{id}/claim', {
      params: { path: { id: ticket.id } },
    });
    expect(claimed.response.status).toBe(200);
    // openapi.json declares no schema for the command replies (claim answers a TicketSummaryV1).
    expect(claimed.data).toMatchObject({ status: 'open', assigneeId: bob.agent.id });

    const reply = await api.POST('/api/v1/tickets/{id}/replies', {
      params: { path: { id: ticket.id } },
      body: { body: 'We are on our way.' },
    });
    expect(reply.response.status).toBe(201);
    expectTypeOf(reply.data!).toEqualTypeOf<ApiSchema<'MessageAddedReplyV1'>>();
    const message = reply.data!.message;
    expect(message.visibility).toBe('public');
    expect(message.authorId).toBe(bob.agent.id);
    expect(message.bodyText).toBe('We are on our way.');
    expect(reply.data!.ticket.id).toBe(ticket.id);

    const detail = await api.GET('/api/v1/tickets/{id}', {
      params: { path: { id: ticket.id } },
    });
    expect(detail.response.status).toBe(200);
    expectTypeOf(detail.data!).toEqualTypeOf<ApiSchema<'TicketDetailV1'>>();
    expect(detail.data).toMatchObject({
      id: ticket.id,
      status: 'open',
      assigneeId: bob.agent.id,
      subject: 'Printer on fire',
    });

    const after = await api.GET('/api/v1/views/{view}', { params: { path: { view: 'new' } } });
    expect(after.data!.items.map((item) => item.id)).not.toContain(ticket.id);
  });

  it('answers an error body for a refused call', async () => {
    const { data, error, response } = await api.POST('/api/v1/tickets/{id}/replies', {
      params: { path: { id: '00000000-0000-4000-8000-000000000000' } },
      body: { body: 'Nobody there.' },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error).toHaveProperty('code');
  });
});
