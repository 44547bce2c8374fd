import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { AddressInfo, Socket, connect, createServer } from 'node:net';
import { createTransport } from 'nodemailer';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { selfSignedCertificate, waitFor } from '@switchboard/testing';
import { gatherWrites, smtpPoolOptions } from '../src/outgoing-mail/smtp-transport';

/** A relay that keeps each mail's text, plain, STARTTLS-only or TLS from the first byte. */
async function relay(tls: 'none' | 'starttls' | 'implicit', key: Buffer, cert: Buffer) {
  const texts: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    secure: tls === 'implicit',
    ...(tls === 'none' ? { disabledCommands: ['STARTTLS'] } : { key, cert }),
    onMailFrom: (_address, session, callback) =>
      // A relay that insists on TLS refuses mail sent in the clear.
      tls !== 'none' && !session.secure ? callback(new Error('530 TLS first')) : callback(),
    onData: (stream, _session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void PostalMime.parse(Buffer.concat(chunks)).then((mail) => {
          texts.push((mail.text ?? '').trim());
          callback();
        });
      });
    },
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.server.address() as AddressInfo).port;
  const scheme = tls === 'implicit' ? 'smtps' : 'smtp';
  const query = tls === 'starttls' ? '?requireTLS=true' : '';
  return { url: `${scheme}://127.0.0.1:${port}${query}`, texts, server };
}

describe("notification's SMTP pool (sockets that gather each turn's writes)", () => {
  let key: Buffer;
  let cert: Buffer;

  beforeAll(() => {
    const { keyFile, certFile } = selfSignedCertificate();
    key = readFileSync(keyFile);
    cert = readFileSync(certFile);
  });

  const servers: SMTPServer[] = [];
  afterAll(async () => {
    await Promise.all(
      servers.map((server) => new Promise<void>((done) => server.close(() => done()))),
    );
  });

  it.each(['none', 'starttls', 'implicit'] as const)(
    'sends every mail whole, in parallel on the pool, with TLS %s',
    async (tls) => {
      const target = await relay(tls, key, cert);
      servers.push(target.server);
      const options = smtpPoolOptions(target.url, 3);
      // The sockets our hook handed nodemailer: it must send on them, not on its own.
      const handed: Socket[] = [];
      const transport = createTransport({
        ...options,
        getSocket: (socketOptions, callback) =>
          options.getSocket!(socketOptions, (error, socket) => {
            if (socket && socket.connection) handed.push(socket.connection as Socket);
            callback(error, socket);
          }),
        // The test's certificate is its own.
        tls: { rejectUnauthorized: false },
      });
      const bodies = Array.from(
        { length: 12 },
        (_, i) => `Mail ${i}: ` + 'ünïcödé text that goes on and on. '.repeat(40 + i * 50),
      );
      try {
        await Promise.all(
          bodies.map((text, i) =>
            transport.sendMail({
              from: 'help@acme.test',
              to: `customer${i}@example.test`,
              subject: `Mail ${i}`,
              text,
              html: `<p>${text}</p>`,
            }),
          ),
        );
      } finally {
        transport.close();
      }
      // Compared by length first: a failure names the mail, not pages of its text.
      const sorted = [...target.texts].sort();
      const expected = bodies.map((body) => body.trim()).sort();
      expect(sorted.map((text) => text.length)).toEqual(expected.map((text) => text.length));
      expect(sorted).toEqual(expected);
      expect(handed.length).toBeGreaterThan(0);
      const written = handed.reduce((sum, socket) => sum + socket.bytesWritten, 0);
      expect(written).toBeGreaterThan(bodies.join('').length);
    },
  );

  it('sends what is written within one event-loop turn as one write', async () => {
    const received: Buffer[] = [];
    const server = createServer((socket) => socket.on('data', (chunk) => received.push(chunk)));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const socket = gatherWrites(connect((server.address() as AddressInfo).port, '127.0.0.1'));
    await once(socket, 'connect');
    for (let i = 0; i < 10; i += 1) socket.write(`piece ${i};`);
    expect(socket.writableCorked).toBe(1);
    await new Promise((done) => setImmediate(done));
    expect(socket.writableCorked).toBe(0);
    await waitFor(() => Buffer.concat(received).toString().endsWith('piece 9;'));
    socket.destroy();
    await new Promise<void>((done) => server.close(() => done()));
  });
});
