import { selfSignedCertificate, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Socket, connect } from 'node:net';
import { createTransport } from 'nodemailer';
import { MailHarness, newMessageId } from './mail-harness';

/** A raw SMTP conversation: what the server said so far, and a way to say something. */
class RawSmtp {
  received = '';
  closed = false;
  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => (this.received += chunk.toString()));
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => undefined);
  }

  static async open(port: number): Promise<RawSmtp> {
    const smtp = new RawSmtp(connect(port, '127.0.0.1'));
    await smtp.expect(/^(220|421) /m);
    return smtp;
  }

  async say(line: string, answer: RegExp): Promise<void> {
    this.socket.write(`${line}\r\n`);
    await this.expect(answer);
  }

  expect(pattern: RegExp): Promise<true> {
    return waitFor(() => pattern.test(this.received), {
      timeoutMs: 5000,
      description: `${pattern} in ${JSON.stringify(this.received)}`,
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

describe('mail-ingest: the SMTP edge', () => {
  let mail: MailHarness;
  /** Mails this file got accepted: the per-address limit counts them all. */
  let accepted = 0;

  beforeAll(async () => {
    const { keyFile, certFile } = selfSignedCertificate();
    mail = await MailHarness.start({
      SMTP_TLS_KEY_FILE: keyFile,
      SMTP_TLS_CERT_FILE: certFile,
      SMTP_MAX_CONNECTIONS_PER_IP: '2',
      SMTP_MAX_MESSAGES_PER_IP_PER_MINUTE: '3',
      SMTP_SOCKET_TIMEOUT_MS: '1000',
    });
  });

  afterAll(async () => {
    await mail?.stop();
  });

  it('advertises SIZE (25 MB), 8BITMIME, SMTPUTF8, PIPELINING and STARTTLS', async () => {
    const smtp = await RawSmtp.open(mail.smtpPort);
    await smtp.say('EHLO client.test', /^250 /m);
    for (const extension of ['SIZE 26214400', '8BITMIME', 'SMTPUTF8', 'PIPELINING', 'STARTTLS']) {
      expect(smtp.received).toMatch(new RegExp(`^250[- ]${extension}\\r?$`, 'm'));
    }
    await smtp.say('QUIT', /^221 /m);
    smtp.close();
  });

  it('refuses a SIZE over the limit at MAIL FROM with 552', async () => {
    const smtp = await RawSmtp.open(mail.smtpPort);
    await smtp.say('EHLO client.test', /^250 /m);
    await smtp.say('MAIL FROM:<ann@example.test> SIZE=30000000', /^552 /m);
    smtp.close();
  });

  it('takes mail over STARTTLS', async () => {
    const messageId = newMessageId();
    const tls = createTransport({
      host: '127.0.0.1',
      port: mail.smtpPort,
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
    });
    try {
      const info = await tls.sendMail({
        from: 'tls@example.test',
        to: mail.mailbox,
        subject: 'TLS',
        text: 'Encrypted',
        messageId,
      });
      expect(info.response).toMatch(/^250/);
      accepted++;
    } finally {
      tls.close();
    }
    expect(await mail.processed(messageId)).toMatchObject({ status: 'done', outcome: 'created' });
  });

  it('cuts off an idle client', async () => {
    const smtp = await RawSmtp.open(mail.smtpPort);
    await waitFor(() => smtp.closed, {
      timeoutMs: 5000,
      description: 'the idle connection to close',
    });
    expect(smtp.received).toMatch(/^421 /m);
  });

  it('answers 421 past the connections one address may hold', async () => {
    const first = await RawSmtp.open(mail.smtpPort);
    const second = await RawSmtp.open(mail.smtpPort);
    const third = await RawSmtp.open(mail.smtpPort);
    expect(first.received).toMatch(/^220 /);
    expect(second.received).toMatch(/^220 /);
    expect(third.received).toMatch(/^421 /);
    for (const smtp of [first, second, third]) smtp.close();
    // Closed connections are counted off: a new one is welcome again.
    await waitFor(async () => {
      const again = await RawSmtp.open(mail.smtpPort);
      again.close();
      return /^220 /.test(again.received);
    });
  });

  it('answers 450 past the mails one address may send in a minute', async () => {
    const codes: number[] = [];
    while (codes.length < 6 && !codes.includes(450)) {
      const info = await mail
        .send({ from: 'busy@example.test', subject: 'many', text: 'again' })
        .then(
          () => 250,
          (error: { responseCode?: number }) => error.responseCode ?? 0,
        );
      codes.push(info);
    }
    expect(codes).toEqual([...Array(3 - accepted).fill(250), 450]);
  });
});
