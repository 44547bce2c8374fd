import {
  Actor,
  AgentV1,
  CREATE_TICKET_V1,
  CREATE_WORKSPACE_V1,
  CUSTOMER_UPDATED_V1,
  CustomerV1,
  GET_CUSTOMER_V1,
  ErrorCode,
  LINK_CUSTOMER_V1,
  REPLY_TICKET_V1,
  SEARCH_TICKETS_V1,
  UPDATE_CUSTOMER_V1,
  UPSERT_AGENT_V1,
  UpdateCustomerV1,
} from '@switchboard/contracts';
import {
  InProcessHarness,
  rejection,
  startInProcessHarness,
  TestNatsClient,
  waitFor,
} from '@switchboard/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ticketCoreService } from '../src/service';
import {
  addParticipant,
  agentActor,
  newAgent,
  newTeam,
  newTicket,
  newWorkspace as newWorkspaceRow,
  systemActor,
} from './factories';

describe('ticket-core: customers over NATS', () => {
  let client: TestNatsClient;
  let db: Client;

  let harness: InProcessHarness;

  beforeAll(async () => {
    harness = await startInProcessHarness(ticketCoreService, 'cust');
    ({ client, db } = harness);
  });

  afterAll(() => harness?.close());

  /** A workspace with an admin and a plain agent, created the way the seed does. */
  async function newWorkspace(slug: string) {
    const workspace = await client.rpc.request(CREATE_WORKSPACE_V1, { name: slug, slug });
    const agent = (role: AgentV1['role']) =>
      client.rpc.request(UPSERT_AGENT_V1, {
        actor: systemActor(workspace.id),
        name: role,
        email: `${role}@${slug}.test`,
        role,
        teamIds: [],
      });
    return { id: workspace.id, admin: await agent('admin'), agent: await agent('agent') };
  }

  const link = (actor: Actor, ref: { email?: string; externalId?: string; name?: string }) =>
    client.rpc.request(LINK_CUSTOMER_V1, { actor, ...ref });
  const update = (
    actor: Actor,
    customerId: string,
    fields: Omit<UpdateCustomerV1, 'actor' | 'customerId'>,
  ) => client.rpc.request(UPDATE_CUSTOMER_V1, { actor, customerId, ...fields });

  const stored = async (id: string) =>
    (await db.query(`SELECT name, email, notes FROM ticket_core.customers WHERE id = $1`, [id]))
      .rows[0];
  const events = async (customerId: string) =>
    (
      await db.query(
        `SELECT envelope FROM ticket_core.outbox
          WHERE subject = $1 AND envelope->'data'->>'customerId' = $2 ORDER BY created_at`,
        [CUSTOMER_UPDATED_V1, customerId],
      )
    ).rows.map((row: { envelope: { workspaceId: string; data: unknown } }) => row.envelope);

  describe('link', () => {
    it('creates a customer once and finds it again by email or external id', async () => {
      const { id, agent } = await newWorkspace('link');
      const created = await link(agentActor(agent), {
        email: 'Grace@Example.com',
        name: 'Grace',
      });
      expect(created).toMatchObject({
        workspaceId: id,
        name: 'Grace',
        email: 'grace@example.com',
        externalId: null,
      });
      expect(await link(systemActor(id), { email: 'GRACE@example.com', name: 'Other' })).toEqual(
        created,
      );

      const crm = await link(systemActor(id), { externalId: 'crm-42', name: 'Linus' });
      expect(crm).toMatchObject({ externalId: 'crm-42', email: null, name: 'Linus' });
      expect((await link(agentActor(agent), { externalId: 'crm-42' })).id).toBe(crm.id);
    });

    it('refuses a reference with neither email nor external id, and customers as callers', async () => {
      const { id, agent } = await newWorkspace('link-bad');
      expect((await rejection(link(agentActor(agent), { name: 'Nobody' }))).code).toBe(
        ErrorCode.VALIDATION_FAILED,
      );
      const customer = await link(agentActor(agent), { email: 'me@example.com' });
      const asCustomer: Actor = {
        kind: 'customer',
        workspaceId: id,
        customerId: customer.id,
        teamIds: [],
      };
      expect((await rejection(link(asCustomer, { email: 'new@example.com' }))).code).toBe(
        ErrorCode.FORBIDDEN,
      );
      const count = await db.query(`SELECT 1 FROM ticket_core.customers WHERE workspace_id = $1`, [
        id,
      ]);
      expect(count.rowCount).toBe(1);
    });
  });

  describe('update', () => {
    it('changes name, email and notes and publishes the change in the same transaction', async () => {
      const { id, agent } = await newWorkspace('upd');
      const customer = await link(systemActor(id), { email: 'old@example.com', name: 'Old Name' });

      const updated = await update(agentActor(agent), customer.id, {
        name: '  New Name ',
        email: 'New@Example.COM',
        notes: 'prefers mail',
      });
      expect(updated).toMatchObject({
        id: customer.id,
        name: 'New Name',
        email: 'new@example.com',
        notes: 'prefers mail',
      });
      expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(customer.updatedAt));
      expect(await stored(customer.id)).toEqual({
        name: 'New Name',
        email: 'new@example.com',
        notes: 'prefers mail',
      });

      const [event, ...more] = await events(customer.id);
      expect(more).toEqual([]);
      expect(event).toMatchObject({
        type: CUSTOMER_UPDATED_V1,
        workspaceId: id,
        data: {
          customerId: customer.id,
          actorKind: 'agent',
          actorId: agent.id,
          customer: updated,
          changes: {
            name: { before: 'Old Name', after: 'New Name' },
            email: { before: 'old@example.com', after: 'new@example.com' },
            notes: { before: null, after: 'prefers mail' },
          },
        },
      });
    });

    it('publishes only what changed, and nothing for an update that changes nothing', async () => {
      const { id, agent } = await newWorkspace('noop');
      const customer = await link(systemActor(id), { email: 'same@example.com', name: 'Same' });
      expect(
        await update(agentActor(agent), customer.id, {
          name: 'Same',
          email: 'SAME@example.com',
        }),
      ).toEqual(customer);
      expect(await events(customer.id)).toEqual([]);

      await update(agentActor(agent), customer.id, { name: 'Same', email: null });
      const [event] = await events(customer.id);
      expect((event.data as { changes: unknown }).changes).toEqual({
        email: { before: 'same@example.com', after: null },
      });
    });

    it('answers CONFLICT for an email another customer has, and writes nothing', async () => {
      const { id, agent } = await newWorkspace('taken');
      const first = await link(systemActor(id), { email: 'first@example.com' });
      const second = await link(systemActor(id), { email: 'second@example.com', name: 'Second' });

      const error = await rejection(
        update(agentActor(agent), second.id, {
          name: 'Renamed',
          email: 'FIRST@example.com',
        }),
      );
      expect(error.code).toBe(ErrorCode.CONFLICT);
      expect(await stored(second.id)).toEqual({
        name: 'Second',
        email: 'second@example.com',
        notes: null,
      });
      expect(await events(second.id)).toEqual([]);
      expect(await events(first.id)).toEqual([]);
    });

    it('does not reach another workspace’s customer: NOT_FOUND, unchanged, no event', async () => {
      const a = await newWorkspace('iso-a');
      const b = await newWorkspace('iso-b');
      const customerOfA = await link(systemActor(a.id), { email: 'a@example.com', name: 'A' });

      for (const actor of [agentActor(b.admin), systemActor(b.id)]) {
        const error = await rejection(update(actor, customerOfA.id, { name: 'Hijacked' }));
        expect(error.code).toBe(ErrorCode.NOT_FOUND);
      }
      // Naming A's workspace does not help: B's admin is no agent of A.
      const forged: Actor = { ...agentActor(b.admin), workspaceId: a.id };
      expect((await rejection(update(forged, customerOfA.id, { name: 'Hijacked' }))).code).toBe(
        ErrorCode.FORBIDDEN,
      );
      expect(await stored(customerOfA.id)).toEqual({
        name: 'A',
        email: 'a@example.com',
        notes: null,
      });
      expect(await events(customerOfA.id)).toEqual([]);
    });

    it('follows ticket visibility: an agent reaches only customers of tickets they may see', async () => {
      const ws = await newWorkspaceRow(db);
      const support = await newTeam(db, ws.id, { name: 'Support' });
      const billing = await newTeam(db, ws.id, { name: 'Billing' });
      const ann = await newAgent(db, ws.id, { teamIds: [support.id] });
      const boss = await newAgent(db, ws.id, { role: 'supervisor' });
      const billingTicket = await newTicket(db, ws.id, { teamId: billing.id });
      const customerId = billingTicket.customerId;
      const read = (actor: Actor) => client.rpc.request(GET_CUSTOMER_V1, { actor, customerId });

      // Another team's customer: not there for Ann, to read or to edit.
      expect((await rejection(read(agentActor(ann)))).code).toBe(ErrorCode.NOT_FOUND);
      expect((await rejection(update(agentActor(ann), customerId, { notes: 'seen' }))).code).toBe(
        ErrorCode.NOT_FOUND,
      );
      expect((await stored(customerId)).notes).toBeNull();
      // The supervisor sees every customer.
      expect((await read(agentActor(boss))).id).toBe(customerId);
      // Once Ann takes part in the ticket, she may read and edit its customer.
      await addParticipant(db, billingTicket, ann.id);
      expect((await read(agentActor(ann))).tickets.map((ticket) => ticket.id)).toEqual([
        billingTicket.id,
      ]);
      expect((await update(agentActor(ann), customerId, { notes: 'seen' })).notes).toBe('seen');
    });

    it.each([
      ['a malformed email', { email: 'not-an-email' }, ['email']],
      ['a malformed id', { customerId: 'nope' }, ['customerId']],
      ['a name that is no string', { name: 7 }, ['name']],
      ['notes over 10,000 characters', { notes: 'x'.repeat(10_001) }, ['notes']],
      ['a field agents cannot edit', { phone: '123' }, ['phone']],
    ])('refuses %s with VALIDATION_FAILED, writing nothing', async (_case, override, fields) => {
      const { id, agent } = await newWorkspace(`bad-${Math.random().toString(36).slice(2, 8)}`);
      const customer = await link(systemActor(id), { email: 'valid@example.com', name: 'Valid' });
      const payload = {
        actor: agentActor(agent),
        customerId: customer.id,
        ...override,
      } as UpdateCustomerV1;
      const error = await rejection(client.rpc.request(UPDATE_CUSTOMER_V1, payload));
      expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect(error.details?.fields?.map((field) => field.field)).toEqual(fields);
      expect(await stored(customer.id)).toEqual({
        name: 'Valid',
        email: 'valid@example.com',
        notes: null,
      });
      expect(await events(customer.id)).toEqual([]);
    });

    it('re-indexes the customer’s tickets: search finds the new name and email, not the old', async () => {
      const { id, agent } = await newWorkspace('reindex');
      const desk = agentActor(agent);
      const open = (subject: string, email: string, name: string) =>
        client.rpc.request(CREATE_TICKET_V1, {
          actor: systemActor(id),
          channel: 'mail',
          subject,
          body: `About ${subject.toLowerCase()}`,
          customer: { email, name },
        });
      const printer = await open('Printer jammed', 'carol@example.com', 'Carol');
      const invoice = await open('Invoice missing', 'carol@example.com', 'Carol');
      const other = await open('Printer smoking', 'dave@example.com', 'Dave');
      await client.rpc.request(REPLY_TICKET_V1, {
        actor: desk,
        ticketId: invoice.id,
        body: 'The refund went out today',
      });
      const found = async (text: string) =>
        (await client.rpc.request(SEARCH_TICKETS_V1, { actor: desk, text })).items
          .map((item) => item.id)
          .sort();
      const carols = [printer.id, invoice.id].sort();
      expect(await found('Carol')).toEqual(carols);
      // Each lexeme of a vector with its weights, positions aside: subject A, customer B, text C.
      const lexemes = async (ticketId: string, weights: string) =>
        (
          await db.query(
            `SELECT array(SELECT lexeme || ':' || array_to_string(weights, '')
                            FROM unnest(ts_filter(search_vector, $2))
                           ORDER BY lexeme COLLATE "C") AS l
               FROM ticket_core.ticket_search WHERE ticket_id = $1`,
            [ticketId, weights],
          )
        ).rows[0].l as string[];
      const rest = await lexemes(invoice.id, '{a,c,d}');

      await update(desk, printer.customer.id, {
        name: 'Caroline Smith',
        email: 'caroline.smith@example.com',
      });
      expect(await found('Smith')).toEqual(carols);
      expect(await found('caroline.smith@example.com')).toEqual(carols);
      expect(await found('Carol')).toEqual([]);
      expect(await found('carol@example.com')).toEqual([]);
      // The rest of each vector stays: subjects, first messages and replies, and other customers.
      expect(await found('printer')).toEqual([printer.id, other.id].sort());
      expect(await found('jammed')).toEqual([printer.id]);
      expect(await found('refund')).toEqual([invoice.id]);
      expect(await found('Dave')).toEqual([other.id]);
      // Only the customer's part changed, and it keeps its weight.
      expect(await lexemes(invoice.id, '{a,c,d}')).toEqual(rest);
      expect(await lexemes(invoice.id, '{b}')).toEqual([
        'caroline:B',
        'caroline.smith@example.com:B',
        'smith:B',
      ]);
    });

    it('indexes a ticket created while its customer is being renamed under the new name', async () => {
      const { id, agent } = await newWorkspace('race');
      const customer = await link(systemActor(id), { email: 'rita@example.com', name: 'Rita' });
      const editor = new Client({ connectionString: harness.databaseUrl });
      await editor.connect();
      try {
        // An edit in flight, locked as update locks it, renamed and not yet committed: the
        // creation finds the customer as it was, then waits for the edit at its insert.
        await editor.query('BEGIN');
        await editor.query(`SELECT 1 FROM ticket_core.customers WHERE id = $1 FOR UPDATE`, [
          customer.id,
        ]);
        await editor.query(`UPDATE ticket_core.customers SET name = 'Rita Moreno' WHERE id = $1`, [
          customer.id,
        ]);
        const created = client.rpc.request(CREATE_TICKET_V1, {
          actor: systemActor(id),
          channel: 'mail',
          subject: 'Hello',
          customer: { email: 'rita@example.com' },
        });
        await waitFor(
          async () =>
            (
              await db.query(
                `SELECT 1 FROM pg_stat_activity
                  WHERE datname = current_database() AND wait_event_type = 'Lock'`,
              )
            ).rowCount,
          { description: 'the creation to wait for the edit' },
        );
        await editor.query('COMMIT');
        const ticket = await created;
        const page = await client.rpc.request(SEARCH_TICKETS_V1, {
          actor: agentActor(agent),
          text: 'Moreno',
        });
        expect(page.items.map((item) => item.id)).toEqual([ticket.id]);
      } finally {
        await editor.end();
      }
    });

    it('leaves the search index alone when only the notes change', async () => {
      const { id, agent } = await newWorkspace('notes-only');
      const ticket = await client.rpc.request(CREATE_TICKET_V1, {
        actor: systemActor(id),
        channel: 'mail',
        subject: 'Hello',
        customer: { email: 'nora@example.com', name: 'Nora' },
      });
      const vector = async () =>
        (
          await db.query(
            `SELECT search_vector::text AS v, xmin::text AS x FROM ticket_core.ticket_search
              WHERE ticket_id = $1`,
            [ticket.id],
          )
        ).rows[0];
      const before = await vector();
      await update(agentActor(agent), ticket.customer.id, { notes: 'calls on Mondays' });
      expect(await vector()).toEqual(before);
    });

    it('answers NOT_FOUND for an unknown customer', async () => {
      const { agent } = await newWorkspace('unknown');
      const error = await rejection(
        update(agentActor(agent), '00000000-0000-4000-8000-000000000000', {
          name: 'X',
        }),
      );
      expect(error.code).toBe(ErrorCode.NOT_FOUND);
    });
  });

  it('answers the customer as the wire type', async () => {
    const { id } = await newWorkspace('wire');
    const customer: CustomerV1 = await link(systemActor(id), { email: 'wire@example.com' });
    expect(Object.keys(customer).sort()).toEqual(
      [
        'createdAt',
        'email',
        'externalId',
        'firstName',
        'id',
        'lastName',
        'name',
        'notes',
        'phone',
        'updatedAt',
        'workspaceId',
      ].sort(),
    );
  });
});
