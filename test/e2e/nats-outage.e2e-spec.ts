import { SERVICE_NAMES } from '@switchboard/contracts';
import {
  NatsServerProcess,
  ServiceProcess,
  createTestDatabase,
  uniqueNamespace,
  waitFor,
} from '@switchboard/testing';
import { TicketCoreWriter } from '../../apps/ticket-core/test/ticket-core-writer';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const OUTAGE_MS = 10_000;

describe('a 10-second NATS outage', () => {
  const services: ServiceProcess[] = [];
  let nats: NatsServerProcess;
  let writer: TicketCoreWriter;
  let db: Client;

  beforeAll(async () => {
    // A private server: this test stops it, which must not disturb anything else running.
    nats = await NatsServerProcess.create();
    const databaseUrl = await createTestDatabase();
    const env = {
      DATABASE_URL: databaseUrl,
      NATS_URL: nats.url,
      NATS_NAMESPACE: uniqueNamespace('outage'),
    };
    services.push(
      ...(await Promise.all(SERVICE_NAMES.map((app) => ServiceProcess.start(app, { env })))),
    );
    writer = await TicketCoreWriter.connect(databaseUrl);
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await writer?.close();
    await Promise.all(services.map((service) => service.stop()));
    await nats?.destroy();
  });

  let lastStatuses: string[] = [];
  const readyStatuses = async () => {
    const statuses = await Promise.all(services.map((service) => service.readyStatus()));
    lastStatuses = services.map((service, index) => `${service.app}=${statuses[index]}`);
    return statuses;
  };

  it('turns every service unready, then ready again, and delivers what was written meanwhile', async () => {
    expect(await readyStatuses()).toEqual(services.map(() => 200));
    const pids = services.map((service) => service.pid);

    const outageStarted = Date.now();
    await nats.stop();
    await waitFor(async () => (await readyStatuses()).every((status) => status === 503), {
      timeoutMs: 8_000,
      description: 'every /health/ready to answer 503',
    }).catch((error: Error) => {
      throw new Error(`${error.message} (last: ${lastStatuses.join(', ')})`);
    });

    // A command lands while NATS is away: its event waits in the outbox.
    const [workspaceId] = await writer.createWorkspaces(1, 'during-outage');

    // Hold the outage for its full length: the scenario under test, not a wait for a condition.
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS - (Date.now() - outageStarted)));
    await nats.start();

    await waitFor(async () => (await readyStatuses()).every((status) => status === 200), {
      timeoutMs: 30_000,
      description: 'every /health/ready to answer 200 again',
    });
    expect(services.map((service) => service.pid)).toEqual(pids);
    expect(services.every((service) => service.running)).toBe(true);

    await waitFor(
      async () =>
        (await db.query(`SELECT 1 FROM notification.workspaces WHERE id = $1`, [workspaceId]))
          .rowCount === 1,
      { timeoutMs: 30_000, description: 'the event written during the outage to be consumed' },
    );
  });
});
