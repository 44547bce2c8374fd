import * as c from '@switchboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectWith } from '@switchboard/testing';
import {
  GatewayStack,
  LoggedInAgent,
  PNG,
  WorkspaceSetup,
  customerTicket,
  newAgent,
  newWorkspace,
  startGatewayStack,
} from './gateway-stack';

/*
 * The gateway's edges that the other specs do not reach: a role changed since the access token
 * was issued, NUL characters, numbers beyond PostgreSQL's range, what the OpenAPI document
 * leaves out, and the links of a follow-up ticket. Each test quotes what it holds the gateway to.
 */
describe('api-gateway hardening', () => {
  let stack: GatewayStack;
  let setup: WorkspaceSetup;
  let alice: LoggedInAgent;
  let address = 0;

  beforeAll(async () => {
    stack = await startGatewayStack('hardening');
    setup = await newWorkspace(stack, 'hardening');
    alice = await newAgent(stack, setup, {
      name: 'Alice',
      email: 'alice@hardening.test',
      role: 'admin',
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** Each public-page request its own client address: the public limits are not tested here. */
  const newAddress = () => `10.88.0.${++address}`;

  const publicTokenOf = async (ticketId: string) =>
    (await stack.nats.rpc.request(c.GET_TICKET_V1, { actor: alice.actor, ticketId })).publicToken;

  // ISSUE §3/§4: "API tokens ... scoped to a workspace and a role, revocable"; "roles agent,
  // supervisor and admin". An admin who was deactivated (or demoted) must not keep admin powers.
  it('refuses an API token to an admin deactivated since their access token was issued', async () => {
    const eve = await newAgent(stack, setup, {
      name: 'Eve',
      email: 'eve@hardening.test',
      role: 'admin',
    });
    const deactivated = await alice.http.post<c.AgentV1>('/api/v1/agents', {
      name: 'Eve',
      email: 'eve@hardening.test',
      role: 'admin',
      teamIds: [],
      active: false,
    });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    // ticket-core already refuses her (it reads role and activity anew on every request)...
    expect((await eve.http.get('/api/v1/settings')).status).toBe(403);

    // ...but the gateway's own admin route trusts the role claim of her 15-minute JWT.
    const minted = await eve.http.post<{ token?: string }>('/api/v1/api-tokens', {
      name: 'backdoor',
      role: 'admin',
    });
    const rows = await stack.db.query(`SELECT 1 FROM gateway.api_tokens WHERE name = 'backdoor'`);
    expectWith('an inactive admin minted an admin API token', rows.rowCount).toBe(0);
    expect([401, 403]).toContain(minted.status);
    if (minted.body.token) {
      // What that token lets her do: reactivate herself, with no admin's consent.
      const revived = await stack.http.as(minted.body.token).post<c.AgentV1>('/api/v1/agents', {
        name: 'Eve',
        email: 'eve@hardening.test',
        role: 'admin',
        teamIds: [],
        active: true,
      });
      expect(revived.body.active).toBe(false);
    }
  });

  // ISSUE §7 and PRODUCT §9: "validation errors are 400 with the list of fields"; "every command
  // validates its input and answers a clear error". A NUL character is valid JSON ("\u0000") but
  // PostgreSQL text cannot hold it: it must be refused as input, not fail in the database.
  describe('a NUL character in a string', () => {
    let ticket: c.TicketSummaryV1;

    beforeAll(async () => {
      ticket = await customerTicket(stack, setup, { subject: 'NUL input' });
    });

    const cases: [string, () => Promise<{ status: number; body: unknown }>][] = [
      [
        "an agent's note",
        () => alice.http.post(`/api/v1/tickets/${ticket.id}/notes`, { body: 'a\u0000b' }),
      ],
      [
        "a customer's public reply (no login)",
        async () => {
          const response = await fetch(
            `${stack.gateway.url}/api/v1/public/tickets/${await publicTokenOf(ticket.id)}/messages`,
            {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-forwarded-for': newAddress() },
              body: JSON.stringify({ body: 'hello\u0000' }),
            },
          );
          return { status: response.status, body: await response.json() };
        },
      ],
      [
        "an API token's name (the gateway's own schema)",
        () => alice.http.post('/api/v1/api-tokens', { name: 'ci\u0000bot', role: 'agent' }),
      ],
      ['a search text', () => alice.http.get('/api/v1/tickets/search?text=%00')],
      [
        'a new ticket subject',
        () =>
          alice.http.post('/api/v1/tickets', {
            subject: 'x\u0000',
            customer: { email: 'nul@customer.test' },
          }),
      ],
    ];

    it.each(cases)('in %s answers 400, not 500', async (_, send) => {
      const response = await send();
      expectWith(JSON.stringify(response.body), response.status).toBe(400);
      expect(response.body).toMatchObject({ code: c.ErrorCode.VALIDATION_FAILED });
    });
  });

  // ISSUE §7: validation errors are 400; a 500 is for the unexpected, not a client's typo.
  it('answers a ticket number beyond the integer range as a client error, not 500', async () => {
    const response = await alice.http.get('/api/v1/tickets/by-number/99999999999');
    expectWith(JSON.stringify(response.body), response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: c.ErrorCode.VALIDATION_FAILED,
      details: { fields: [{ field: 'number' }] },
    });
  });

  // ISSUE §2: OpenAPI 3, "a typed client is generated from it". The document must describe
  // the answers as they are: a message's `mail` is null for every non-mail message.
  it("describes a message's mail as nullable, as the API answers it", async () => {
    const ticket = await customerTicket(stack, setup, { subject: 'OpenAPI nullability' });
    const detail = await alice.http.get<c.TicketDetailV1>(`/api/v1/tickets/${ticket.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.messages[0].mail).toBeNull();

    const document = await stack.http.get<{
      components: {
        schemas: Record<string, { properties: Record<string, { nullable?: boolean }> }>;
      };
    }>('/api/openapi.json');
    expect(document.body.components.schemas.MessageV1.properties.mail.nullable).toBe(true);
  });

  // ISSUE §2 and §5: the public page is an API of the gateway like any other; its answer (status,
  // subject, public messages) and the reply's body, and the agents' upload body, belong in the
  // OpenAPI document the typed client is generated from.
  it('describes the public page, the public reply and the upload in the OpenAPI document', async () => {
    type Operation = {
      requestBody?: { content: Record<string, unknown> };
      responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
    };
    const document = await stack.http.get<{ paths: Record<string, Record<string, Operation>> }>(
      '/api/openapi.json',
    );
    const paths = document.body.paths;
    const page = paths['/api/v1/public/tickets/{token}'].get.responses['200'].content?.[
      'application/json'
    ].schema as { properties?: Record<string, unknown>; $ref?: string };
    expectWith(
      'the public page answer has no described fields',
      page.$ref ?? Object.keys(page.properties ?? {}),
    ).not.toEqual([]);
    expect(paths['/api/v1/public/tickets/{token}/messages'].post.requestBody).toBeDefined();
    expect(paths['/api/v1/attachments'].post.requestBody?.content).toHaveProperty(
      'multipart/form-data',
    );
  });

  // Issue 23: the NATS interface is documented as AsyncAPI 3 beside the OpenAPI document, and
  // like it readable without signing in.
  it('serves the AsyncAPI document of the NATS interface and a page of its subjects', async () => {
    const document = await fetch(`${stack.gateway.url}/api/asyncapi.json`);
    expect(document.status).toBe(200);
    const body = (await document.json()) as {
      asyncapi: string;
      channels: Record<string, { address: string }>;
    };
    expect(body.asyncapi).toBe('3.0.0');
    expect(Object.values(body.channels).map((channel) => channel.address)).toContain(
      c.CREATE_TICKET_V1,
    );

    const page = await fetch(`${stack.gateway.url}/api/asyncapi`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain(`<code>${c.CREATE_TICKET_V1}</code>`);
  });

  // ISSUE §5: "POST .../messages takes a customer reply, with attachments". The answer gives each
  // attachment a `url` to download it through the link; it must work, also when the reply was
  // made on a ticket solved longer ago than the reopen window (PRODUCT §2.1: a new, linked ticket).
  it('answers attachment links that download, when a public reply starts a follow-up ticket', async () => {
    // A workspace of its own, with no reopen window: a reply to a solved ticket is a follow-up.
    const other = await newWorkspace(stack, 'hardening-followup');
    const bea = await newAgent(stack, other, {
      name: 'Bea',
      email: 'bea@followup.test',
      role: 'admin',
    });
    await stack.nats.rpc.request(c.UPDATE_WORKSPACE_SETTINGS_V1, {
      actor: bea.actor,
      reopenWindowDays: 0,
    });
    const ticket = await customerTicket(stack, other, { subject: 'Solved long ago' });
    const ref = { actor: bea.actor, ticketId: ticket.id };
    await stack.nats.rpc.request(c.CLAIM_TICKET_V1, ref);
    await stack.nats.rpc.request(c.SOLVE_TICKET_V1, { ...ref, withSummary: false });
    const { publicToken } = await stack.nats.rpc.request(c.GET_TICKET_V1, ref);

    const from = newAddress();
    const form = new FormData();
    form.append('body', 'It broke again, screenshot attached');
    const bytes = Buffer.concat([PNG, Buffer.from(`follow-up ${Date.now()}`)]);
    form.append('file', new Blob([bytes], { type: 'image/png' }), 'shot.png');
    const reply = await fetch(
      `${stack.gateway.url}/api/v1/public/tickets/${publicToken}/messages`,
      {
        method: 'POST',
        headers: { 'x-forwarded-for': from },
        body: form,
      },
    );
    expect(reply.status).toBe(201);
    const answer = (await reply.json()) as {
      ticket: { number: number; token: string };
      message: { attachments: { url: string }[] };
    };
    // The reply landed on a new ticket, as the spec says, whose page is at a link of its own.
    expect(answer.ticket.number).not.toBe(ticket.number);
    expect(answer.ticket.token).not.toBe(publicToken);
    const page = await fetch(`${stack.gateway.url}/api/v1/public/tickets/${answer.ticket.token}`, {
      headers: { 'x-forwarded-for': from },
    });
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ number: answer.ticket.number, status: 'new' });
    const [attachment] = answer.message.attachments;
    expect(attachment).toBeDefined();

    const download = await fetch(`${stack.gateway.url}${attachment.url}`, {
      headers: { 'x-forwarded-for': from },
    });
    expectWith(`GET ${attachment.url}`, download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });
});
