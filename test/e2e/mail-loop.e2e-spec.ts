import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as c from '@switchboard/contracts';
import { SmtpSink, freePort, headerOf, waitFor } from '@switchboard/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import {
  GatewayStack,
  LoggedInAgent,
  WorkspaceSetup,
  newAgent,
  newWorkspace,
  startGatewayStack,
} from './gateway-stack';

/*
 * The whole mail loop with real processes: a customer's mail reaches mail-ingest over SMTP and
 * becomes a ticket; the agent's answer leaves through notification to an SMTP sink; the
 * customer's reply to that answer comes back through mail-ingest into the same ticket, threaded
 * by the signed reply token (and, without it, by our own Message-ID).
 */

const SECRET = 'e2e-mail-loop-reply-token-secret-0123456789';
const MAILBOX = 'support@loop.test';
const CUSTOMER = 'erin@customer.test';

describe('the mail loop: mail-ingest, ticket-core, notification', () => {
  const sink = new SmtpSink();
  let stack: GatewayStack;
  let setup: WorkspaceSetup;
  let ada: LoggedInAgent;
  let smtpPort: number;

  /** Sends a mail to mail-ingest as a mail server would. */
  const deliver = (mail: {
    to: string;
    subject: string;
    text: string;
    messageId: string;
    inReplyTo?: string;
  }) =>
    createTransport({ host: '127.0.0.1', port: smtpPort, secure: false }).sendMail({
      from: `Erin <${CUSTOMER}>`,
      ...mail,
      references: mail.inReplyTo,
    });
  const ticketsOfCustomer = async () =>
    (
      await stack.db.query(
        `SELECT t.id FROM ticket_core.tickets t JOIN ticket_core.customers c ON c.id = t.customer_id
          WHERE c.email = $1`,
        [CUSTOMER],
      )
    ).rows.map((row) => row.id as string);
  const messagesOf = async (ticketId: string) =>
    (await stack.nats.rpc.request(c.GET_TICKET_V1, { actor: setup.system, ticketId })).messages;

  beforeAll(async () => {
    await sink.start();
    smtpPort = await freePort();
    stack = await startGatewayStack(
      'mailloop',
      {
        SMTP_URL: sink.url(),
        SMTP_PORT: String(smtpPort),
        REPLY_TOKEN_SECRET: SECRET,
        MAIL_AUTH_DNS: 'offline',
        MAIL_POLL_MS: '50',
        MAIL_DOMAIN: 'mail.loop.test',
        STORAGE_DIR: mkdtempSync(join(tmpdir(), 'mail-loop-')),
      },
      { apps: ['ticket-core', 'api-gateway', 'mail-ingest', 'notification'] },
    );
    setup = await newWorkspace(stack, 'loop');
    await stack.nats.rpc.request(c.UPSERT_MAILBOX_V1, {
      actor: setup.system,
      address: MAILBOX,
      name: 'Support',
    });
    ada = await newAgent(stack, setup, { name: 'Ada', email: 'ada@loop.test', role: 'agent' });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await sink.stop();
  });

  it('threads the customer’s answer to our reply back into the same ticket', async () => {
    await deliver({
      to: MAILBOX,
      subject: 'My parcel is late',
      text: 'It should have come on Monday.',
      messageId: '<first.1@customer.test>',
    });
    const [ticketId] = await waitFor(async () => {
      const ids = await ticketsOfCustomer();
      return ids.length === 1 && ids;
    });

    const replied = await ada.http.post(`/api/v1/tickets/${ticketId}/replies`, {
      body: 'It left our warehouse today.',
    });
    expect(replied.status).toBe(201);
    const ours = await waitFor(() => sink.accepted.find((mail) => mail.to.includes(CUSTOMER)), {
      timeoutMs: 20_000,
      description: 'our reply at the sink',
    });
    const replyTo = /<([^>]+)>/.exec(headerOf(ours.raw, 'reply-to') ?? '')?.[1];
    expect(replyTo).toMatch(/^support\+.+@loop\.test$/);

    // The customer answers our mail: to its Reply-To, in reply to its Message-ID.
    await deliver({
      to: replyTo!,
      subject: 'Re: My parcel is late',
      text: 'Thanks, I will wait.',
      messageId: '<answer.2@customer.test>',
      inReplyTo: ours.messageId,
    });
    const answer = await waitFor(async () =>
      (await messagesOf(ticketId)).find((m) => m.bodyText.startsWith('Thanks, I will wait.')),
    );
    expect(answer).toMatchObject({
      authorKind: 'customer',
      mail: { inbound: { threadedBy: 'token' } },
    });

    // Our Message-IDs carry the signed token too: a reply to the plain address still finds it.
    await deliver({
      to: MAILBOX,
      subject: 'Re: My parcel is late',
      text: 'One more thing.',
      messageId: '<answer.3@customer.test>',
      inReplyTo: ours.messageId,
    });
    const second = await waitFor(async () =>
      (await messagesOf(ticketId)).find((m) => m.bodyText.startsWith('One more thing.')),
    );
    expect(second.mail?.inbound?.threadedBy).toBe('token');

    // A mail in reply to the customer's own earlier mail is threaded by its references.
    await deliver({
      to: MAILBOX,
      subject: 'Re: My parcel is late',
      text: 'And a last one.',
      messageId: '<answer.4@customer.test>',
      inReplyTo: '<answer.3@customer.test>',
    });
    const third = await waitFor(async () =>
      (await messagesOf(ticketId)).find((m) => m.bodyText.startsWith('And a last one.')),
    );
    expect(third.mail?.inbound?.threadedBy).toBe('references');
    expect(await ticketsOfCustomer()).toEqual([ticketId]);
  });
});
