import * as c from '@switchboard/contracts';
import { ReplyTokenCodec } from '@switchboard/reply-tokens';
import { waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MailHarness, REPLY_SECRET, newMessageId } from './mail-harness';
import { BOUNCE } from './fixtures/bounce';

describe('mail-ingest: SMTP to tickets', () => {
  let mail: MailHarness;
  const codec = new ReplyTokenCodec(REPLY_SECRET);

  beforeAll(async () => {
    mail = await MailHarness.start({ MAIL_LOOP_LIMIT_PER_HOUR: '3' });
  });

  afterAll(async () => {
    await mail?.stop();
  });

  /** A first mail from `from`: the ticket it started. */
  async function newTicket(from = 'ann@example.test', subject = 'Printer on fire') {
    const messageId = newMessageId();
    await mail.send({ from: `Ann Customer <${from}>`, subject, text: 'It is on fire.', messageId });
    const row = await mail.processed(messageId);
    expect(row).toMatchObject({ status: 'done', outcome: 'created' });
    return { ticket: await mail.ticket(row.ticket_id!), messageId };
  }

  it('turns a mail into a new mail ticket with its customer, sender and authentication', async () => {
    const { ticket, messageId } = await newTicket();
    expect(ticket).toMatchObject({
      channel: 'mail',
      status: 'new',
      subject: 'Printer on fire',
      customer: { email: 'ann@example.test', name: 'Ann Customer' },
      mailboxAddress: 'support@acme.test',
    });
    expect(ticket.messages).toHaveLength(1);
    expect(ticket.messages[0].bodyText).toBe('It is on fire.');
    expect(ticket.messages[0].mail).toMatchObject({
      messageId,
      inbound: {
        from: 'Ann Customer <ann@example.test>',
        noAutoReply: false,
        authentication: { spf: expect.any(String), dkim: 'none', dmarc: expect.any(String) },
      },
    });
    expect(ticket.messages[0].mail?.inbound?.threadedBy).toBeUndefined();
  });

  it('threads a reply by a signed token in the plus-address', async () => {
    const { ticket } = await newTicket();
    const messageId = newMessageId();
    await mail.send({
      from: 'ann@example.test',
      to: codec.plusAddress(mail.mailbox, mail.workspaceId, ticket.id),
      subject: 'no references at all',
      text: 'Token reply',
      messageId,
    });
    const row = await mail.processed(messageId);
    expect(row).toMatchObject({ status: 'done', outcome: 'replied', ticket_id: ticket.id });
    const after = await mail.ticket(ticket.id);
    expect(after.messages.at(-1)?.mail?.inbound?.threadedBy).toBe('token');
  });

  it('threads a reply by a token in one of our own Message-IDs it references', async () => {
    const { ticket } = await newTicket();
    const messageId = newMessageId();
    await mail.send({
      from: 'ann@example.test',
      subject: 'Re: hello',
      text: 'Reply',
      messageId,
      inReplyTo: codec.messageId(mail.workspaceId, ticket.id, 'mail.acme.test'),
    });
    expect(await mail.processed(messageId)).toMatchObject({ ticket_id: ticket.id });
    expect((await mail.ticket(ticket.id)).messages.at(-1)?.mail?.inbound?.threadedBy).toBe('token');
  });

  it('threads a reply by In-Reply-To against a known Message-ID, splitting the quote', async () => {
    const { ticket, messageId: first } = await newTicket();
    const messageId = newMessageId();
    await mail.send({
      from: 'ann@example.test',
      subject: 'Re: Printer on fire',
      text: 'Still burning.\n\nOn Mon, 7 Dec 2026 at 10:00, Ann <ann@example.test> wrote:\n> It is on fire.',
      messageId,
      inReplyTo: first,
      references: [first],
    });
    expect(await mail.processed(messageId)).toMatchObject({ ticket_id: ticket.id });
    const reply = (await mail.ticket(ticket.id)).messages.at(-1)!;
    expect(reply.bodyText).toBe('Still burning.');
    expect(reply.mail?.inbound).toMatchObject({
      threadedBy: 'references',
      quotedText: expect.stringMatching(/^On Mon.*\n> It is on fire\.$/s),
    });
  });

  it('threads [#n] from the customer, but a stranger with [#n] starts a new ticket', async () => {
    const { ticket } = await newTicket('bob@example.test');
    const fromCustomer = newMessageId();
    await mail.send({
      from: 'bob@example.test',
      subject: `Re: [#${ticket.number}] x`,
      text: 'Me again',
      messageId: fromCustomer,
    });
    expect(await mail.processed(fromCustomer)).toMatchObject({
      outcome: 'replied',
      ticket_id: ticket.id,
    });
    expect((await mail.ticket(ticket.id)).messages.at(-1)?.mail?.inbound?.threadedBy).toBe(
      'subject',
    );

    const fromStranger = newMessageId();
    await mail.send({
      from: 'mallory@evil.test',
      subject: `Re: [#${ticket.number}] x`,
      text: 'Let me in',
      messageId: fromStranger,
    });
    const row = await mail.processed(fromStranger);
    expect(row.outcome).toBe('created');
    expect(row.ticket_id).not.toBe(ticket.id);
  });

  it('ignores a forged token: the mail starts a new ticket', async () => {
    const { ticket } = await newTicket();
    const forged = new ReplyTokenCodec('another-secret-another-secret-0123456789');
    const messageId = newMessageId();
    await mail.send({
      from: 'ann@example.test',
      to: forged.plusAddress(mail.mailbox, mail.workspaceId, ticket.id),
      subject: 'forged',
      text: 'Forged',
      messageId,
    });
    const row = await mail.processed(messageId);
    expect(row.outcome).toBe('created');
    expect(row.ticket_id).not.toBe(ticket.id);
  });

  it('stores a duplicate delivery once: same Message-ID, one ticket message', async () => {
    const messageId = newMessageId();
    const message = { from: 'dup@example.test', subject: 'Dup', text: 'Once', messageId };
    const first = await mail.send(message);
    const second = await mail.send(message);
    expect(first.response).toMatch(/^250/);
    expect(second.response).toMatch(/^250/);
    const row = await mail.processed(messageId);
    const { rows } = await mail.db.query(
      `SELECT count(*)::int AS n FROM mail_ingest.inbound_mails WHERE dedup_key = $1`,
      [`mid:${messageId}`],
    );
    expect(rows[0].n).toBe(1);
    expect((await mail.ticket(row.ticket_id!)).messages).toHaveLength(1);
  });

  it('answers 550 for an unknown recipient and 552 for a mail over the size limit', async () => {
    await expect(
      mail.send({ from: 'ann@example.test', to: 'nobody@acme.test', subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await mail.client.rpc.request(c.UPSERT_MAILBOX_V1, {
      actor: mail.system,
      address: 'small@acme.test',
      name: 'Small',
      maxMessageBytes: 2048,
    });
    await expect(
      mail.send({
        from: 'ann@example.test',
        to: 'small@acme.test',
        subject: 'big',
        text: 'x'.repeat(5000),
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    const fits = await mail.send({
      from: 'ann@example.test',
      to: 'small@acme.test',
      subject: 'ok',
      text: 'small',
    });
    expect(fits.response).toMatch(/^250/);
  });

  it('marks automatic mail as not to be answered', async () => {
    const messageId = newMessageId();
    await mail.send({
      from: 'ann@example.test',
      subject: 'Out of office',
      text: 'I am away',
      messageId,
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    const row = await mail.processed(messageId);
    const ticket = await mail.ticket(row.ticket_id!);
    expect(ticket.messages[0].mail?.inbound?.noAutoReply).toBe(true);
  });

  it('turns a bounce into a failed delivery and a note on the ticket, never a ticket', async () => {
    const { ticket, messageId: original } = await newTicket();
    const bounceId = newMessageId();
    const bounce = BOUNCE.replace('<r1abc.0011@mail.acme.test>', original).replace(
      '<bounce-1@mx.example.test>',
      bounceId,
    );
    await mail.sendRaw(bounce, '');
    expect(await mail.processed(bounceId)).toMatchObject({
      outcome: 'bounce',
      ticket_id: ticket.id,
    });
    const after = await mail.ticket(ticket.id);
    expect(after.messages[0].mail?.delivery).toMatchObject({
      state: 'failed',
      recipient: 'gone@example.test',
    });
    expect(after.messages.at(-1)).toMatchObject({
      visibility: 'internal',
      authorKind: 'system',
      bodyText: expect.stringContaining('could not be delivered'),
    });
  });

  it('holds a loop past the hourly limit, and lets it through on replay', async () => {
    const { ticket, messageId: first } = await newTicket('loop@example.test');
    const ids = [newMessageId(), newMessageId(), newMessageId(), newMessageId()];
    for (const messageId of ids) {
      await mail.send({
        from: 'loop@example.test',
        subject: 'Re: auto',
        text: 'Auto answer',
        messageId,
        inReplyTo: first,
      });
      await mail.processed(messageId);
    }
    const rows = await Promise.all(ids.map((id) => mail.processed(id)));
    // The first mail and two replies make three within the hour: the fourth and fifth are held.
    expect(rows.map((row) => row.status)).toEqual(['done', 'done', 'held', 'held']);
    expect((await mail.ticket(ticket.id)).messages).toHaveLength(3);

    const held = await mail.client.rpc.request(c.LIST_INBOUND_MAILS_V1, {
      actor: mail.system,
      status: 'held',
    });
    expect(held.items.map((item) => item.id)).toContain(rows[3].id);
    await mail.client.rpc.request(c.REPLAY_INBOUND_MAIL_V1, {
      actor: mail.system,
      mailId: rows[3].id,
    });
    await waitFor(async () => (await mail.ticket(ticket.id)).messages.length === 4);
  });

  it('parks a mail with nothing readable, and replay refuses mail that is not parked', async () => {
    const messageId = newMessageId();
    await mail.sendRaw(
      `From: ann@example.test\r\nTo: support@acme.test\r\nMessage-ID: ${messageId}\r\nSubject: empty\r\n\r\n`,
    );
    const row = await mail.processed(messageId);
    expect(row).toMatchObject({ status: 'parked', last_error: 'nothing readable in the mail' });
    const parked = await mail.client.rpc.request(c.LIST_INBOUND_MAILS_V1, {
      actor: mail.system,
      status: 'parked',
    });
    expect(parked.items.map((item) => item.id)).toContain(row.id);

    const done = await mail.processed((await newTicket()).messageId);
    await expect(
      mail.client.rpc.request(c.REPLAY_INBOUND_MAIL_V1, { actor: mail.system, mailId: done.id }),
    ).rejects.toMatchObject({ code: c.ErrorCode.CONFLICT });
  });

  const fixture = (name: string) =>
    readFileSync(join(__dirname, '../src/parsing/fixtures', name)).toString('latin1');

  it('stores inline images and attachments, recorded, with cid: links pointing at them', async () => {
    await mail.sendRaw(Buffer.from(fixture('inline-image.eml'), 'latin1'));
    const inline = await mail.processed('<inline@example.test>');
    const [image] = (await mail.ticket(inline.ticket_id!)).messages[0].attachments;
    expect(image).toMatchObject({ name: 'shot.png', contentType: 'image/png', size: 70 });
    const { publicBaseUrl } = await mail.client.rpc.request(c.GET_WORKSPACE_SETTINGS_V1, {
      actor: mail.system,
    });
    expect((await mail.ticket(inline.ticket_id!)).messages[0].bodyHtml).toContain(
      `src="${publicBaseUrl.replace(/\/+$/, '')}/api/v1/attachments/${image.key}"`,
    );

    await mail.sendRaw(Buffer.from(fixture('attachments.eml'), 'latin1'));
    const files = await mail.processed('<files@example.test>');
    const message = (await mail.ticket(files.ticket_id!)).messages[0];
    expect(
      message.attachments.map(({ name, contentType, size }) => ({ name, contentType, size })),
    ).toEqual([
      { name: 'invoice.pdf', contentType: 'application/pdf', size: 17 },
      { name: 'notes.txt', contentType: 'text/plain', size: 11 },
      { name: 'données.zip', contentType: 'application/zip', size: 12 },
    ]);
    const { rows } = await mail.db.query(
      `SELECT key, name, content_type, size::int FROM mail_ingest.mail_attachments
        WHERE inbound_mail_id = $1 ORDER BY created_at, name`,
      [files.id],
    );
    expect(rows).toHaveLength(3);
    expect(rows.map((row) => row.key).sort()).toEqual(message.attachments.map((a) => a.key).sort());
  });

  it('keeps a script in the subject, body and file name inert', async () => {
    await mail.sendRaw(Buffer.from(fixture('script.eml'), 'latin1'));
    const row = await mail.processed('<script@example.test>');
    const ticket = await mail.ticket(row.ticket_id!);
    expect(ticket.subject).toBe("<script>alert('subject')</script>");
    const [message] = ticket.messages;
    expect(message.bodyHtml ?? '').not.toMatch(/<script|onerror/i);
    // An HTML file is stored, but never served as HTML.
    expect(message.attachments[0]).toMatchObject({
      name: '<script>alert(3)<_script>.html',
      contentType: 'application/octet-stream',
    });
  });

  describe("replies to solved tickets, and mail from the ticket's agent", () => {
    let agent: c.Actor;

    beforeAll(async () => {
      const created = await mail.client.rpc.request(c.UPSERT_AGENT_V1, {
        actor: mail.system,
        name: 'Ada Agent',
        email: 'ada@acme.test',
        role: 'agent',
        teamIds: [],
      });
      agent = {
        kind: 'agent',
        workspaceId: mail.workspaceId,
        agentId: created.id,
        role: 'agent',
        teamIds: [],
      };
    });

    async function solvedTicket(from: string) {
      const { ticket, messageId } = await newTicket(from);
      await mail.client.rpc.request(c.CLAIM_TICKET_V1, { actor: agent, ticketId: ticket.id });
      await mail.client.rpc.request(c.SOLVE_TICKET_V1, {
        actor: agent,
        ticketId: ticket.id,
        withSummary: false,
      });
      return { ticket, messageId };
    }

    it('a reply within the reopen window opens the solved ticket again for its agent', async () => {
      const { ticket, messageId: first } = await solvedTicket('reopen@example.test');
      const reply = newMessageId();
      await mail.send({
        from: 'reopen@example.test',
        subject: 'Re: again',
        text: 'It broke again',
        messageId: reply,
        inReplyTo: first,
      });
      expect(await mail.processed(reply)).toMatchObject({
        outcome: 'replied',
        ticket_id: ticket.id,
      });
      expect(await mail.ticket(ticket.id)).toMatchObject({
        status: 'open',
        assigneeId: agent.agentId,
      });
    });

    it('a reply after the reopen window starts a follow-up ticket linked to the old one', async () => {
      const { ticket, messageId: first } = await solvedTicket('late@example.test');
      await mail.client.rpc.request(c.UPDATE_WORKSPACE_SETTINGS_V1, {
        actor: mail.system,
        reopenWindowDays: 0,
      });
      try {
        const reply = newMessageId();
        await mail.send({
          from: 'late@example.test',
          subject: 'Re: later',
          text: 'Months later',
          messageId: reply,
          inReplyTo: first,
        });
        const row = await mail.processed(reply);
        expect(row.outcome).toBe('replied');
        expect(row.ticket_id).not.toBe(ticket.id);
        const followUp = await mail.ticket(row.ticket_id!);
        expect(followUp).toMatchObject({ followUpOfId: ticket.id, channel: 'mail' });
        expect(followUp.messages[0].bodyText).toBe('Months later');
        expect((await mail.ticket(ticket.id)).status).toBe('solved');
      } finally {
        await mail.client.rpc.request(c.UPDATE_WORKSPACE_SETTINGS_V1, {
          actor: mail.system,
          reopenWindowDays: 14,
        });
      }
    });

    it("[#n] from the ticket's agent becomes their internal note, never a customer reply", async () => {
      const { ticket } = await newTicket('helped@example.test');
      await mail.client.rpc.request(c.CLAIM_TICKET_V1, { actor: agent, ticketId: ticket.id });
      const messageId = newMessageId();
      await mail.send({
        from: 'Ada Agent <ada@acme.test>',
        subject: `Re: [#${ticket.number}]`,
        text: 'Checked the logs.',
        messageId,
      });
      expect(await mail.processed(messageId)).toMatchObject({
        outcome: 'noted',
        ticket_id: ticket.id,
      });
      expect((await mail.ticket(ticket.id)).messages.at(-1)).toMatchObject({
        visibility: 'internal',
        authorKind: 'agent',
        authorId: agent.agentId,
        bodyText: 'Checked the logs.',
      });
    });
  });
});
