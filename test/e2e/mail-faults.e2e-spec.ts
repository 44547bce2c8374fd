import * as c from '@switchboard/contracts';
import {
  PostgresServerProcess,
  ProcessStack,
  ServiceProcess,
  freePort,
  startProcessStack,
  waitFor,
} from '@switchboard/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateAll } from '../../tools/migrate';
import { messageIds, sendMails } from './mail-load';

const DATABASE = 'switchboard';
/** Mails sent while ticket-core is away (issue 16: 500); `MAIL_FAULT_SCALE=0.2` for a quick run. */
const SCALE = Number(process.env.MAIL_FAULT_SCALE ?? '1');
const OUTAGE_MAILS = Math.max(20, Math.round(500 * SCALE));
const KILL_MAILS = Math.max(40, Math.round(400 * SCALE));
const MAILBOX = 'support@faults.test';

/**
 * mail-ingest's durability, with the services as processes against a PostgreSQL of the test's
 * own: a `250` is a promise that the mail becomes a ticket message exactly once, whatever stops.
 */
describe('mail-ingest under faults', () => {
  let postgres: PostgresServerProcess;
  let stack: ProcessStack;
  let smtpPort: number;
  let workspaceId: string;
  const replacements: ServiceProcess[] = [];

  beforeAll(async () => {
    postgres = await PostgresServerProcess.create();
    const admin = new Client({ connectionString: postgres.url() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await admin.end();
    await migrateAll(postgres.url(DATABASE));
    smtpPort = await freePort();
    stack = await startProcessStack(
      'mailfaults',
      ['ticket-core', 'mail-ingest'],
      {
        SMTP_PORT: String(smtpPort),
        MAIL_AUTH_DNS: 'offline',
        STORAGE_DIR: mkdtempSync(join(tmpdir(), 'mail-faults-')),
        MAIL_POLL_MS: '100',
        LOG_LEVEL: 'warn',
      },
      { databaseUrl: postgres.url(DATABASE) },
    );
    stack.db.on('error', () => undefined);
    const workspace = await stack.client.rpc.request(c.CREATE_WORKSPACE_V1, {
      name: 'Faults',
      slug: 'faults',
    });
    workspaceId = workspace.id;
    await stack.client.rpc.request(c.UPSERT_MAILBOX_V1, {
      actor: { kind: 'system', workspaceId, teamIds: [] },
      address: MAILBOX,
      name: 'Support',
    });
  });

  afterAll(async () => {
    await Promise.all(replacements.map((service) => service.stop()));
    await stack?.stop();
    await postgres?.destroy();
  });

  /** A fresh client each time: the stack's own may have lost its connection to a restart. */
  async function messageCounts(ids: string[]): Promise<{ total: number; distinct: number }> {
    const db = new Client({ connectionString: postgres.url(DATABASE) });
    await db.connect();
    try {
      const { rows } = await db.query<{ total: number; distinct: number }>(
        `SELECT count(*)::int AS total, count(DISTINCT mail_message_id)::int AS distinct
           FROM ticket_core.messages WHERE mail_message_id = ANY($1::text[])`,
        [ids],
      );
      return rows[0];
    } finally {
      await db.end();
    }
  }

  /** Waits until every one of `ids` is a ticket message, and checks none is there twice. */
  async function expectEachOnceOnATicket(ids: string[], timeoutMs: number): Promise<void> {
    let last = { total: 0, distinct: 0 };
    await waitFor(
      async () => {
        last = await messageCounts(ids);
        return last.distinct === ids.length;
      },
      { timeoutMs, intervalMs: 250, description: `${ids.length} mails to be ticket messages` },
    ).catch((error: Error) => {
      throw new Error(`${error.message} (last: ${JSON.stringify(last)})`);
    });
    expect(await messageCounts(ids)).toEqual({ total: ids.length, distinct: ids.length });
  }

  const ticketCore = () => stack.processes[0];

  it(`ticket-core stopped: all ${OUTAGE_MAILS} mails get 250, and all become ticket messages once it is back`, async () => {
    await ticketCore().stop();
    const ids = messageIds('outage', OUTAGE_MAILS);
    const sent = await sendMails(smtpPort, MAILBOX, ids);
    expect([...sent.refused]).toEqual([]);
    expect(sent.accepted).toHaveLength(OUTAGE_MAILS);
    expect(await messageCounts(ids)).toEqual({ total: 0, distinct: 0 });

    replacements.push(await ServiceProcess.start('ticket-core', { env: stack.serviceEnv }));
    await expectEachOnceOnATicket(ids, 60_000);
  });

  it('mail-ingest SIGKILLed under load: every mail that got 250 is a ticket message exactly once', async () => {
    const mailIngest = stack.processes[1];
    const ids = messageIds('kill', KILL_MAILS);
    let accepted = 0;
    const sending = sendMails(smtpPort, MAILBOX, ids, { onAccepted: () => accepted++ });
    await waitFor(() => accepted >= KILL_MAILS / 4, {
      description: 'mails accepted before the kill',
    });
    expect((await mailIngest.kill()).signal).toBe('SIGKILL');
    const first = await sending;
    expect(first.refused.size).toBeGreaterThan(0);

    // As a sending server does: what was not answered 250 is sent again, to the new process.
    replacements.push(await ServiceProcess.start('mail-ingest', { env: stack.serviceEnv }));
    const retried = await sendMails(smtpPort, MAILBOX, [...first.refused.keys()]);
    expect([...retried.refused]).toEqual([]);
    await expectEachOnceOnATicket([...first.accepted, ...retried.accepted], 60_000);
  });

  it('PostgreSQL stopped: 451 so the sender retries, and nothing accepted is lost', async () => {
    const before = messageIds('before-pg', 20);
    expect((await sendMails(smtpPort, MAILBOX, before)).accepted).toHaveLength(20);

    await postgres.stop();
    const during = messageIds('during-pg', 5);
    const refused = await sendMails(smtpPort, MAILBOX, during, { connections: 1 });
    expect(refused.accepted).toEqual([]);
    expect([...refused.refused.values()]).toEqual([451, 451, 451, 451, 451]);

    await postgres.start();
    // The sender's retry, once the database is back (connections come back within a moment).
    let retried = await sendMails(smtpPort, MAILBOX, during);
    await waitFor(
      async () => {
        if (retried.accepted.length === during.length) return true;
        retried = await sendMails(smtpPort, MAILBOX, during);
        return retried.accepted.length === during.length;
      },
      { timeoutMs: 20_000, intervalMs: 500, description: 'the retried mails to be accepted' },
    );
    await expectEachOnceOnATicket([...before, ...during], 60_000);
  });
});
