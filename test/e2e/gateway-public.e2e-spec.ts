import * as c from '@switchboard/contracts';
import { waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  EXE,
  GatewayStack,
  LoggedInAgent,
  PNG,
  afterParts,
  fileForm,
  multipartBody,
  newWorkspaceAdmin,
  postPaused,
  startGatewayStack,
  storedFiles,
  uploadRows,
} from './gateway-stack';

const READS_PER_MINUTE = 20;
const POSTS_PER_MINUTE = 4;

describe('api-gateway public ticket page', () => {
  let stack: GatewayStack;
  let alice: LoggedInAgent;
  let ticket: c.TicketDetailV1;
  let address = 0;

  beforeAll(async () => {
    stack = await startGatewayStack('public', {
      PUBLIC_READS_PER_MINUTE: String(READS_PER_MINUTE),
      PUBLIC_POSTS_PER_MINUTE: String(POSTS_PER_MINUTE),
    });
    alice = await newWorkspaceAdmin(stack, 'pub');
    await stack.nats.rpc.request(c.UPDATE_WORKSPACE_SETTINGS_V1, {
      actor: alice.actor,
      attachmentMaxBytes: 10_000,
      attachmentTypes: ['image/png', 'text/plain'],
    });
    // A customer's web ticket, answered by alice, with an internal note, then parked.
    const created = await stack.nats.rpc.request(c.CREATE_TICKET_V1, {
      actor: { kind: 'system', workspaceId: alice.actor.workspaceId, teamIds: [] },
      channel: 'web',
      subject: 'Printer on fire',
      body: 'It is on fire.',
      customer: { email: 'carol@example.test', name: 'Carol' },
    });
    const ticketRef = { actor: alice.actor, ticketId: created.id };
    await stack.nats.rpc.request(c.CLAIM_TICKET_V1, ticketRef);
    await stack.nats.rpc.request(c.REPLY_TICKET_V1, { ...ticketRef, body: 'Please unplug it.' });
    await stack.nats.rpc.request(c.ADD_NOTE_V1, { ...ticketRef, body: 'Secret: customer is VIP' });
    await stack.nats.rpc.request(c.SET_PENDING_V1, {
      ...ticketRef,
      remindAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    ticket = await stack.nats.rpc.request(c.GET_TICKET_V1, ticketRef);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** Each test its own client address, so that only the rate-limit test meets the limits. */
  const newAddress = () => `10.77.0.${++address}`;

  const page = (token: string, from: string) =>
    fetch(`${stack.gateway.url}/api/v1/public/tickets/${token}`, {
      headers: { 'x-forwarded-for': from },
    });

  const reply = (token: string, from: string, body: unknown) =>
    fetch(`${stack.gateway.url}/api/v1/public/tickets/${token}/messages`, {
      method: 'POST',
      headers:
        body instanceof FormData
          ? { 'x-forwarded-for': from }
          : { 'x-forwarded-for': from, 'content-type': 'application/json' },
      body: body instanceof FormData ? body : JSON.stringify(body),
    });

  const detail = () =>
    stack.nats.rpc.request(c.GET_TICKET_V1, { actor: alice.actor, ticketId: ticket.id });

  it('shows status and public messages, without notes, agent emails or internal ids', async () => {
    const response = await page(ticket.publicToken, newAddress());
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({
      number: ticket.number,
      subject: 'Printer on fire',
      status: 'pending',
      createdAt: ticket.createdAt,
      messages: [
        { author: 'customer', bodyText: 'It is on fire.' },
        { author: 'agent', bodyText: 'Please unplug it.' },
      ],
    });
    for (const secret of [
      'Secret',
      'VIP',
      alice.agent.email,
      alice.agent.id,
      ticket.id,
      ticket.workspaceId,
      ticket.customer.id,
    ]) {
      expect(body).not.toContain(secret);
    }
  });

  it('takes a customer reply that reopens the pending ticket', async () => {
    const response = await reply(ticket.publicToken, newAddress(), {
      body: 'Unplugged, still smoking.',
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      ticket: { number: ticket.number, status: 'open' },
      message: { author: 'customer', bodyText: 'Unplugged, still smoking.', attachments: [] },
    });
    const after = await detail();
    expect(after.status).toBe('open');
    expect(after.remindAt).toBeNull();
    expect(after.messages.at(-1)).toMatchObject({
      authorKind: 'customer',
      authorId: ticket.customer.id,
      bodyText: 'Unplugged, still smoking.',
    });
  });

  it('takes a reply with an attachment and serves it through the token only', async () => {
    const from = newAddress();
    const form = fileForm('attachments', Buffer.from('error code 42\n'), 'log.txt', 'text/plain');
    form.append('body', 'Here is the log.');
    const response = await reply(ticket.publicToken, from, form);
    expect(response.status).toBe(201);
    const { message } = (await response.json()) as {
      message: { attachments: { key: string; name: string; url: string }[] };
    };
    expect(message.attachments).toEqual([
      expect.objectContaining({ name: 'log.txt', contentType: 'text/plain', size: 14 }),
    ]);
    const [attachment] = message.attachments;
    const served = await fetch(`${stack.gateway.url}${attachment.url}`, {
      headers: { 'x-forwarded-for': from },
    });
    expect(served.status).toBe(200);
    expect(await served.text()).toBe('error code 42\n');
    expect(served.headers.get('content-disposition')).toMatch(/^attachment; filename="log.txt"/);
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");

    // A key of no message of this ticket: 404, even though the content exists elsewhere.
    const other = await fetch(
      `${stack.gateway.url}/api/v1/public/tickets/${ticket.publicToken}/attachments/${'0'.repeat(64)}`,
      { headers: { 'x-forwarded-for': from } },
    );
    expect(other.status).toBe(404);
  });

  it('refuses a disguised file: 415, no message added and nothing stored', async () => {
    const before = await detail();
    const files = await storedFiles(stack);
    const form = new FormData();
    form.append('body', 'Photo attached.');
    form.append('attachments', new Blob([EXE], { type: 'image/png' }), 'photo.png');
    const response = await reply(ticket.publicToken, newAddress(), form);
    expect(response.status).toBe(415);
    expect((await detail()).messages).toHaveLength(before.messages.length);
    expect(await storedFiles(stack)).toEqual(files);
  });

  /** What a refused reply must leave as it was: messages, stored files and upload rows. */
  const snapshot = async () => ({
    messages: (await detail()).messages.length,
    files: await storedFiles(stack),
    uploads: await uploadRows(stack),
  });

  /** A PNG no other test stores, so that only the request under test could have stored it. */
  const uniquePng = (tag: string) => Buffer.concat([PNG, Buffer.from(tag)]);

  const postPausedReply = (
    token: string,
    body: Buffer,
    pauseAt: number,
    whilePaused: () => Promise<unknown>,
  ) =>
    postPaused(
      `${stack.gateway.url}/api/v1/public/tickets/${token}/messages`,
      { 'x-forwarded-for': newAddress() },
      body,
      pauseAt,
      whilePaused,
    );

  it('refuses files without a body: 400, and the files it had stored are removed', async () => {
    const before = await snapshot();
    const form = fileForm('attachments', uniquePng('no body'), 'photo.png', 'image/png');
    form.append('attachments', new Blob([uniquePng('no body 2')], { type: 'image/png' }), 'b.png');
    const response = await reply(ticket.publicToken, newAddress(), form);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a PNG beside a disguised file: 415, and the PNG is removed too', async () => {
    const before = await snapshot();
    const body = multipartBody([
      { field: 'body', value: 'Two photos.' },
      {
        field: 'attachments',
        value: uniquePng('beside exe'),
        fileName: 'a.png',
        type: 'image/png',
      },
      { field: 'attachments', value: EXE, fileName: 'b.png', type: 'image/png' },
    ]);
    // The disguised file is sent only once the PNG is stored and recorded.
    const response = await postPausedReply(ticket.publicToken, body, afterParts(body, 2), () =>
      waitFor(async () => (await uploadRows(stack)) > before.uploads, {
        description: 'the PNG to be recorded',
      }),
    );
    expect(response.status).toBe(415);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps content another upload still uses when a refused reply removes its own', async () => {
    const from = newAddress();
    const shared = Buffer.from('shared log line\n');
    const first = fileForm('attachments', shared, 'shared.txt', 'text/plain');
    first.append('body', 'The shared log.');
    const accepted = await reply(ticket.publicToken, from, first);
    expect(accepted.status).toBe(201);
    const { message } = (await accepted.json()) as { message: { attachments: { url: string }[] } };

    const before = await snapshot();
    const again = fileForm('attachments', shared, 'shared-again.txt', 'text/plain');
    again.append(
      'attachments',
      new Blob([uniquePng('beside shared')], { type: 'image/png' }),
      'c.png',
    );
    const refused = await reply(ticket.publicToken, from, again);
    expect(refused.status).toBe(400);
    expect(await snapshot()).toEqual(before);
    const served = await fetch(`${stack.gateway.url}${message.attachments[0].url}`, {
      headers: { 'x-forwarded-for': from },
    });
    expect(served.status).toBe(200);
    expect(await served.text()).toBe(shared.toString());
  });

  it('removes the stored files when ticket-core refuses the reply itself', async () => {
    const created = await stack.nats.rpc.request(c.CREATE_TICKET_V1, {
      actor: { kind: 'system', workspaceId: alice.actor.workspaceId, teamIds: [] },
      channel: 'web',
      subject: 'Going away',
      body: 'Soon deleted.',
      customer: { email: 'carol@example.test', name: 'Carol' },
    });
    const { publicToken } = await stack.nats.rpc.request(c.GET_TICKET_V1, {
      actor: alice.actor,
      ticketId: created.id,
    });
    const before = await snapshot();
    const png = uniquePng('ticket deleted');
    const body = multipartBody([
      { field: 'body', value: 'Hello?' },
      { field: 'attachments', value: png, fileName: 'late.png', type: 'image/png' },
    ]);
    // The ticket is deleted while its file is being stored: the token was checked already, and
    // REPLY_TICKET is refused after the upload.
    const response = await postPausedReply(publicToken, body, body.indexOf(png) + 10, async () => {
      await waitFor(
        async () => (await storedFiles(stack)).some((file) => file.startsWith('tmp/')),
        { description: 'the upload to reach storage' },
      );
      await stack.nats.rpc.request(c.DELETE_TICKET_V1, {
        actor: alice.actor,
        ticketId: created.id,
      });
    });
    expect(response.status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 404 for a rotated token, the same as for an unknown one', async () => {
    const from = newAddress();
    const unknown = await page('x'.repeat(32), from);
    expect(unknown.status).toBe(404);
    const unknownBody = await unknown.json();

    const { publicToken } = await stack.nats.rpc.request(c.ROTATE_PUBLIC_TOKEN_V1, {
      actor: alice.actor,
      ticketId: ticket.id,
    });
    const rotated = await page(ticket.publicToken, from);
    expect(rotated.status).toBe(404);
    expect(await rotated.json()).toEqual(unknownBody);
    expect((await reply(ticket.publicToken, from, { body: 'hello?' })).status).toBe(404);
    expect((await page('short', from)).status).toBe(404);

    const current = await page(publicToken, from);
    expect(current.status).toBe(200);
    ticket = { ...ticket, publicToken };
  });

  it('limits reads and replies per address with 429 and Retry-After', async () => {
    const from = newAddress();
    const replies: number[] = [];
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt <= POSTS_PER_MINUTE; attempt++) {
      // Invalid bodies: they still spend the budget, and leave the ticket alone.
      const response = await reply(ticket.publicToken, from, {});
      replies.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(replies).toEqual([...Array(POSTS_PER_MINUTE).fill(400), 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);

    const reads: number[] = [];
    for (let attempt = 0; attempt <= READS_PER_MINUTE; attempt++) {
      reads.push((await page(ticket.publicToken, from)).status);
    }
    expect(reads.slice(0, READS_PER_MINUTE).every((status) => status === 200)).toBe(true);
    expect(reads.at(-1)).toBe(429);
    // Another address is not affected.
    expect((await page(ticket.publicToken, newAddress())).status).toBe(200);
  });
});
