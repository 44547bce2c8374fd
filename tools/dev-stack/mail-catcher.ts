import { mkdirSync, writeFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { Server, createServer } from 'node:http';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { DATA_DIR } from './paths';

/** Where the catcher keeps every mail it gets, one `.eml` file each. */
export const OUTBOX_DIR = join(DATA_DIR, 'outbox');

interface CaughtMail {
  file: string;
  from: string;
  to: string;
  subject: string;
  at: Date;
}

export interface MailCatcher {
  /** What notification sends to (SMTP_URL). */
  smtpUrl: string;
  /** The page listing what was sent. */
  webUrl: string;
  close(): Promise<void>;
}

/**
 * The development mail catcher `npm start` runs in its own process, so outbound mail goes
 * somewhere a person can open, never nowhere: an SMTP server that accepts everything, writes
 * each mail to `.data/outbox/<time>-<n>.eml`, and a page listing them (newest first) with a link
 * to each raw mail. Its ports are MAIL_CATCHER_SMTP_PORT (1025) and MAIL_CATCHER_PORT (8025), or
 * free ones when those are taken (Mailpit from docker compose, another stack).
 */
export async function startMailCatcher(env: NodeJS.ProcessEnv): Promise<MailCatcher> {
  mkdirSync(OUTBOX_DIR, { recursive: true });
  const caught: CaughtMail[] = [];
  let sequence = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 50 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        try {
          const raw = Buffer.concat(chunks);
          sequence += 1;
          const at = new Date();
          const file = `${at.toISOString().replace(/[:.]/g, '-')}-${sequence}.eml`;
          writeFileSync(join(OUTBOX_DIR, file), raw);
          caught.push({
            file,
            at,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(', '),
            subject: header(raw.toString('utf8'), 'subject') ?? '(no subject)',
          });
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  smtp.on('error', () => undefined);
  const web = createServer((request, response) => {
    const file = /^\/mail\/([^/]+\.eml)$/.exec(request.url ?? '')?.[1];
    // Only a file the catcher wrote: never a path from the request.
    const known = file && caught.find((mail) => mail.file === decodeURIComponent(file));
    if (known) {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      createReadStream(join(OUTBOX_DIR, known.file)).pipe(response);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page(caught));
  });
  const smtpPort = await listen(
    (port) =>
      new Promise<number>((resolve, reject) => {
        smtp.server.once('error', reject);
        smtp.listen(port, '127.0.0.1', () => resolve(portOf(smtp.server)));
      }),
    Number(env.MAIL_CATCHER_SMTP_PORT ?? 1025),
  );
  const webPort = await listen(
    (port) =>
      new Promise<number>((resolve, reject) => {
        web.once('error', reject);
        web.listen(port, '127.0.0.1', () => resolve(portOf(web)));
      }),
    Number(env.MAIL_CATCHER_PORT ?? 8025),
  );
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    webUrl: `http://localhost:${webPort}`,
    close: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => web.close(() => resolve()));
    },
  };
}

/** The preferred port, or any free one when it is taken. */
async function listen(on: (port: number) => Promise<number>, preferred: number): Promise<number> {
  try {
    return await on(preferred);
  } catch {
    return on(0);
  }
}

function portOf(server: Server | { address(): unknown }): number {
  const address = server.address() as { port: number } | null;
  return address?.port ?? 0;
}

function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name}:`));
  return line?.slice(name.length + 1).trim();
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(mails: CaughtMail[]): string {
  const rows = [...mails]
    .reverse()
    .map(
      (mail) =>
        `<tr><td>${mail.at.toISOString()}</td><td>${escape(mail.to)}</td>` +
        `<td><a href="/mail/${encodeURIComponent(mail.file)}">${escape(mail.subject)}</a></td></tr>`,
    )
    .join('');
  return (
    '<!doctype html><meta charset="utf-8"><title>Switchboard: sent mail</title>' +
    '<h1>Mail sent by Switchboard</h1>' +
    `<p>${mails.length} mail(s) since npm start; each is also a file in .data/outbox/.</p>` +
    `<table><tr><th>at</th><th>to</th><th>subject</th></tr>${rows}</table>`
  );
}
