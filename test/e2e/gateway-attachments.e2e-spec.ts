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

const MAX_BYTES = 10_000;

describe('api-gateway attachments', () => {
  let stack: GatewayStack;
  let alice: LoggedInAgent;
  let bob: LoggedInAgent;

  beforeAll(async () => {
    stack = await startGatewayStack('attach');
    alice = await newWorkspaceAdmin(stack, 'alpha');
    bob = await newWorkspaceAdmin(stack, 'bravo');
    await stack.nats.rpc.request(c.UPDATE_WORKSPACE_SETTINGS_V1, {
      actor: alice.actor,
      attachmentMaxBytes: MAX_BYTES,
      attachmentTypes: ['image/png', 'text/plain', 'application/pdf'],
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const upload = (who: LoggedInAgent, form: FormData) =>
    fetch(`${stack.gateway.url}/api/v1/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${who.token}` },
      body: form,
    });

  const download = (who: LoggedInAgent, key: string) =>
    fetch(`${stack.gateway.url}/api/v1/attachments/${key}`, {
      headers: { authorization: `Bearer ${who.token}` },
    });

  /** A ticket of alice's workspace with a public reply carrying these attachments. */
  const attachToTicket = async (attachments: c.AttachmentInputV1[]) => {
    const ticket = await stack.nats.rpc.request(c.CREATE_TICKET_V1, {
      actor: alice.actor,
      channel: 'manual',
      subject: 'Files',
      body: 'see attached',
      customer: { email: 'carol@example.test' },
    });
    return stack.nats.rpc.request(c.REPLY_TICKET_V1, {
      actor: alice.actor,
      ticketId: ticket.id,
      body: 'here they are',
      attachments,
    });
  };

  it('uploads a PNG and serves it back, inline, with safe headers', async () => {
    const response = await upload(alice, fileForm('file', PNG, 'pixel.png', 'image/png'));
    expect(response.status).toBe(201);
    const uploaded = (await response.json()) as c.AttachmentInputV1;
    expect(uploaded).toEqual({
      key: expect.stringMatching(/^[0-9a-f]{64}$/),
      name: 'pixel.png',
      contentType: 'image/png',
      size: PNG.length,
    });
    await attachToTicket([uploaded]);

    const served = await download(alice, uploaded.key);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('content-length')).toBe(String(PNG.length));
    expect(served.headers.get('content-disposition')).toBe(
      `inline; filename="pixel.png"; filename*=UTF-8''pixel.png`,
    );
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(served.headers.get('cache-control')).toBe('private');
  });

  it('keeps a path-traversal file name as harmless metadata and serves it as a download', async () => {
    const before = await storedFiles(stack);
    const bytes = Buffer.from('root:x:0:0:root:/root:/bin/sh\n');
    const response = await upload(alice, fileForm('file', bytes, '../../etc/passwd', 'text/plain'));
    expect(response.status).toBe(201);
    const uploaded = (await response.json()) as c.AttachmentInputV1;
    expect(uploaded).toMatchObject({ name: 'passwd', contentType: 'text/plain' });
    // Stored under its hash inside the storage folder, nowhere else.
    const added = (await storedFiles(stack)).filter((file) => !before.includes(file));
    expect(added).toEqual([
      `${uploaded.key.slice(0, 2)}/${uploaded.key.slice(2, 4)}/${uploaded.key}`,
    ]);
    await attachToTicket([uploaded]);

    const served = await download(alice, uploaded.key);
    expect(served.status).toBe(200);
    expect(await served.text()).toBe(bytes.toString());
    expect(served.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(served.headers.get('content-disposition')).toBe(
      `attachment; filename="passwd"; filename*=UTF-8''passwd`,
    );
  });

  it('refuses an oversized file with 413 naming the limit, and keeps nothing', async () => {
    const before = await storedFiles(stack);
    const big = Buffer.alloc(MAX_BYTES + 1, 'a');
    const response = await upload(alice, fileForm('file', big, 'big.txt', 'text/plain'));
    expect(response.status).toBe(413);
    const error = (await response.json()) as c.ErrorEnvelope;
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toContain(`${MAX_BYTES} bytes`);
    // Far over the limit: cut off while streaming, and still a clean 413 for the client.
    const huge = Buffer.alloc(3 * 1024 * 1024, 'a');
    expect((await upload(alice, fileForm('file', huge, 'huge.txt', 'text/plain'))).status).toBe(
      413,
    );
    expect(await storedFiles(stack)).toEqual(before);
  });

  it('refuses disguised files with 415 naming the accepted types, and keeps nothing', async () => {
    const before = await storedFiles(stack);
    const exe = await upload(alice, fileForm('file', EXE, 'cat.png', 'image/png'));
    expect(exe.status).toBe(415);
    const error = (await exe.json()) as c.ErrorEnvelope;
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(error.message).toContain('image/png, text/plain, application/pdf');

    const html = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');
    expect((await upload(alice, fileForm('file', html, 'cat.jpg', 'image/jpeg'))).status).toBe(415);
    const binaryText = Buffer.from([0x68, 0x69, 0x00, 0x01]);
    expect((await upload(alice, fileForm('file', binaryText, 'a.txt', 'text/plain'))).status).toBe(
      415,
    );
    expect(await storedFiles(stack)).toEqual(before);
  });

  it("answers 404 for another workspace's key and for a key no message carries", async () => {
    const form = fileForm(
      'file',
      Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'),
      'a.pdf',
      '',
    );
    const response = await upload(alice, form);
    expect(response.status).toBe(201);
    const uploaded = (await response.json()) as c.AttachmentInputV1;
    expect(uploaded.contentType).toBe('application/pdf');
    // Uploaded but not in any message yet: nobody can fetch it.
    expect((await download(alice, uploaded.key)).status).toBe(404);
    await attachToTicket([uploaded]);
    expect((await download(alice, uploaded.key)).status).toBe(200);

    const foreign = await download(bob, uploaded.key);
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await download(bob, 'f'.repeat(64))).status).toBe(404);
    expect((await download(bob, '..%2F..%2Fetc%2Fpasswd')).status).toBe(400);
  });

  it("lets a REST reply attach only its own workspace's uploads", async () => {
    const response = await upload(alice, fileForm('file', PNG, 'mine.png', 'image/png'));
    const mine = (await response.json()) as c.AttachmentInputV1;
    const ticket = await stack.nats.rpc.request(c.CREATE_TICKET_V1, {
      actor: bob.actor,
      channel: 'manual',
      subject: 'Bob wants the file',
      customer: { email: 'dan@example.test' },
    });
    const reply = (attachments: c.AttachmentInputV1[]) =>
      fetch(`${stack.gateway.url}/api/v1/tickets/${ticket.id}/replies`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${bob.token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ body: 'attaching', attachments }),
      });
    // Bob learned alice's key: naming it in his workspace's reply is refused, nothing written.
    const refused = await reply([mine]);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const detail = await stack.nats.rpc.request(c.GET_TICKET_V1, {
      actor: bob.actor,
      ticketId: ticket.id,
    });
    expect(detail.messages).toHaveLength(0);
    expect((await download(bob, mine.key)).status).toBe(404);

    // Once bob uploads the same content himself, the key is his workspace's too.
    const own = (await (
      await upload(bob, fileForm('file', PNG, 'b.png', 'image/png'))
    ).json()) as c.AttachmentInputV1;
    expect(own.key).toBe(mine.key);
    expect((await reply([own])).status).toBe(201);
  });

  it("takes a reply attachment's name, type and size from the upload, never from the body", async () => {
    const script = Buffer.from('<script>alert(document.cookie)</script>\n');
    const response = await upload(alice, fileForm('file', script, 'notes.txt', 'text/plain'));
    expect(response.status).toBe(201);
    const uploaded = (await response.json()) as c.AttachmentInputV1;
    expect(uploaded).toMatchObject({ name: 'notes.txt', contentType: 'text/plain' });
    const ticket = await stack.nats.rpc.request(c.CREATE_TICKET_V1, {
      actor: alice.actor,
      channel: 'manual',
      subject: 'Spoofed attachment',
      customer: { email: 'erin@example.test' },
    });
    // The body claims HTML of one byte: the gateway answers and records what was uploaded.
    const replied = await fetch(`${stack.gateway.url}/api/v1/tickets/${ticket.id}/replies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        body: 'see attached',
        attachments: [{ key: uploaded.key, name: 'a.html', contentType: 'text/html', size: 1 }],
      }),
    });
    expect(replied.status).toBe(201);
    const recorded = {
      key: uploaded.key,
      name: 'notes.txt',
      contentType: 'text/plain',
      size: script.length,
    };
    expect(((await replied.json()) as c.MessageAddedReplyV1).message.attachments).toEqual([
      recorded,
    ]);
    const detail = await stack.nats.rpc.request(c.GET_TICKET_V1, {
      actor: alice.actor,
      ticketId: ticket.id,
    });
    expect(detail.messages.at(-1)!.attachments).toEqual([recorded]);

    // Even when asked for the claimed name and type, the download is the checked text file.
    for (const query of ['', '?name=a.html&type=text%2Fhtml']) {
      const served = await fetch(
        `${stack.gateway.url}/api/v1/attachments/${uploaded.key}${query}`,
        {
          headers: { authorization: `Bearer ${alice.token}` },
        },
      );
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(served.headers.get('content-disposition')).toBe(
        `attachment; filename="notes.txt"; filename*=UTF-8''notes.txt`,
      );
      expect(served.headers.get('content-length')).toBe(String(script.length));
      expect(await served.text()).toBe(script.toString());
    }
  });

  it('refuses a second file in one upload and removes the first one it had stored', async () => {
    const files = await storedFiles(stack);
    const rows = await uploadRows(stack);
    const body = multipartBody([
      {
        field: 'file',
        // Content of its own, so that only this request could have stored it.
        value: Buffer.concat([PNG, Buffer.from('two files')]),
        fileName: 'first.png',
        type: 'image/png',
      },
      { field: 'file', value: EXE, fileName: 'second.png', type: 'image/png' },
    ]);
    // The second file is sent only once the first is stored and recorded.
    const response = await postPaused(
      `${stack.gateway.url}/api/v1/attachments`,
      { authorization: `Bearer ${alice.token}` },
      body,
      afterParts(body, 1),
      () =>
        waitFor(async () => (await uploadRows(stack)) > rows, {
          description: 'the first file to be recorded',
        }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await storedFiles(stack)).toEqual(files);
    expect(await uploadRows(stack)).toBe(rows);
  });

  it('needs a token', async () => {
    const anonymous = await fetch(`${stack.gateway.url}/api/v1/attachments`, {
      method: 'POST',
      body: fileForm('file', PNG, 'pixel.png', 'image/png'),
    });
    expect(anonymous.status).toBe(401);
  });
});
