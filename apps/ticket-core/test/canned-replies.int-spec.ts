import {
  Actor,
  CREATE_CANNED_REPLY_V1,
  CREATE_TEAM_V1,
  CREATE_WORKSPACE_V1,
  CannedReplyV1,
  CreateCannedReplyV1,
  DELETE_CANNED_REPLY_V1,
  ErrorCode,
  LIST_CANNED_REPLIES_V1,
  RENDER_CANNED_REPLY_V1,
  Role,
  UPDATE_CANNED_REPLY_V1,
  UPSERT_AGENT_V1,
} from '@switchboard/contracts';
import {
  InProcessHarness,
  rejection,
  startInProcessHarness,
  TestNatsClient,
} from '@switchboard/testing';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ticketCoreService } from '../src/service';
import { agentActor, newCustomer, newTicket, systemActor } from './factories';

describe('ticket-core: canned replies over NATS', () => {
  let client: TestNatsClient;
  let db: Client;

  let harness: InProcessHarness;

  beforeAll(async () => {
    harness = await startInProcessHarness(ticketCoreService, 'canned');
    ({ client, db } = harness);
  });

  afterAll(() => harness?.close());

  const upsertAgent = (workspaceId: string, name: string, role: Role, teamIds: string[] = []) =>
    client.rpc.request(UPSERT_AGENT_V1, {
      actor: systemActor(workspaceId),
      name,
      email: `${name.toLowerCase()}@example.com`,
      role,
      teamIds,
    });

  /** A workspace with an admin, a supervisor and two agents, Alice and Bob. */
  async function newWorkspace() {
    const slug = `ws-${randomBytes(4).toString('hex')}`;
    const { id } = await client.rpc.request(CREATE_WORKSPACE_V1, { name: slug, slug });
    return {
      id,
      admin: await upsertAgent(id, 'Admin', 'admin'),
      supervisor: await upsertAgent(id, 'Sue', 'supervisor'),
      alice: await upsertAgent(id, 'Alice', 'agent'),
      bob: await upsertAgent(id, 'Bob', 'agent'),
    };
  }

  const create = (actor: Actor, title: string, body: string, shared = false) =>
    client.rpc.request(CREATE_CANNED_REPLY_V1, { actor, title, body, shared });
  const update = (actor: Actor, reply: CannedReplyV1, fields: { title?: string; body?: string }) =>
    client.rpc.request(UPDATE_CANNED_REPLY_V1, { actor, cannedReplyId: reply.id, ...fields });
  const remove = (actor: Actor, reply: CannedReplyV1) =>
    client.rpc.request(DELETE_CANNED_REPLY_V1, { actor, cannedReplyId: reply.id });
  const titles = async (actor: Actor) =>
    (await client.rpc.request(LIST_CANNED_REPLIES_V1, { actor })).items.map((item) => item.title);
  const render = (actor: Actor, reply: CannedReplyV1, ticketId: string) =>
    client.rpc.request(RENDER_CANNED_REPLY_V1, { actor, cannedReplyId: reply.id, ticketId });

  const codeOf = async (promise: Promise<unknown>) => (await rejection(promise)).code;

  const stored = async (workspaceId: string) =>
    (
      await db.query(
        `SELECT title, body, owner_agent_id FROM ticket_core.canned_replies
          WHERE workspace_id = $1 ORDER BY title`,
        [workspaceId],
      )
    ).rows;

  /** A ticket of a customer with this name (ticket creation belongs to another module). */
  async function insertTicket(
    workspaceId: string,
    options: { customerName: string | null; teamId?: string },
  ) {
    const customer = await newCustomer(db, workspaceId, { name: options.customerName });
    return newTicket(db, workspaceId, {
      customerId: customer.id,
      teamId: options.teamId,
      channel: 'mail',
      subject: 'Printer on fire',
    });
  }

  describe('create', () => {
    it('makes a reply personal when the shared flag is left out', async () => {
      const ws = await newWorkspace();
      const reply = await client.rpc.request(CREATE_CANNED_REPLY_V1, {
        actor: agentActor(ws.alice),
        title: 'Mine',
        body: 'Hello',
      });
      expect(reply.ownerAgentId).toBe(ws.alice.id);
    });

    it('makes a reply personal unless shared, and shared ones need a supervisor or admin', async () => {
      const ws = await newWorkspace();
      const personal = await create(agentActor(ws.alice), ' Greeting ', 'Hello!');
      expect(personal).toEqual({
        id: expect.any(String),
        workspaceId: ws.id,
        ownerAgentId: ws.alice.id,
        title: 'Greeting',
        body: 'Hello!',
        createdAt: expect.any(String),
        updatedAt: personal.createdAt,
      });
      expect(await codeOf(create(agentActor(ws.alice), 'Shared', 'For all', true))).toBe(
        ErrorCode.FORBIDDEN,
      );
      expect(await create(agentActor(ws.supervisor), 'By Sue', 'x', true)).toMatchObject({
        ownerAgentId: null,
      });
      expect(await create(agentActor(ws.admin), 'By Admin', 'x', true)).toMatchObject({
        ownerAgentId: null,
      });
      expect(await create(systemActor(ws.id), 'By system', 'x', true)).toMatchObject({
        ownerAgentId: null,
      });
      // The system is nobody's owner.
      expect(await codeOf(create(systemActor(ws.id), 'Mine?', 'x'))).toBe(
        ErrorCode.VALIDATION_FAILED,
      );
      expect((await stored(ws.id)).map((row) => row.title)).toEqual([
        'By Admin',
        'By Sue',
        'By system',
        'Greeting',
      ]);
    });

    it.each([
      ['a blank title', { title: '   ' }, ['title']],
      ['an empty body', { body: '' }, ['body']],
      ['a shared flag that is not a boolean', { shared: 'yes' }, ['shared']],
      [
        'an unknown field',
        { ownerAgentId: '00000000-0000-4000-8000-000000000000' },
        ['ownerAgentId'],
      ],
    ])('refuses %s with VALIDATION_FAILED, writing nothing', async (_case, override, fields) => {
      const ws = await newWorkspace();
      const payload = {
        actor: agentActor(ws.alice),
        title: 'T',
        body: 'B',
        shared: false,
        ...override,
      } as CreateCannedReplyV1;
      const error = await rejection(client.rpc.request(CREATE_CANNED_REPLY_V1, payload));
      expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect(error.details?.fields?.map((field) => field.field)).toEqual(fields);
      expect(await stored(ws.id)).toEqual([]);
    });
  });

  it('lists the workspace’s shared replies and the caller’s own, by title', async () => {
    const ws = await newWorkspace();
    const other = await newWorkspace();
    await create(agentActor(ws.supervisor), 'welcome', 'shared', true);
    await create(agentActor(ws.alice), 'Zebra', 'alice');
    await create(agentActor(ws.alice), 'apology', 'alice');
    await create(agentActor(ws.bob), 'Bob only', 'bob');
    await create(agentActor(other.admin), 'Elsewhere', 'other workspace', true);

    expect(await titles(agentActor(ws.alice))).toEqual(['apology', 'welcome', 'Zebra']);
    expect(await titles(agentActor(ws.bob))).toEqual(['Bob only', 'welcome']);
    // Supervisors see shared ones and their own, not their agents' personal ones.
    expect(await titles(agentActor(ws.supervisor))).toEqual(['welcome']);
    expect(await titles(agentActor(other.admin))).toEqual(['Elsewhere']);
    const customer: Actor = {
      kind: 'customer',
      workspaceId: ws.id,
      customerId: ws.alice.id,
      teamIds: [],
    };
    expect(await codeOf(client.rpc.request(LIST_CANNED_REPLIES_V1, { actor: customer }))).toBe(
      ErrorCode.FORBIDDEN,
    );
  });

  describe('update and delete', () => {
    it('let only the owner change a personal reply; to others it does not exist', async () => {
      const ws = await newWorkspace();
      const mine = await create(agentActor(ws.alice), 'Mine', 'v1');

      for (const actor of [agentActor(ws.bob), agentActor(ws.supervisor), agentActor(ws.admin)]) {
        expect(await codeOf(update(actor, mine, { body: 'hijacked' }))).toBe(ErrorCode.NOT_FOUND);
        expect(await codeOf(remove(actor, mine))).toBe(ErrorCode.NOT_FOUND);
      }
      expect(await stored(ws.id)).toEqual([
        { title: 'Mine', body: 'v1', owner_agent_id: ws.alice.id },
      ]);

      const updated = await update(agentActor(ws.alice), mine, { body: 'v2' });
      expect(updated).toMatchObject({ id: mine.id, title: 'Mine', body: 'v2' });
      expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(mine.updatedAt));
      expect(await update(agentActor(ws.alice), mine, { title: ' Renamed ' })).toMatchObject({
        title: 'Renamed',
        body: 'v2',
      });
      expect(await update(agentActor(ws.alice), mine, {})).toMatchObject({
        title: 'Renamed',
        body: 'v2',
      });
      expect(await remove(agentActor(ws.alice), mine)).toEqual({ deleted: true });
      expect(await stored(ws.id)).toEqual([]);
      expect(await codeOf(remove(agentActor(ws.alice), mine))).toBe(ErrorCode.NOT_FOUND);
    });

    it('let supervisors and admins change shared replies, not agents', async () => {
      const ws = await newWorkspace();
      const shared = await create(agentActor(ws.admin), 'Shared', 'v1', true);

      expect(await codeOf(update(agentActor(ws.alice), shared, { body: 'mine now' }))).toBe(
        ErrorCode.FORBIDDEN,
      );
      expect(await codeOf(remove(agentActor(ws.alice), shared))).toBe(ErrorCode.FORBIDDEN);
      expect(await update(agentActor(ws.supervisor), shared, { body: 'v2' })).toMatchObject({
        body: 'v2',
      });
      expect(await codeOf(update(agentActor(ws.supervisor), shared, { title: ' ' }))).toBe(
        ErrorCode.VALIDATION_FAILED,
      );
      expect(await stored(ws.id)).toEqual([{ title: 'Shared', body: 'v2', owner_agent_id: null }]);
      expect(await remove(agentActor(ws.admin), shared)).toEqual({
        deleted: true,
      });
      expect(await stored(ws.id)).toEqual([]);
    });

    it('do not reach another workspace’s replies', async () => {
      const a = await newWorkspace();
      const b = await newWorkspace();
      const shared = await create(agentActor(a.admin), 'A shared', 'v1', true);
      const personal = await create(agentActor(a.alice), 'A personal', 'v1');

      for (const reply of [shared, personal]) {
        for (const actor of [agentActor(b.admin), systemActor(b.id)]) {
          expect(await codeOf(update(actor, reply, { body: 'from B' }))).toBe(ErrorCode.NOT_FOUND);
          expect(await codeOf(remove(actor, reply))).toBe(ErrorCode.NOT_FOUND);
        }
      }
      // Naming A's workspace does not help: B's admin is no agent of A.
      const forged: Actor = { ...agentActor(b.admin), workspaceId: a.id };
      expect(await codeOf(update(forged, shared, { body: 'from B' }))).toBe(ErrorCode.FORBIDDEN);
      expect(await stored(a.id)).toEqual([
        { title: 'A personal', body: 'v1', owner_agent_id: a.alice.id },
        { title: 'A shared', body: 'v1', owner_agent_id: null },
      ]);
    });
  });

  describe('render', () => {
    const template =
      'Hi {{customer_name}}, {{ agent_name }} here about #{{ticket_number}}.\n' +
      'Follow it at {{ticket_url}} ({{order_id}} stays).';

    it('fills the placeholders for a ticket the caller may see', async () => {
      const ws = await newWorkspace();
      await db.query(`UPDATE ticket_core.workspaces SET public_base_url = $2 WHERE id = $1`, [
        ws.id,
        'https://help.acme.test/',
      ]);
      await insertTicket(ws.id, { customerName: 'Someone Else' });
      const ticket = await insertTicket(ws.id, { customerName: 'Grace Hopper' });
      const reply = await create(agentActor(ws.supervisor), 'Ack', template, true);

      expect(await render(agentActor(ws.alice), reply, ticket.id)).toEqual({
        body:
          `Hi Grace Hopper, Alice here about #${ticket.number}.\n` +
          `Follow it at https://help.acme.test/t/${ticket.publicToken} ({{order_id}} stays).`,
      });
      expect(ticket.number).toBe(2);
      // The stored template is untouched.
      expect((await stored(ws.id))[0].body).toBe(template);
    });

    it('renders a missing customer name and the system’s agent name as empty', async () => {
      const ws = await newWorkspace();
      const ticket = await insertTicket(ws.id, { customerName: null });
      const reply = await create(
        agentActor(ws.admin),
        'Ack',
        '[{{customer_name}}|{{agent_name}}]',
        true,
      );
      expect(await render(systemActor(ws.id), reply, ticket.id)).toEqual({ body: '[|]' });
    });

    it('answers NOT_FOUND for a ticket the caller may not see', async () => {
      const ws = await newWorkspace();
      const billing = await client.rpc.request(CREATE_TEAM_V1, {
        actor: agentActor(ws.admin),
        name: 'Billing',
      });
      const alice = await upsertAgent(ws.id, 'Alice', 'agent', [billing.id]);
      const ticket = await insertTicket(ws.id, { customerName: 'Grace', teamId: billing.id });
      const reply = await create(agentActor(ws.admin), 'Hi', 'Hi {{customer_name}}', true);

      expect(await render(agentActor(alice), reply, ticket.id)).toEqual({
        body: 'Hi Grace',
      });
      expect(await render(agentActor(ws.supervisor), reply, ticket.id)).toEqual({
        body: 'Hi Grace',
      });
      // Bob is in no team, and the ticket belongs to Billing.
      expect(await codeOf(render(agentActor(ws.bob), reply, ticket.id))).toBe(ErrorCode.NOT_FOUND);
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect(await codeOf(render(agentActor(alice), reply, unknown))).toBe(ErrorCode.NOT_FOUND);
    });

    it('answers NOT_FOUND for someone else’s personal reply and across workspaces', async () => {
      const a = await newWorkspace();
      const b = await newWorkspace();
      const ticketOfA = await insertTicket(a.id, { customerName: 'Grace' });
      const ticketOfB = await insertTicket(b.id, { customerName: 'Linus' });
      const [aliceOfA, bobOfA, adminOfA, adminOfB] = [a.alice, a.bob, a.admin, b.admin].map(
        (agent) => agentActor(agent),
      );
      const alicesReply = await create(aliceOfA, 'Mine', '{{customer_name}}');
      const sharedOfA = await create(adminOfA, 'Shared', '{{customer_name}}', true);
      const sharedOfB = await create(adminOfB, 'Shared', '{{customer_name}}', true);

      expect(await codeOf(render(bobOfA, alicesReply, ticketOfA.id))).toBe(ErrorCode.NOT_FOUND);
      expect(await codeOf(render(aliceOfA, sharedOfA, ticketOfB.id))).toBe(ErrorCode.NOT_FOUND);
      expect(await codeOf(render(aliceOfA, sharedOfB, ticketOfA.id))).toBe(ErrorCode.NOT_FOUND);
      expect(await codeOf(render(adminOfB, sharedOfA, ticketOfB.id))).toBe(ErrorCode.NOT_FOUND);
      expect(await codeOf(render(adminOfB, sharedOfB, ticketOfA.id))).toBe(ErrorCode.NOT_FOUND);
      expect(await render(adminOfB, sharedOfB, ticketOfB.id)).toEqual({ body: 'Linus' });
    });
  });
});
