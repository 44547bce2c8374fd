import { ConsumerMessages } from '@nats-io/jetstream';
import * as c from '@switchboard/contracts';
import {
  Actor,
  EventEnvelope,
  EventSubject,
  Headers,
  TicketSnapshotV1,
  TicketSummaryV1,
  eventClasses,
} from '@switchboard/contracts';
import { STREAMS, validatePayload } from '@switchboard/messaging';
import {
  InProcessHarness,
  TestNatsClient,
  startInProcessHarness,
  waitFor,
} from '@switchboard/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ticketCoreService } from '../src/service';
import { TicketRow, toSnapshot } from '../src/tickets/ticket-row';
import {
  AgentFixture,
  agentActor,
  customerActor,
  newAgent,
  newTeam,
  newWorkspace,
  systemActor,
} from './factories';

/*
 * Every event ticket-core announces, read where consumers read it: the outbox row written with
 * the change, and the same envelope relayed to JetStream. Each carries the workspace, the ticket
 * id and number, who acted, a snapshot of the ticket as the change left it, and the data of its
 * kind, so that a consumer never has to call back.
 */

const DAY = 24 * 60 * 60 * 1000;

/** The event kinds the spec lists ("Events (outbox → JetStream)"). */
const SPEC_EVENTS: EventSubject[] = [
  c.TICKET_CREATED_V1,
  c.TICKET_CLAIMED_V1,
  c.TICKET_ASSIGNED_V1,
  c.TICKET_RETURNED_V1,
  c.TICKET_STATUS_CHANGED_V1,
  c.TICKET_MESSAGE_ADDED_V1,
  c.TICKET_NOTE_ADDED_V1,
  c.TICKET_LABELS_CHANGED_V1,
  c.TICKET_PARTICIPANTS_CHANGED_V1,
  c.TICKET_PRIORITY_CHANGED_V1,
  c.TICKET_SOLVED_V1,
  c.TICKET_REOPENED_V1,
  c.TICKET_REMINDER_DUE_V1,
  c.TICKET_MERGED_V1,
  c.TICKET_DELETED_V1,
  c.TICKET_RESTORED_V1,
  c.CUSTOMER_UPDATED_V1,
];

interface Relayed {
  subject: string;
  msgId: string | undefined;
  eventType: string | undefined;
  envelope: EventEnvelope;
}

type TicketRef = Pick<TicketSummaryV1, 'id' | 'number'>;

/** What one command published: read from the outbox rows written after `since`. */
interface Outcome {
  since: string;
  ticket: TicketRef;
  actor: Actor;
  /** The event's own fields (all but those of every ticket event, TicketEventV1), exactly. */
  data: Record<string, unknown>;
}

interface EventCase {
  subject: EventSubject;
  title: string;
  /** Every event the command publishes on the ticket, in order. */
  publishes: EventSubject[];
  /** Prepares a ticket through commands, runs the command under test, says what to expect. */
  run: () => Promise<Outcome>;
}

describe('ticket-core events: outbox → JetStream', () => {
  let harness: InProcessHarness;
  let client: TestNatsClient;
  let db: Client;
  let messages: ConsumerMessages | undefined;
  const relayed = new Map<string, Relayed>();

  let workspaceId: string;
  let system: Actor;
  let supportTeamId: string;
  let billingTeamId: string;
  let alice: Actor;
  let bob: Actor;
  let sam: Actor;
  let ada: Actor;
  let bobAgent: AgentFixture;

  beforeAll(async () => {
    harness = await startInProcessHarness(ticketCoreService, 'events');
    ({ client, db } = harness);

    // Everything on the event stream of this test's namespace, as a consumer would see it (an
    // ordered consumer: the stream is the namespace's own, so it needs no filter).
    const consumer = await client.nats.js.consumers.get(client.nats.name(STREAMS.events.name));
    const stream = await consumer.consume();
    messages = stream;
    void (async () => {
      for await (const message of stream) {
        const envelope = message.json<EventEnvelope>();
        relayed.set(envelope.id, {
          subject: message.subject,
          msgId: message.headers?.get('Nats-Msg-Id'),
          eventType: message.headers?.get(Headers.eventType),
          envelope,
        });
      }
    })();

    const workspace = await newWorkspace(db);
    workspaceId = workspace.id;
    system = systemActor(workspaceId);
    supportTeamId = (await newTeam(db, workspaceId, { name: 'Support' })).id;
    billingTeamId = (await newTeam(db, workspaceId, { name: 'Billing' })).id;
    bobAgent = await newAgent(db, workspaceId, { name: 'Bob', teamIds: [supportTeamId] });
    alice = agentActor(
      await newAgent(db, workspaceId, { name: 'Alice', teamIds: [supportTeamId] }),
    );
    bob = agentActor(bobAgent);
    sam = agentActor(await newAgent(db, workspaceId, { name: 'Sam', role: 'supervisor' }));
    ada = agentActor(await newAgent(db, workspaceId, { name: 'Ada', role: 'admin' }));
  });

  afterAll(async () => {
    await messages?.close();
    await harness?.close();
  });

  const send = <S extends c.RequestSubject>(subject: S, payload: c.RequestOf<S>) =>
    client.rpc.request(subject, payload);

  let customerCount = 0;
  /** A new mail ticket from a customer of its own (unless an email is given), as mail-ingest sends it. */
  const mailTicket = (
    options: { email?: string; body?: string; labels?: string[]; teamId?: string } = {},
  ) =>
    send(c.CREATE_TICKET_V1, {
      actor: system,
      channel: 'mail',
      subject: 'Printer on fire',
      body: options.body ?? 'It is still burning.',
      customer: { email: options.email ?? `customer${++customerCount}@example.com`, name: 'Carol' },
      labels: options.labels,
      teamId: options.teamId,
    });

  const claimedBy = async (agent: Actor, options?: Parameters<typeof mailTicket>[0]) => {
    const ticket = await mailTicket(options);
    return send(c.CLAIM_TICKET_V1, { actor: agent, ticketId: ticket.id });
  };

  /** The outbox position now: events written later belong to the next command. */
  const outboxPosition = async (): Promise<string> =>
    (await db.query(`SELECT coalesce(max(seq), 0)::text AS seq FROM ticket_core.outbox`)).rows[0]
      .seq;

  const outboxRows = async (since: string, where: string, value: string) =>
    (
      await db.query<{ id: string; subject: EventSubject; envelope: EventEnvelope }>(
        `SELECT id, subject, envelope FROM ticket_core.outbox
          WHERE seq > $1::bigint AND ${where} = $2 ORDER BY seq`,
        [since, value],
      )
    ).rows;

  /** The ticket as it is stored now, in the shape of the events' snapshot. */
  async function storedSnapshot(ticketId: string): Promise<TicketSnapshotV1> {
    const { rows } = await db.query(
      `SELECT t.id, t.number, t.channel, t.subject, t.status, t.priority, t.team_id, t.assignee_id,
              t.customer_id, c.name AS customer_name, c.email AS customer_email, t.labels,
              coalesce((SELECT array_agg(p.agent_id ORDER BY p.added_at)
                          FROM ticket_core.ticket_participants p WHERE p.ticket_id = t.id),
                       '{}') AS participant_ids,
              t.public_token, t.remind_at, t.auto_solve_at
         FROM ticket_core.tickets t JOIN ticket_core.customers c ON c.id = t.customer_id
        WHERE t.id = $1`,
      [ticketId],
    );
    // Read here, independently of the command; mapped as every event maps its ticket.
    return toSnapshot(rows[0] as TicketRow);
  }

  const actorIdOf = (actor: Actor): string | null =>
    actor.kind === 'agent'
      ? (actor.agentId ?? null)
      : actor.kind === 'customer'
        ? (actor.customerId ?? null)
        : null;

  /**
   * The envelope is valid for its subject as a consumer validates it, and reached JetStream
   * unchanged: on its namespaced subject, with the outbox id as `Nats-Msg-Id`.
   */
  async function expectRelayed(subject: EventSubject, envelope: EventEnvelope): Promise<void> {
    await expect(
      validatePayload(eventClasses[subject] as new () => object, envelope.data, {
        allowUnknown: true,
      }),
    ).resolves.toBeDefined();
    const message = await waitFor(() => relayed.get(envelope.id), {
      description: `${subject} ${envelope.id} on JetStream`,
    });
    expect(message).toEqual({
      subject: client.nats.subject(subject),
      msgId: envelope.id,
      eventType: subject,
      envelope,
    });
  }

  async function expectPublished(
    subject: EventSubject,
    publishes: EventSubject[],
    outcome: Outcome,
  ): Promise<void> {
    const { since, ticket, actor } = outcome;
    const rows = await outboxRows(since, `envelope->'data'->>'ticketId'`, ticket.id);
    expect(rows.map((row) => row.subject)).toEqual(publishes);
    const matching = rows.filter((row) => row.subject === subject);
    expect(matching).toHaveLength(1);
    const [{ id, envelope }] = matching;

    expect(envelope).toEqual({
      id,
      type: subject,
      occurredAt: expect.any(String),
      correlationId: expect.any(String),
      workspaceId,
      data: expect.any(Object),
    });
    expect(Number.isNaN(Date.parse(envelope.occurredAt))).toBe(false);
    const {
      ticketId,
      number,
      actorKind,
      actorId,
      ticket: snapshot,
      ...own
    } = envelope.data as Record<keyof c.TicketEventV1, unknown>;
    expect({ ticketId, number, actorKind, actorId }).toEqual({
      ticketId: ticket.id,
      number: ticket.number,
      actorKind: actor.kind,
      actorId: actorIdOf(actor),
    });
    // The snapshot is the ticket as the change left it: a consumer needs nothing more.
    expect(snapshot).toEqual(await storedSnapshot(ticket.id));
    expect(own).toEqual(outcome.data);

    await expectRelayed(subject, envelope);
  }

  /** A message event's message: the given fields, and what any new message without extras has. */
  const expectedMessage = (fields: Partial<c.MessageV1>) => ({
    id: expect.any(String),
    authorName: null,
    bodyHtml: null,
    attachments: [],
    mail: null,
    createdAt: expect.any(String),
    ...fields,
  });

  const cases: EventCase[] = [
    {
      subject: c.TICKET_CREATED_V1,
      title: 'a mail ticket arrives (system actor)',
      publishes: [c.TICKET_CREATED_V1],
      run: async () => {
        const since = await outboxPosition();
        const ticket = await mailTicket({ body: 'Paper jam, then smoke.', labels: ['hardware'] });
        return {
          since,
          ticket,
          actor: system,
          data: {
            firstMessage: expectedMessage({
              visibility: 'public',
              authorKind: 'customer',
              authorId: ticket.customer.id,
              bodyText: 'Paper jam, then smoke.',
            }),
          },
        };
      },
    },
    {
      subject: c.TICKET_CLAIMED_V1,
      title: 'an agent claims a new ticket',
      publishes: [c.TICKET_STATUS_CHANGED_V1, c.TICKET_CLAIMED_V1],
      run: async () => {
        const ticket = await mailTicket();
        const since = await outboxPosition();
        await send(c.CLAIM_TICKET_V1, { actor: alice, ticketId: ticket.id });
        return { since, ticket, actor: alice, data: { assigneeId: alice.agentId } };
      },
    },
    {
      subject: c.TICKET_ASSIGNED_V1,
      title: 'a supervisor transfers a ticket to another agent',
      publishes: [c.TICKET_ASSIGNED_V1],
      run: async () => {
        const ticket = await claimedBy(alice);
        const since = await outboxPosition();
        const moved = await send(c.ASSIGN_TICKET_V1, {
          actor: sam,
          ticketId: ticket.id,
          assigneeId: bob.agentId,
        });
        expect(moved).toMatchObject({ status: 'open', assigneeId: bob.agentId });
        return {
          since,
          ticket,
          actor: sam,
          data: {
            assigneeId: bob.agentId,
            teamId: null,
            previousAssigneeId: alice.agentId,
            previousTeamId: null,
          },
        };
      },
    },
    {
      subject: c.TICKET_ASSIGNED_V1,
      title: 'the assignee transfers a ticket to another team',
      publishes: [c.TICKET_ASSIGNED_V1],
      run: async () => {
        const ticket = await claimedBy(alice, { teamId: supportTeamId });
        const since = await outboxPosition();
        const moved = await send(c.ASSIGN_TICKET_V1, {
          actor: alice,
          ticketId: ticket.id,
          teamId: billingTeamId,
        });
        expect(moved).toMatchObject({ teamId: billingTeamId, assigneeId: alice.agentId });
        return {
          since,
          ticket,
          actor: alice,
          data: {
            assigneeId: alice.agentId,
            teamId: billingTeamId,
            previousAssigneeId: alice.agentId,
            previousTeamId: supportTeamId,
          },
        };
      },
    },
    {
      subject: c.TICKET_RETURNED_V1,
      title: 'the assignee returns a ticket to the queue',
      publishes: [c.TICKET_STATUS_CHANGED_V1, c.TICKET_RETURNED_V1],
      run: async () => {
        const ticket = await claimedBy(alice);
        const since = await outboxPosition();
        await send(c.RETURN_TICKET_V1, { actor: alice, ticketId: ticket.id });
        return { since, ticket, actor: alice, data: { previousAssigneeId: alice.agentId } };
      },
    },
    {
      subject: c.TICKET_STATUS_CHANGED_V1,
      title: 'the assignee parks a ticket until a reminder',
      publishes: [c.TICKET_STATUS_CHANGED_V1],
      run: async () => {
        const ticket = await claimedBy(alice);
        const since = await outboxPosition();
        await send(c.SET_PENDING_V1, {
          actor: alice,
          ticketId: ticket.id,
          remindAt: new Date(Date.now() + DAY).toISOString(),
        });
        return { since, ticket, actor: alice, data: { from: 'open', to: 'pending' } };
      },
    },
    {
      subject: c.TICKET_MESSAGE_ADDED_V1,
      title: 'the system replies (kind system), with the body',
      publishes: [c.TICKET_MESSAGE_ADDED_V1],
      run: async () => {
        const ticket = await claimedBy(alice);
        const since = await outboxPosition();
        const reply = await send(c.REPLY_TICKET_V1, {
          actor: system,
          ticketId: ticket.id,
          body: 'Your order has shipped.',
          bodyHtml: '<p>Your order has shipped.</p>',
        });
        expect(reply.ticket.status).toBe('open');
        return {
          since,
          ticket,
          actor: system,
          data: {
            message: expectedMessage({
              id: reply.message.id,
              visibility: 'public',
              authorKind: 'system',
              authorId: null,
              bodyText: 'Your order has shipped.',
              bodyHtml: '<p>Your order has shipped.</p>',
            }),
            place: { all: 2, public: 2 },
          },
        };
      },
    },
    {
      subject: c.TICKET_NOTE_ADDED_V1,
      title: 'an agent adds an internal note, with the body',
      publishes: [c.TICKET_NOTE_ADDED_V1],
      run: async () => {
        const ticket = await claimedBy(alice);
        const since = await outboxPosition();
        const note = await send(c.ADD_NOTE_V1, {
          actor: alice,
          ticketId: ticket.id,
          body: 'Customer is on the premium plan.',
        });
        return {
          since,
          ticket,
          actor: alice,
          data: {
            message: expectedMessage({
              id: note.message.id,
              visibility: 'internal',
              authorKind: 'agent',
              authorId: alice.agentId,
              bodyText: 'Customer is on the premium plan.',
            }),
            place: { all: 2, public: 1 },
          },
        };
      },
    },
    {
      subject: c.TICKET_LABELS_CHANGED_V1,
      title: 'labels are added and removed (only real changes are named)',
      publishes: [c.TICKET_LABELS_CHANGED_V1],
      run: async () => {
        const ticket = await claimedBy(alice, { labels: ['old', 'keep'] });
        const since = await outboxPosition();
        const changed = await send(c.CHANGE_LABELS_V1, {
          actor: alice,
          ticketId: ticket.id,
          add: ['vip', 'billing', 'keep'],
          remove: ['old', 'absent'],
        });
        expect(changed.labels).toEqual(['keep', 'vip', 'billing']);
        return {
          since,
          ticket,
          actor: alice,
          data: { added: ['vip', 'billing'], removed: ['old'] },
        };
      },
    },
    {
      subject: c.TICKET_PARTICIPANTS_CHANGED_V1,
      title: 'the assignee invites a participant',
      publishes: [c.TICKET_PARTICIPANTS_CHANGED_V1],
      run: async () => {
        const ticket = await claimedBy(alice);
        const since = await outboxPosition();
        const changed = await send(c.CHANGE_PARTICIPANTS_V1, {
          actor: alice,
          ticketId: ticket.id,
          add: [bobAgent.id],
          remove: [],
        });
        expect(changed.participantIds).toEqual([bobAgent.id]);
        return { since, ticket, actor: alice, data: { added: [bobAgent.id], removed: [] } };
      },
    },
    {
      subject: c.TICKET_PARTICIPANTS_CHANGED_V1,
      title: 'the assignee grants an access request',
      publishes: [c.TICKET_PARTICIPANTS_CHANGED_V1],
      run: async () => {
        const ticket = await claimedBy(alice);
        const { requestId } = await send(c.REQUEST_ACCESS_V1, { actor: bob, ticketId: ticket.id });
        const since = await outboxPosition();
        await send(c.DECIDE_ACCESS_V1, {
          actor: alice,
          ticketId: ticket.id,
          requestId,
          grant: true,
        });
        return { since, ticket, actor: alice, data: { added: [bobAgent.id], removed: [] } };
      },
    },
    {
      subject: c.TICKET_PRIORITY_CHANGED_V1,
      title: 'the assignee raises the priority',
      publishes: [c.TICKET_PRIORITY_CHANGED_V1],
      run: async () => {
        const ticket = await claimedBy(alice);
        const since = await outboxPosition();
        await send(c.SET_PRIORITY_V1, { actor: alice, ticketId: ticket.id, priority: 'urgent' });
        return { since, ticket, actor: alice, data: { from: 'normal', to: 'urgent' } };
      },
    },
    ...[true, false].map((withSummary): EventCase => ({
      subject: c.TICKET_SOLVED_V1,
      title: `the assignee solves ${withSummary ? 'with' : 'without'} a summary`,
      publishes: [c.TICKET_STATUS_CHANGED_V1, c.TICKET_SOLVED_V1],
      run: async () => {
        const ticket = await claimedBy(alice);
        const since = await outboxPosition();
        await send(c.SOLVE_TICKET_V1, { actor: alice, ticketId: ticket.id, withSummary });
        return { since, ticket, actor: alice, data: { withSummary } };
      },
    })),
    {
      subject: c.TICKET_REOPENED_V1,
      title: 'the assignee reopens a solved ticket',
      publishes: [c.TICKET_STATUS_CHANGED_V1, c.TICKET_REOPENED_V1],
      run: async () => {
        const ticket = await claimedBy(alice);
        await send(c.SOLVE_TICKET_V1, { actor: alice, ticketId: ticket.id, withSummary: false });
        const since = await outboxPosition();
        await send(c.REOPEN_TICKET_V1, { actor: alice, ticketId: ticket.id });
        return { since, ticket, actor: alice, data: { by: 'agent' } };
      },
    },
    {
      subject: c.TICKET_REOPENED_V1,
      title: 'the customer replies to a solved ticket inside the reopen window',
      publishes: [c.TICKET_STATUS_CHANGED_V1, c.TICKET_REOPENED_V1, c.TICKET_MESSAGE_ADDED_V1],
      run: async () => {
        const ticket = await claimedBy(alice);
        await send(c.SOLVE_TICKET_V1, { actor: alice, ticketId: ticket.id, withSummary: false });
        const customer = customerActor({ id: ticket.customer.id, workspaceId });
        const since = await outboxPosition();
        await send(c.REPLY_TICKET_V1, { actor: customer, ticketId: ticket.id, body: 'Again!' });
        return { since, ticket, actor: customer, data: { by: 'customer' } };
      },
    },
    {
      subject: c.TICKET_REMINDER_DUE_V1,
      title: 'a pending ticket’s reminder comes due (timer, system actor)',
      publishes: [c.TICKET_STATUS_CHANGED_V1, c.TICKET_REMINDER_DUE_V1],
      run: async () => {
        const ticket = await claimedBy(alice);
        const remindAt = new Date(Date.now() + DAY).toISOString();
        await send(c.SET_PENDING_V1, { actor: alice, ticketId: ticket.id, remindAt });
        const since = await outboxPosition();
        // The reminder's time has come: the timer runner fires it on its next round.
        const moved = await db.query(
          `UPDATE ticket_core.timers SET due_at = now() - interval '1 second'
            WHERE ticket_id = $1 AND kind = 'pending-reminder'`,
          [ticket.id],
        );
        expect(moved.rowCount).toBe(1);
        await waitFor(
          async () =>
            (await outboxRows(since, 'subject', c.TICKET_REMINDER_DUE_V1)).some(
              (row) => (row.envelope.data as { ticketId: string }).ticketId === ticket.id,
            ),
          { description: 'the reminder to fire' },
        );
        return { since, ticket, actor: system, data: { assigneeId: alice.agentId, remindAt } };
      },
    },
    {
      subject: c.TICKET_MERGED_V1,
      title: 'a ticket is merged into another of the same customer (names both)',
      publishes: [c.TICKET_STATUS_CHANGED_V1, c.TICKET_MERGED_V1],
      run: async () => {
        const email = `merge${++customerCount}@example.com`;
        const target = await claimedBy(alice, { email });
        const source = await claimedBy(alice, { email });
        const since = await outboxPosition();
        await send(c.MERGE_TICKET_V1, {
          actor: alice,
          ticketId: source.id,
          intoTicketId: target.id,
        });
        return {
          since,
          ticket: source,
          actor: alice,
          data: { intoTicketId: target.id, intoNumber: target.number },
        };
      },
    },
    {
      subject: c.TICKET_DELETED_V1,
      title: 'a supervisor deletes a ticket',
      publishes: [c.TICKET_DELETED_V1],
      run: async () => {
        const ticket = await claimedBy(alice);
        const since = await outboxPosition();
        const deleted = await send(c.DELETE_TICKET_V1, { actor: sam, ticketId: ticket.id });
        expect(deleted.deleted).toBe(true);
        return { since, ticket, actor: sam, data: {} };
      },
    },
    {
      subject: c.TICKET_DELETED_V1,
      title: 'the assignee deletes their ticket',
      publishes: [c.TICKET_DELETED_V1],
      run: async () => {
        const ticket = await claimedBy(alice);
        const since = await outboxPosition();
        const deleted = await send(c.DELETE_TICKET_V1, { actor: alice, ticketId: ticket.id });
        expect(deleted.deleted).toBe(true);
        return { since, ticket, actor: alice, data: {} };
      },
    },
    {
      subject: c.TICKET_RESTORED_V1,
      title: 'an admin restores a deleted ticket',
      publishes: [c.TICKET_RESTORED_V1],
      run: async () => {
        const ticket = await claimedBy(alice);
        await send(c.DELETE_TICKET_V1, { actor: ada, ticketId: ticket.id });
        const since = await outboxPosition();
        const restored = await send(c.RESTORE_TICKET_V1, { actor: ada, ticketId: ticket.id });
        expect(restored.deleted).toBe(false);
        return { since, ticket, actor: ada, data: {} };
      },
    },
  ];

  it.each(cases)('$title: $subject', async ({ subject, publishes, run }) => {
    await expectPublished(subject, publishes, await run());
  });

  it('numbers concurrent messages of one ticket in the order its history lists them', async () => {
    const ticket = await claimedBy(alice);
    const since = await outboxPosition();
    // Sent together, many share a millisecond of the clock: the lock decides their order.
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 3 === 2
          ? send(c.ADD_NOTE_V1, { actor: alice, ticketId: ticket.id, body: `note ${i}` })
          : send(c.REPLY_TICKET_V1, { actor: alice, ticketId: ticket.id, body: `reply ${i}` }),
      ),
    );
    const added = (await outboxRows(since, `envelope->'data'->>'ticketId'`, ticket.id)).flatMap(
      (row) => {
        const data = row.envelope.data as c.TicketMessageAddedV1;
        return data.place ? [{ id: data.message.id, place: data.place }] : [];
      },
    );
    expect(added).toHaveLength(12);
    const { messages } = await send(c.GET_TICKET_V1, { actor: alice, ticketId: ticket.id });
    const publicOnes = messages.filter((message) => message.visibility === 'public');
    for (const { id, place } of added) {
      expect(messages[place.all - 1].id).toBe(id);
      const asCustomer = publicOnes.findIndex((message) => message.id === id);
      // A note's public place is the count of public messages before it.
      expect(asCustomer === -1 ? publicOnes.slice(0, place.public).length : asCustomer + 1).toBe(
        place.public,
      );
    }
  });

  it('customer.updated carries the workspace, the actor, the customer and the changes', async () => {
    const ticket = await mailTicket({ email: 'old@example.com' });
    const since = await outboxPosition();
    const customer = await send(c.UPDATE_CUSTOMER_V1, {
      actor: alice,
      customerId: ticket.customer.id,
      email: 'new@example.com',
    });
    const rows = await outboxRows(since, `envelope->'data'->>'customerId'`, ticket.customer.id);
    expect(rows.map((row) => row.subject)).toEqual([c.CUSTOMER_UPDATED_V1]);
    const [{ id, envelope }] = rows;
    expect(envelope).toEqual({
      id,
      type: c.CUSTOMER_UPDATED_V1,
      occurredAt: expect.any(String),
      correlationId: expect.any(String),
      workspaceId,
      data: {
        customerId: ticket.customer.id,
        actorKind: 'agent',
        actorId: alice.agentId,
        customer,
        changes: { email: { before: 'old@example.com', after: 'new@example.com' } },
      },
    });
    await expectRelayed(c.CUSTOMER_UPDATED_V1, envelope);
  });

  it('a denied access request publishes nothing and adds no participant', async () => {
    const ticket = await claimedBy(alice);
    const { requestId } = await send(c.REQUEST_ACCESS_V1, { actor: bob, ticketId: ticket.id });
    const since = await outboxPosition();
    const decided = await send(c.DECIDE_ACCESS_V1, {
      actor: alice,
      ticketId: ticket.id,
      requestId,
      grant: false,
    });
    expect(decided.participantIds).toEqual([]);
    expect(await outboxRows(since, `envelope->'data'->>'ticketId'`, ticket.id)).toEqual([]);
    const request = await db.query(
      `SELECT status, decided_by FROM ticket_core.access_requests WHERE id = $1`,
      [requestId],
    );
    expect(request.rows[0]).toEqual({ status: 'denied', decided_by: alice.agentId });
    const history = await db.query(
      `SELECT action, actor_id, changes FROM ticket_core.ticket_history
        WHERE ticket_id = $1 ORDER BY id DESC LIMIT 1`,
      [ticket.id],
    );
    expect(history.rows[0]).toEqual({
      action: 'access-denied',
      actor_id: alice.agentId,
      changes: { agent: { before: null, after: bobAgent.id } },
    });
  });

  it('transcript-requested: a customer asks for their own ticket’s conversation by mail', async () => {
    const ticket = await mailTicket({ email: 'erin@example.com' });
    const customer = customerActor({ id: ticket.customer.id, workspaceId });
    const since = await outboxPosition();
    expect(await send(c.SEND_TRANSCRIPT_V1, { actor: customer, ticketId: ticket.id })).toEqual({
      recipient: 'erin@example.com',
    });
    await expectPublished(c.TICKET_TRANSCRIPT_REQUESTED_V1, [c.TICKET_TRANSCRIPT_REQUESTED_V1], {
      since,
      ticket,
      actor: customer,
      data: {},
    });
    // Another customer's ticket is not theirs to ask for: it is not found.
    const other = await mailTicket();
    await expect(
      send(c.SEND_TRANSCRIPT_V1, { actor: customer, ticketId: other.id }),
    ).rejects.toMatchObject({ code: c.ErrorCode.NOT_FOUND });
  });

  it('covers every event kind of the spec', () => {
    const covered = new Set([...cases.map((one) => one.subject), c.CUSTOMER_UPDATED_V1]);
    expect([...covered].sort()).toEqual([...SPEC_EVENTS].sort());
  });
});
