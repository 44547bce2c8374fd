import { INestApplication } from '@nestjs/common';
import {
  Actor,
  ErrorCode,
  GET_WORKSPACE_SETTINGS_V1,
  LIST_LABELS_V1,
  UPDATE_WORKSPACE_SETTINGS_V1,
  UpdateWorkspaceSettingsV1,
} from '@switchboard/contracts';
import {
  connectTestClient,
  createTestDatabase,
  rejection,
  startInProcess,
  testEnv,
  TestNatsClient,
  uniqueNamespace,
} from '@switchboard/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DEFAULT_ATTACHMENT_TYPES,
  WorkspaceSettings1795400000000,
} from '../src/migrations/1795400000000-workspace-settings';
import { ticketCoreService } from '../src/service';
import {
  AgentFixture,
  WorkspaceFixture,
  agentActor,
  newAgent,
  newWorkspace,
  systemActor,
} from './factories';

type Changes = Omit<UpdateWorkspaceSettingsV1, 'actor'>;

describe('ticket-core: workspace settings over NATS', () => {
  let app: INestApplication;
  let client: TestNatsClient;
  let db: Client;
  let workspace: WorkspaceFixture;
  let other: WorkspaceFixture;
  let admin: AgentFixture;
  let supervisor: AgentFixture;
  let agent: AgentFixture;
  let otherAdmin: AgentFixture;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    const namespace = uniqueNamespace('settings');
    app = await startInProcess(ticketCoreService, {
      DATABASE_URL: databaseUrl,
      NATS_URL: testEnv().natsUrl,
      NATS_NAMESPACE: namespace,
    });
    client = await connectTestClient(testEnv().natsUrl, namespace);
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    workspace = await newWorkspace(db);
    other = await newWorkspace(db);
    admin = await newAgent(db, workspace.id, { role: 'admin' });
    supervisor = await newAgent(db, workspace.id, { role: 'supervisor' });
    agent = await newAgent(db, workspace.id);
    otherAdmin = await newAgent(db, other.id, { role: 'admin' });
  });

  afterAll(async () => {
    await db?.end();
    await client?.close();
    await app?.close();
  });

  const settingsRow = async (workspaceId: string) =>
    (await db.query(`SELECT * FROM ticket_core.workspaces WHERE id = $1`, [workspaceId])).rows[0];

  it('answers the defaults of a new workspace to any of its agents and to the system', async () => {
    for (const actor of [
      agentActor(agent),
      agentActor(supervisor),
      agentActor(admin),
      systemActor(workspace.id),
    ]) {
      expect(await client.rpc.request(GET_WORKSPACE_SETTINGS_V1, { actor })).toEqual({
        workspaceId: workspace.id,
        reopenWindowDays: 14,
        archiveAfterDays: 90,
        intakeCloseMinutes: 10,
        publicBaseUrl: 'http://localhost:3000',
        businessHours: { timeZone: 'UTC', periods: [] },
        attachmentMaxBytes: 25 * 1024 * 1024,
        attachmentTypes: DEFAULT_ATTACHMENT_TYPES,
      });
    }
  });

  it('lets an admin change some fields, leaving the others as they are', async () => {
    const businessHours = {
      timeZone: 'Europe/Berlin',
      periods: [
        { day: 'mon' as const, start: '09:00', end: '17:30' },
        { day: 'sat' as const, start: '10:00', end: '24:00' },
      ],
    };
    const updated = await client.rpc.request(UPDATE_WORKSPACE_SETTINGS_V1, {
      actor: agentActor(admin),
      businessHours,
      attachmentMaxBytes: 1024,
      attachmentTypes: ['image/png', 'image/png', 'application/pdf'],
      publicBaseUrl: 'https://help.example.com/',
    });
    expect(updated).toMatchObject({
      reopenWindowDays: 14,
      businessHours,
      attachmentMaxBytes: 1024,
      attachmentTypes: ['image/png', 'application/pdf'],
      publicBaseUrl: 'https://help.example.com',
    });
    expect(
      await client.rpc.request(GET_WORKSPACE_SETTINGS_V1, {
        actor: agentActor(agent),
      }),
    ).toEqual(updated);
    const bySystem = await client.rpc.request(UPDATE_WORKSPACE_SETTINGS_V1, {
      actor: systemActor(workspace.id),
      reopenWindowDays: 7,
    });
    expect(bySystem).toMatchObject({ reopenWindowDays: 7, attachmentMaxBytes: 1024 });
    // The other workspace is untouched.
    expect((await settingsRow(other.id)).attachment_max_bytes).toBe(26214400);
  });

  it.each<[string, () => Actor, ErrorCode]>([
    ['an agent', () => agentActor(agent), ErrorCode.FORBIDDEN],
    ['a supervisor', () => agentActor(supervisor), ErrorCode.FORBIDDEN],
    [
      'an admin of another workspace',
      () => agentActor(otherAdmin, { workspaceId: workspace.id }),
      ErrorCode.NOT_FOUND,
    ],
    [
      'a customer',
      () => ({ kind: 'customer', workspaceId: workspace.id, customerId: admin.id, teamIds: [] }),
      ErrorCode.FORBIDDEN,
    ],
  ])('refuses an update by %s with %s and writes nothing', async (_, actor, code) => {
    const before = await settingsRow(workspace.id);
    const error = await rejection(
      client.rpc.request(UPDATE_WORKSPACE_SETTINGS_V1, { actor: actor(), reopenWindowDays: 30 }),
    );
    expect(error.code).toBe(code);
    expect(await settingsRow(workspace.id)).toEqual(before);
  });

  it('answers NOT_FOUND to an agent naming a workspace that is not theirs, or none', async () => {
    const foreign = await rejection(
      client.rpc.request(GET_WORKSPACE_SETTINGS_V1, {
        actor: agentActor(agent, { workspaceId: other.id }),
      }),
    );
    expect(foreign.code).toBe(ErrorCode.NOT_FOUND);
    const missing = await rejection(
      client.rpc.request(GET_WORKSPACE_SETTINGS_V1, {
        actor: systemActor('00000000-0000-4000-8000-000000000000'),
      }),
    );
    expect(missing.code).toBe(ErrorCode.NOT_FOUND);
  });

  it.each<[string, Changes, string]>([
    [
      'an unknown time zone',
      { businessHours: { timeZone: 'Mars/Olympus', periods: [] } },
      'businessHours.timeZone',
    ],
    [
      'a period ending before it starts',
      {
        businessHours: { timeZone: 'UTC', periods: [{ day: 'mon', start: '17:00', end: '09:00' }] },
      },
      'businessHours.periods.0',
    ],
    [
      'an empty period',
      {
        businessHours: { timeZone: 'UTC', periods: [{ day: 'tue', start: '09:00', end: '09:00' }] },
      },
      'businessHours.periods.0',
    ],
    [
      'a malformed time',
      { businessHours: { timeZone: 'UTC', periods: [{ day: 'mon', start: '9am', end: '17:00' }] } },
      'businessHours.periods.0.start',
    ],
    [
      'an unknown day',
      {
        businessHours: { timeZone: 'UTC', periods: [{ day: 'xyz', start: '09:00', end: '17:00' }] },
      } as unknown as Changes,
      'businessHours.periods.0.day',
    ],
    ['a zero size limit', { attachmentMaxBytes: 0 }, 'attachmentMaxBytes'],
    ['a type that is not a MIME type', { attachmentTypes: ['pdf'] }, 'attachmentTypes'],
    ['an unknown field', { colour: 'red' } as unknown as Changes, 'colour'],
  ])('refuses %s with VALIDATION_FAILED and writes nothing', async (_, changes, field) => {
    const before = await settingsRow(workspace.id);
    const error = await rejection(
      client.rpc.request(UPDATE_WORKSPACE_SETTINGS_V1, {
        actor: agentActor(admin),
        ...changes,
      }),
    );
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(error.details?.fields?.map((entry) => entry.field)).toContain(field);
    expect(await settingsRow(workspace.id)).toEqual(before);
  });

  it('lists the workspace labels, by name, and only its own', async () => {
    await db.query(
      `INSERT INTO ticket_core.labels (workspace_id, name) VALUES ($1, 'vip'), ($1, 'billing'), ($2, 'secret')`,
      [workspace.id, other.id],
    );
    const labels = await client.rpc.request(LIST_LABELS_V1, {
      actor: agentActor(agent),
    });
    expect(labels.items.map((label) => label.name)).toEqual(['billing', 'vip']);
    const foreign = await rejection(
      client.rpc.request(LIST_LABELS_V1, {
        actor: agentActor(agent, { workspaceId: other.id }),
      }),
    );
    expect(foreign.code).toBe(ErrorCode.NOT_FOUND);
  });

  it('migrates down and up again', async () => {
    const columns = async () =>
      (
        await db.query(
          `SELECT column_name FROM information_schema.columns
            WHERE table_schema = 'ticket_core' AND table_name = 'workspaces'
              AND column_name IN ('business_hours', 'attachment_max_bytes', 'attachment_types')`,
        )
      ).rowCount;
    expect(await columns()).toBe(3);
    const migration = new WorkspaceSettings1795400000000();
    const runner = { query: (sql: string) => db.query(`SET search_path TO ticket_core; ${sql}`) };
    await db.query('BEGIN');
    try {
      await migration.down(runner as never);
      expect(await columns()).toBe(0);
      await migration.up(runner as never);
      expect(await columns()).toBe(3);
    } finally {
      await db.query('ROLLBACK');
    }
  });
});
