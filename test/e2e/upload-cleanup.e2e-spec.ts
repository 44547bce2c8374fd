import * as c from '@switchboard/contracts';
import { waitFor } from '@switchboard/testing';
import { DiskAttachmentStorage } from '@switchboard/storage';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  GatewayStack,
  LoggedInAgent,
  PNG,
  fileForm,
  newWorkspaceAdmin,
  startGatewayStack,
} from './gateway-stack';

const HOUR_MS = 3_600_000;

/*
 * The gateway's clean-up of what uploads leave behind (UPLOAD_MAX_AGE_HOURS, here 1; the timer
 * every 200 ms): an upload never sent goes, row and file; an upload a message carries loses its
 * row but keeps its file; a recent one stays; an interrupted write's `.part` goes once stale.
 * Ages are made by moving the rows' and files' times back, not by waiting.
 */
describe('upload clean-up', () => {
  let stack: GatewayStack;
  let alice: LoggedInAgent;

  beforeAll(async () => {
    stack = await startGatewayStack('uploads', {
      UPLOAD_MAX_AGE_HOURS: '1',
      UPLOAD_SWEEP_MS: '200',
    });
    alice = await newWorkspaceAdmin(stack, 'uploads');
    await stack.nats.rpc.request(c.UPDATE_WORKSPACE_SETTINGS_V1, {
      actor: alice.actor,
      attachmentTypes: ['text/plain'],
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const upload = async (text: string) => {
    const response = await fetch(`${stack.gateway.url}/api/v1/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}` },
      body: fileForm('file', Buffer.from(text), `${text.slice(0, 8)}.txt`, 'text/plain'),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as c.AttachmentInputV1;
  };
  const fileOf = (key: string) => join(stack.storageDir, key.slice(0, 2), key.slice(2, 4), key);
  /** Moves an upload's row and its file two hours back. */
  const age = async (key: string) => {
    const then = new Date(Date.now() - 2 * HOUR_MS);
    await stack.db.query(`UPDATE gateway.uploads SET created_at = $2 WHERE key = $1`, [key, then]);
    await utimes(fileOf(key), then, then);
  };
  const rowsOf = async (key: string) =>
    Number(
      (await stack.db.query(`SELECT count(*) FROM gateway.uploads WHERE key = $1`, [key])).rows[0]
        .count,
    );

  it('removes an upload never sent, keeps what a message carries and what is recent', async () => {
    const abandoned = await upload('a draft never sent, with its own content');
    const sent = await upload('a file that went out with a reply');
    const recent = await upload('a file uploaded a moment ago');
    const ticket = await stack.nats.rpc.request(c.CREATE_TICKET_V1, {
      actor: alice.actor,
      channel: 'manual',
      subject: 'Files',
      body: 'see attached',
      customer: { email: 'carol@example.test' },
    });
    await stack.nats.rpc.request(c.REPLY_TICKET_V1, {
      actor: alice.actor,
      ticketId: ticket.id,
      body: 'here it is',
      attachments: [sent],
    });
    await age(abandoned.key);
    await age(sent.key);

    await waitFor(
      async () => (await rowsOf(abandoned.key)) === 0 && !existsSync(fileOf(abandoned.key)),
      {
        description: 'the abandoned upload removed',
      },
    );
    await waitFor(async () => (await rowsOf(sent.key)) === 0, {
      description: 'the sent upload’s row removed',
    });
    expect(existsSync(fileOf(sent.key))).toBe(true);
    const download = await fetch(`${stack.gateway.url}/api/v1/attachments/${sent.key}`, {
      headers: { authorization: `Bearer ${alice.token}` },
    });
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('a file that went out with a reply');
    expect(await rowsOf(recent.key)).toBe(1);
    expect(existsSync(fileOf(recent.key))).toBe(true);
  });

  it('keeps content stored again recently (by anyone), and removes only stale interrupted writes', async () => {
    const upload1 = await upload('stored by an agent, then by mail');
    await age(upload1.key);
    // mail-ingest stores the same bytes now (it keeps no rows here): the file is fresh again.
    const storage = new DiskAttachmentStorage(stack.storageDir);
    const again = await storage.put(
      Readable.from([Buffer.from('stored by an agent, then by mail')]),
      {
        maxBytes: 1000,
      },
    );
    expect(again).toMatchObject({ key: upload1.key, created: false });

    const tmp = join(stack.storageDir, 'tmp');
    await mkdir(tmp, { recursive: true });
    const stale = join(tmp, 'crashed.part');
    const live = join(tmp, 'writing.part');
    await writeFile(stale, 'half a file');
    await writeFile(live, 'a file being written');
    const then = new Date(Date.now() - 2 * HOUR_MS);
    await utimes(stale, then, then);

    await waitFor(async () => (await rowsOf(upload1.key)) === 0 && !existsSync(stale), {
      description: 'the old row and the stale .part removed',
    });
    expect(existsSync(fileOf(upload1.key))).toBe(true);
    expect(existsSync(live)).toBe(true);
  });

  it('never lets a refused upload remove content it did not write (mail-ingest’s)', async () => {
    const storage = new DiskAttachmentStorage(stack.storageDir);
    const text = 'an invoice that came by mail';
    const mail = await storage.put(Readable.from([Buffer.from(text)]), { maxBytes: 1000 });
    expect(mail.created).toBe(true);
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(text)], { type: 'text/plain' }), 'invoice.txt');
    // A PNG called .txt: the type gate refuses it, and the whole request with it.
    form.append('file', new Blob([PNG], { type: 'text/plain' }), 'disguised.txt');
    form.append('body', 'Here is the invoice again');
    // The customer's reply on the public page: the upload route that takes several files.
    const ticket = await stack.nats.rpc.request(c.CREATE_TICKET_V1, {
      actor: alice.actor,
      channel: 'web',
      subject: 'Invoice',
      body: 'see the mail',
      customer: { email: 'dora@example.test' },
    });
    const { publicToken } = await stack.nats.rpc.request(c.GET_TICKET_V1, {
      actor: alice.actor,
      ticketId: ticket.id,
    });
    const refused = await fetch(
      `${stack.gateway.url}/api/v1/public/tickets/${publicToken}/messages`,
      { method: 'POST', body: form },
    );
    expect(refused.status).toBe(415);
    expect(await rowsOf(mail.key)).toBe(0);
    expect(existsSync(fileOf(mail.key))).toBe(true);
  });
});
