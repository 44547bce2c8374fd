import { INestApplication } from '@nestjs/common';
import * as c from '@switchboard/contracts';
import { Actor, ErrorCode } from '@switchboard/contracts';
import {
  connectTestClient,
  createTestDatabase,
  rejection,
  startInProcess,
  testEnv,
  TestNatsClient,
  uniqueNamespace,
} from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mailIngestService } from '../src/service';

describe('mail-ingest mailboxes', () => {
  const namespace = uniqueNamespace('mbox');
  let app: INestApplication;
  let client: TestNatsClient;
  const workspaceA = randomUUID();
  const workspaceB = randomUUID();
  const system = (workspaceId: string): Actor => ({ kind: 'system', workspaceId, teamIds: [] });

  beforeAll(async () => {
    app = await startInProcess(mailIngestService, {
      DATABASE_URL: await createTestDatabase(),
      NATS_URL: testEnv().natsUrl,
      NATS_NAMESPACE: namespace,
    });
    client = await connectTestClient(testEnv().natsUrl, namespace);
  });

  afterAll(async () => {
    await client?.close();
    await app?.close();
  });

  it("creates a mailbox, updates it by address, and lists only the workspace's own", async () => {
    const created = await client.rpc.request(c.UPSERT_MAILBOX_V1, {
      actor: system(workspaceA),
      address: 'Help@Acme.test',
      name: 'Help',
    });
    expect(created).toMatchObject({ address: 'help@acme.test', name: 'Help', teamId: null });
    const teamId = randomUUID();
    const updated = await client.rpc.request(c.UPSERT_MAILBOX_V1, {
      actor: system(workspaceA),
      address: 'help@acme.test',
      name: 'Help desk',
      teamId,
    });
    expect(updated).toMatchObject({ id: created.id, name: 'Help desk', teamId });
    const listA = await client.rpc.request(c.LIST_MAILBOXES_V1, { actor: system(workspaceA) });
    expect(listA.items.map((mailbox) => mailbox.address)).toEqual(['help@acme.test']);
    const listB = await client.rpc.request(c.LIST_MAILBOXES_V1, { actor: system(workspaceB) });
    expect(listB.items).toEqual([]);
  });

  it("refuses another workspace's address with CONFLICT and leaves it as it was", async () => {
    await client.rpc.request(c.UPSERT_MAILBOX_V1, {
      actor: system(workspaceA),
      address: 'billing@acme.test',
      name: 'Billing',
    });
    const error = await rejection(
      client.rpc.request(c.UPSERT_MAILBOX_V1, {
        actor: system(workspaceB),
        address: 'billing@acme.test',
        name: 'Stolen',
      }),
    );
    expect(error.code).toBe(ErrorCode.CONFLICT);
    const listA = await client.rpc.request(c.LIST_MAILBOXES_V1, { actor: system(workspaceA) });
    expect(listA.items.find((mailbox) => mailbox.address === 'billing@acme.test')?.name).toBe(
      'Billing',
    );
  });

  it('is for admins: an agent gets FORBIDDEN', async () => {
    const agent: Actor = {
      kind: 'agent',
      workspaceId: workspaceA,
      agentId: randomUUID(),
      role: 'agent',
      teamIds: [],
    };
    const error = await rejection(
      client.rpc.request(c.UPSERT_MAILBOX_V1, { actor: agent, address: 'x@acme.test', name: 'X' }),
    );
    expect(error.code).toBe(ErrorCode.FORBIDDEN);
  });
});
