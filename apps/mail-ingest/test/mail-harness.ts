import { INestApplication } from '@nestjs/common';
import * as c from '@switchboard/contracts';
import { Actor } from '@switchboard/contracts';
import {
  TestNatsClient,
  connectTestClient,
  createTestDatabase,
  startInProcess,
  testEnv,
  uniqueNamespace,
  waitFor,
} from '@switchboard/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { Client } from 'pg';
import { ticketCoreService } from '../../ticket-core/src/service';
import { mailIngestService } from '../src/service';
import { SmtpListener } from '../src/smtp/smtp-listener.service';

export const REPLY_SECRET = 'integration-reply-token-secret-0123456789';

export interface InboundRow {
  id: string;
  status: string;
  outcome: string | null;
  ticket_id: string | null;
  attempts: number;
  last_error: string | null;
}

/**
 * ticket-core and mail-ingest in this process on a database and NATS namespace of their own,
 * a workspace with one mailbox, and a real SMTP client (nodemailer) pointed at the listener.
 */
export class MailHarness {
  readonly system: Actor;

  private constructor(
    readonly apps: INestApplication[],
    readonly client: TestNatsClient,
    readonly db: Client,
    readonly smtpPort: number,
    readonly workspaceId: string,
    readonly mailbox: string,
  ) {
    this.system = { kind: 'system', workspaceId, teamIds: [] };
  }

  static async start(env: Record<string, string> = {}): Promise<MailHarness> {
    const databaseUrl = await createTestDatabase();
    const namespace = uniqueNamespace('mail');
    const common = {
      DATABASE_URL: databaseUrl,
      NATS_URL: testEnv().natsUrl,
      NATS_NAMESPACE: namespace,
    };
    const core = await startInProcess(ticketCoreService, common);
    const ingest = await startInProcess(mailIngestService, {
      ...common,
      // Any free port, read back from the listener: no race with other tests for a port.
      SMTP_PORT: '0',
      MAIL_AUTH_DNS: 'offline',
      REPLY_TOKEN_SECRET: REPLY_SECRET,
      STORAGE_DIR: mkdtempSync(join(tmpdir(), 'mail-ingest-')),
      MAIL_POLL_MS: '50',
      ...env,
    });
    const smtpPort = ingest.get(SmtpListener).port!;
    const client = await connectTestClient(testEnv().natsUrl, namespace);
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const workspace = await client.rpc.request(c.CREATE_WORKSPACE_V1, {
      name: 'Acme',
      slug: `acme-${namespace
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')
        .slice(-20)}`,
    });
    const mailbox = 'support@acme.test';
    await client.rpc.request(c.UPSERT_MAILBOX_V1, {
      actor: { kind: 'system', workspaceId: workspace.id, teamIds: [] },
      address: mailbox,
      name: 'Support',
    });
    return new MailHarness([ingest, core], client, db, smtpPort, workspace.id, mailbox);
  }

  async stop(): Promise<void> {
    await this.db.end();
    await this.client.close();
    for (const app of this.apps) await app.close();
  }

  transport() {
    return createTransport({
      host: '127.0.0.1',
      port: this.smtpPort,
      secure: false,
      ignoreTLS: true,
    } satisfies SMTPTransport.Options);
  }

  /** Sends one mail (a nodemailer message) and answers the server's reply. */
  async send(message: Parameters<ReturnType<typeof createTransport>['sendMail']>[0]) {
    const transport = this.transport();
    try {
      return await transport.sendMail({ to: this.mailbox, ...message });
    } finally {
      transport.close();
    }
  }

  /** Sends raw bytes as they are. */
  sendRaw(raw: string | Buffer, from = 'ann@example.test', to = this.mailbox) {
    return this.send({ envelope: { from, to }, raw });
  }

  /** The inbound row of the mail with this Message-ID, once it is no longer pending. */
  processed(messageId: string, timeoutMs = 20_000): Promise<InboundRow> {
    return waitFor(
      async () => {
        const { rows } = await this.db.query<InboundRow>(
          `SELECT id, status, outcome, ticket_id, attempts, last_error FROM mail_ingest.inbound_mails
            WHERE dedup_key = $1 AND status <> 'pending'`,
          [`mid:${messageId}`],
        );
        return rows[0];
      },
      { timeoutMs, description: `mail ${messageId} to be processed` },
    );
  }

  ticket(ticketId: string) {
    return this.client.rpc.request(c.GET_TICKET_V1, { actor: this.system, ticketId });
  }
}

let counter = 0;
/** A fresh Message-ID for a test mail. */
export function newMessageId(): string {
  return `<t${Date.now()}.${process.pid}.${++counter}@example.test>`;
}
