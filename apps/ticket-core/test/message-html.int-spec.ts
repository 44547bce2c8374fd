import { ConsumerMessages } from '@nats-io/jetstream';
import * as c from '@switchboard/contracts';
import { Actor, EventEnvelope, MessageV1 } from '@switchboard/contracts';
import { STREAMS } from '@switchboard/messaging';
import {
  InProcessHarness,
  TestNatsClient,
  startInProcessHarness,
  waitFor,
} from '@switchboard/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ticketCoreService } from '../src/service';
import { agentActor, customerActor, newAgent, newWorkspace, systemActor } from './factories';

/*
 * Message HTML is sanitized by ticket-core whoever sends it: what is stored, what GET_TICKET and
 * the customer's public page serve, and what the events carry to notification and the chat
 * gateway are the same sanitized HTML. The policy itself is unit-tested in message-html.spec.ts.
 */

const LINK = 'target="_blank" rel="noopener noreferrer"';

/** Ordinary formatting, kept as it is. */
const BENIGN =
  '<p>Hello <b>Ada</b>, see <a href="https://example.com/docs">the docs</a>:</p>' +
  '<ul><li>one</li><li><i>two</i></li></ul><blockquote>quoted</blockquote>' +
  '<img src="cid:logo@mail" alt="logo" />';
const BENIGN_STORED = BENIGN.replace('href="https://example.com/docs"', `$& ${LINK}`);

/** Each vector with the markup it leaves behind. */
const VECTORS: [string, string][] = [
  ['<script>alert(document.cookie)</script>', ''],
  ['<img src=x onerror=alert(1)>', '<span></span>'],
  ['<a href="javascript:alert(1)" onclick="alert(2)">click</a>', '<span>click</span>'],
  ['<svg onload=alert(1)><circle r="1"></circle></svg>', ''],
  ['<iframe src="https://evil.test"></iframe>', ''],
  ['<div style="width: expression(alert(1))">styled</div>', '<div>styled</div>'],
  ['<img src="data:image/png;base64,iVBORw0K" alt="pixel">', '<span>pixel</span>'],
];
const MALICIOUS = BENIGN + VECTORS.map(([vector]) => vector).join('');
const MALICIOUS_STORED = BENIGN_STORED + VECTORS.map(([, left]) => left).join('');

describe('ticket-core message HTML', () => {
  let harness: InProcessHarness;
  let client: TestNatsClient;
  let db: Client;
  let stream: ConsumerMessages | undefined;
  const relayed = new Map<string, EventEnvelope>();

  let system: Actor;
  let agent: Actor;

  beforeAll(async () => {
    harness = await startInProcessHarness(ticketCoreService, 'msghtml');
    ({ client, db } = harness);
    // The event stream of this test's namespace, as notification and the chat gateway read it.
    const consumer = await client.nats.js.consumers.get(client.nats.name(STREAMS.events.name));
    const messages = await consumer.consume();
    stream = messages;
    void (async () => {
      for await (const message of messages) {
        const envelope = message.json<EventEnvelope>();
        relayed.set(envelope.id, envelope);
      }
    })();

    const workspace = await newWorkspace(db);
    system = systemActor(workspace.id);
    agent = agentActor(await newAgent(db, workspace.id));
  });

  afterAll(async () => {
    await stream?.close();
    await harness?.close();
  });

  const send = <S extends c.RequestSubject>(subject: S, payload: c.RequestOf<S>) =>
    client.rpc.request(subject, payload);

  let customerCount = 0;
  /** A mail ticket as mail-ingest creates it, with the HTML part of the mail. */
  const mailTicket = (bodyHtml?: string) =>
    send(c.CREATE_TICKET_V1, {
      actor: system,
      channel: 'mail',
      subject: 'Printer on fire',
      body: 'It is still burning.',
      bodyHtml,
      customer: { email: `html${++customerCount}@example.com`, name: 'Carol' },
    });

  const storedHtml = async (messageId: string): Promise<string | null> =>
    (
      await db.query<{ body_html: string | null }>(
        `SELECT body_html FROM ticket_core.messages WHERE id = $1`,
        [messageId],
      )
    ).rows[0].body_html;

  /** The data of the one `subject` event about `ticketId`, as written to the outbox and relayed. */
  async function event<S extends c.EventSubject>(
    subject: S,
    ticketId: string,
  ): Promise<c.EventOf<S>> {
    const { rows } = await db.query<{ envelope: EventEnvelope<c.EventOf<S>> }>(
      `SELECT envelope FROM ticket_core.outbox
        WHERE subject = $1 AND envelope->'data'->>'ticketId' = $2`,
      [subject, ticketId],
    );
    expect(rows).toHaveLength(1);
    const [{ envelope }] = rows;
    const published = await waitFor(() => relayed.get(envelope.id), {
      description: `${subject} of ${ticketId} on JetStream`,
    });
    expect(published).toEqual(envelope);
    return envelope.data;
  }

  const detailMessage = async (ticketId: string, messageId: string): Promise<MessageV1> => {
    const detail = await send(c.GET_TICKET_V1, { actor: agent, ticketId });
    const message = detail.messages.find((one) => one.id === messageId);
    expect(message).toBeDefined();
    return message!;
  };

  it('sanitizes a new ticket’s first message: stored, served and in ticket.created', async () => {
    const ticket = await mailTicket(MALICIOUS);

    const { firstMessage } = await event(c.TICKET_CREATED_V1, ticket.id);
    expect(firstMessage?.bodyHtml).toBe(MALICIOUS_STORED);
    expect(await storedHtml(firstMessage!.id)).toBe(MALICIOUS_STORED);
    expect((await detailMessage(ticket.id, firstMessage!.id)).bodyHtml).toBe(MALICIOUS_STORED);
  });

  it('sanitizes an agent’s reply: answered, stored, served and in ticket.message-added', async () => {
    const ticket = await mailTicket();
    const reply = await send(c.REPLY_TICKET_V1, {
      actor: agent,
      ticketId: ticket.id,
      body: 'x',
      bodyHtml: MALICIOUS,
    });
    expect(reply.message.bodyHtml).toBe(MALICIOUS_STORED);
    expect(await storedHtml(reply.message.id)).toBe(MALICIOUS_STORED);
    expect((await detailMessage(ticket.id, reply.message.id)).bodyHtml).toBe(MALICIOUS_STORED);

    const added = await event(c.TICKET_MESSAGE_ADDED_V1, ticket.id);
    expect(added.message).toEqual(reply.message);
  });

  it('sanitizes a customer’s reply, and their public ticket page serves it sanitized', async () => {
    const ticket = await mailTicket(BENIGN);
    const customer = customerActor({ id: ticket.customer.id, workspaceId: system.workspaceId });
    const reply = await send(c.REPLY_TICKET_V1, {
      actor: customer,
      ticketId: ticket.id,
      body: 'x',
      bodyHtml: '<img src=x onerror=alert(1)><p>Still <b>burning</b>.</p>',
    });
    const expected = '<span></span><p>Still <b>burning</b>.</p>';
    expect(await storedHtml(reply.message.id)).toBe(expected);
    const added = await event(c.TICKET_MESSAGE_ADDED_V1, ticket.id);
    expect(added.message.bodyHtml).toBe(expected);

    const { rows } = await db.query<{ public_token: string }>(
      `SELECT public_token FROM ticket_core.tickets WHERE id = $1`,
      [ticket.id],
    );
    const page = await send(c.GET_TICKET_BY_TOKEN_V1, { token: rows[0].public_token });
    expect(page.messages.map((message) => message.bodyHtml)).toEqual([BENIGN_STORED, expected]);
  });

  it('stores null when nothing of the HTML is left, keeping the text', async () => {
    const ticket = await mailTicket('<script>alert(1)</script><style>p{}</style>');
    const { firstMessage } = await event(c.TICKET_CREATED_V1, ticket.id);
    expect(firstMessage).toMatchObject({ bodyText: 'It is still burning.', bodyHtml: null });
    expect(await storedHtml(firstMessage!.id)).toBeNull();

    const reply = await send(c.REPLY_TICKET_V1, {
      actor: agent,
      ticketId: ticket.id,
      body: 'On it',
      bodyHtml: '<iframe src="https://evil.test"></iframe> ',
    });
    expect(reply.message).toMatchObject({ bodyText: 'On it', bodyHtml: null });
    expect(await storedHtml(reply.message.id)).toBeNull();
  });
});
