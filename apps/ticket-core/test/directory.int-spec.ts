import {
  Actor,
  CREATE_TEAM_V1,
  CREATE_WORKSPACE_V1,
  ErrorCode,
  LIST_AGENTS_V1,
  LIST_TEAMS_V1,
  SET_AVAILABILITY_V1,
  UPDATE_TEAM_V1,
  UPSERT_AGENT_V1,
  BusinessHoursV1,
  UpdateTeamV1,
  UpsertAgentV1,
} from '@switchboard/contracts';
import {
  InProcessHarness,
  rejection,
  startInProcessHarness,
  TestNatsClient,
} from '@switchboard/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ticketCoreService } from '../src/service';
import { agentActor, systemActor } from './factories';

type AgentFields = Omit<UpsertAgentV1, 'actor'>;

describe('ticket-core: agent directory over NATS', () => {
  let client: TestNatsClient;
  let db: Client;

  let harness: InProcessHarness;

  beforeAll(async () => {
    harness = await startInProcessHarness(ticketCoreService, 'dir');
    ({ client, db } = harness);
  });

  afterAll(() => harness?.close());

  async function newWorkspace(slug: string) {
    const workspace = await client.rpc.request(CREATE_WORKSPACE_V1, { name: slug, slug });
    const admin = await upsert(systemActor(workspace.id), {
      name: 'Admin',
      email: `admin@${slug}.test`,
      role: 'admin',
      teamIds: [],
    });
    return { id: workspace.id, admin };
  }

  const upsert = (actor: Actor, agent: AgentFields) =>
    client.rpc.request(UPSERT_AGENT_V1, { actor, ...agent });
  const createTeam = (actor: Actor, name: string) =>
    client.rpc.request(CREATE_TEAM_V1, { actor, name });

  const rows = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows;
  const agentRows = (workspaceId: string) =>
    rows(
      `SELECT email, role, active, sign_replies FROM ticket_core.agents
        WHERE workspace_id = $1 ORDER BY email`,
      [workspaceId],
    );

  it('lets the system actor create a new workspace’s first admin', async () => {
    const workspace = await client.rpc.request(CREATE_WORKSPACE_V1, { name: 'Boot', slug: 'boot' });
    const admin = await upsert(systemActor(workspace.id), {
      name: '  Ada Lovelace ',
      email: 'Ada@Boot.TEST',
      role: 'admin',
      teamIds: [],
    });
    expect(admin).toEqual({
      id: expect.any(String),
      workspaceId: workspace.id,
      name: 'Ada Lovelace',
      email: 'ada@boot.test',
      role: 'admin',
      teamIds: [],
      availability: 'offline',
      signReplies: false,
      active: true,
    });
  });

  it('creates teams idempotently by name, for admins only', async () => {
    const { id, admin } = await newWorkspace('teams');
    const agent = await upsert(agentActor(admin), {
      name: 'Agent',
      email: 'agent@teams.test',
      role: 'agent',
      teamIds: [],
    });
    const supervisor = await upsert(agentActor(admin), {
      name: 'Sup',
      email: 'sup@teams.test',
      role: 'supervisor',
      teamIds: [],
    });

    const billing = await createTeam(agentActor(admin), 'Billing');
    expect(billing).toEqual({
      id: expect.any(String),
      workspaceId: id,
      name: 'Billing',
      memberIds: [],
      businessHours: null,
    });
    expect(await createTeam(agentActor(admin), ' Billing ')).toEqual(billing);
    expect(await createTeam(systemActor(id), 'Billing')).toEqual(billing);

    for (const caller of [agent, supervisor]) {
      const error = await rejection(createTeam(agentActor(caller), 'Shipping'));
      expect(error.code).toBe(ErrorCode.FORBIDDEN);
    }
    expect(await rows(`SELECT name FROM ticket_core.teams WHERE workspace_id = $1`, [id])).toEqual([
      { name: 'Billing' },
    ]);
  });

  it('gives a team business hours of its own and a new name, for admins only', async () => {
    const { id, admin } = await newWorkspace('team-hours');
    const agent = await upsert(agentActor(admin), {
      name: 'Agent',
      email: 'agent@team-hours.test',
      role: 'agent',
      teamIds: [],
    });
    const night = await createTeam(agentActor(admin), 'Night');
    await createTeam(agentActor(admin), 'Day');
    const update = (actor: Actor, fields: Omit<UpdateTeamV1, 'actor' | 'teamId'>) =>
      client.rpc.request(UPDATE_TEAM_V1, { actor, teamId: night.id, ...fields });
    const hours = {
      timeZone: 'Asia/Tokyo',
      periods: [{ day: 'mon', start: '22:00', end: '24:00' }],
    };

    expect(await update(agentActor(admin), { businessHours: hours as BusinessHoursV1 })).toEqual({
      ...night,
      businessHours: hours,
    });
    expect(await update(agentActor(admin), { name: 'Night shift' })).toMatchObject({
      name: 'Night shift',
      businessHours: hours,
    });
    expect((await update(systemActor(id), { businessHours: null })).businessHours).toBeNull();

    expect((await rejection(update(agentActor(agent), { name: 'Mine' }))).code).toBe(
      ErrorCode.FORBIDDEN,
    );
    expect((await rejection(update(agentActor(admin), { name: 'Day' }))).code).toBe(
      ErrorCode.CONFLICT,
    );
    const badZone = await rejection(
      update(agentActor(admin), { businessHours: { timeZone: 'Mars/Olympus', periods: [] } }),
    );
    expect(badZone.code).toBe(ErrorCode.VALIDATION_FAILED);
    const elsewhere = await newWorkspace('team-hours-other');
    const foreign = await rejection(
      client.rpc.request(UPDATE_TEAM_V1, {
        actor: agentActor(elsewhere.admin),
        teamId: night.id,
        name: 'Stolen',
      }),
    );
    expect(foreign.code).toBe(ErrorCode.NOT_FOUND);
  });

  it('updates the agent with the same email and replaces its teams', async () => {
    const { id, admin } = await newWorkspace('upsert');
    const [sales, support] = [
      await createTeam(agentActor(admin), 'Sales'),
      await createTeam(agentActor(admin), 'Support'),
    ];
    const first = await upsert(agentActor(admin), {
      name: 'Bob',
      email: 'bob@upsert.test',
      role: 'agent',
      teamIds: [sales.id, support.id, sales.id],
      signReplies: true,
    });
    expect([...first.teamIds].sort()).toEqual([sales.id, support.id].sort());

    const second = await upsert(agentActor(admin), {
      name: 'Robert',
      email: 'BOB@upsert.test',
      role: 'supervisor',
      teamIds: [support.id],
    });
    expect(second).toMatchObject({
      id: first.id,
      name: 'Robert',
      email: 'bob@upsert.test',
      role: 'supervisor',
      teamIds: [support.id],
      // Not named in the update: kept.
      signReplies: true,
      active: true,
    });

    const deactivated = await upsert(agentActor(admin), {
      name: 'Robert',
      email: 'bob@upsert.test',
      role: 'supervisor',
      teamIds: [],
      active: false,
    });
    expect(deactivated).toMatchObject({ id: first.id, active: false, teamIds: [] });
    expect(await agentRows(id)).toEqual([
      { email: 'admin@upsert.test', role: 'admin', active: true, sign_replies: false },
      { email: 'bob@upsert.test', role: 'supervisor', active: false, sign_replies: true },
    ]);
    // An inactive agent is no longer a caller.
    expect((await rejection(createTeam(agentActor(deactivated), 'X'))).code).toBe(
      ErrorCode.FORBIDDEN,
    );
  });

  it('refuses upserts from non-admins and writes nothing', async () => {
    const { id, admin } = await newWorkspace('roles');
    const supervisor = await upsert(agentActor(admin), {
      name: 'Sup',
      email: 'sup@roles.test',
      role: 'supervisor',
      teamIds: [],
    });
    const before = await agentRows(id);
    const newcomer = { name: 'Eve', email: 'eve@roles.test', role: 'agent' as const, teamIds: [] };
    const promotion = { name: 'Sup', email: 'sup@roles.test', role: 'admin' as const, teamIds: [] };
    for (const agent of [newcomer, promotion]) {
      const error = await rejection(upsert(agentActor(supervisor), agent));
      expect(error.code).toBe(ErrorCode.FORBIDDEN);
    }
    const customer: Actor = {
      kind: 'customer',
      workspaceId: id,
      customerId: admin.id,
      teamIds: [],
    };
    const error = await rejection(
      upsert(customer, { name: 'C', email: 'c@roles.test', role: 'admin', teamIds: [] }),
    );
    expect(error.code).toBe(ErrorCode.FORBIDDEN);
    expect(await agentRows(id)).toEqual(before);
  });

  it('keeps a workspace’s last active admin', async () => {
    const { id, admin } = await newWorkspace('last');
    const self = { name: admin.name, email: admin.email, teamIds: [] };
    expect((await rejection(upsert(agentActor(admin), { ...self, role: 'agent' }))).code).toBe(
      ErrorCode.CONFLICT,
    );
    expect(
      (await rejection(upsert(agentActor(admin), { ...self, role: 'admin', active: false }))).code,
    ).toBe(ErrorCode.CONFLICT);
    expect(await agentRows(id)).toEqual([
      { email: 'admin@last.test', role: 'admin', active: true, sign_replies: false },
    ]);

    await upsert(agentActor(admin), {
      name: 'Second',
      email: 'second@last.test',
      role: 'admin',
      teamIds: [],
    });
    expect(await upsert(agentActor(admin), { ...self, role: 'agent' })).toMatchObject({
      role: 'agent',
    });
  });

  it('isolates workspaces: another workspace’s teams are not found, its agents untouched', async () => {
    const a = await newWorkspace('iso-a');
    const b = await newWorkspace('iso-b');
    const teamOfA = await createTeam(agentActor(a.admin), 'A team');
    const bob = await upsert(agentActor(a.admin), {
      name: 'Bob',
      email: 'bob@shared.test',
      role: 'agent',
      teamIds: [teamOfA.id],
    });
    const aBefore = await agentRows(a.id);

    // B's admin cannot put anyone (in B) into A's team.
    const error = await rejection(
      upsert(agentActor(b.admin), {
        name: 'X',
        email: 'x@iso-b.test',
        role: 'agent',
        teamIds: [teamOfA.id],
      }),
    );
    expect(error.code).toBe(ErrorCode.NOT_FOUND);
    // Nor reach A by naming A's workspace: B's admin is no agent of A.
    const forged: Actor = { ...agentActor(b.admin), workspaceId: a.id };
    const forgedError = await rejection(
      upsert(forged, { name: 'Hacked', email: bob.email, role: 'admin', teamIds: [] }),
    );
    expect(forgedError.code).toBe(ErrorCode.FORBIDDEN);
    // The same email in B is B's own agent; A's Bob is untouched.
    const bobInB = await upsert(agentActor(b.admin), {
      name: 'Other Bob',
      email: bob.email,
      role: 'admin',
      teamIds: [],
    });
    expect(bobInB.id).not.toBe(bob.id);
    expect(await agentRows(a.id)).toEqual(aBefore);
    expect(
      await rows(`SELECT count(*)::int AS n FROM ticket_core.team_members WHERE team_id = $1`, [
        teamOfA.id,
      ]),
    ).toEqual([{ n: 1 }]);

    const bTeams = await client.rpc.request(LIST_TEAMS_V1, {
      actor: agentActor(b.admin),
    });
    expect(bTeams.items).toEqual([]);
    const bAgents = await client.rpc.request(LIST_AGENTS_V1, {
      actor: agentActor(b.admin),
    });
    expect(bAgents.items.map((agent) => agent.id).sort()).toEqual([b.admin.id, bobInB.id].sort());
  });

  it('lets an agent set their own availability, and only their own', async () => {
    const { id, admin } = await newWorkspace('avail');
    const agent = await upsert(agentActor(admin), {
      name: 'Carol',
      email: 'carol@avail.test',
      role: 'agent',
      teamIds: [],
    });
    const online = await client.rpc.request(SET_AVAILABILITY_V1, {
      actor: agentActor(agent),
      availability: 'online',
    });
    expect(online).toMatchObject({ id: agent.id, availability: 'online' });

    const error = await rejection(
      client.rpc.request(SET_AVAILABILITY_V1, { actor: systemActor(id), availability: 'away' }),
    );
    expect(error.code).toBe(ErrorCode.FORBIDDEN);
    const invalid = await rejection(
      client.rpc.request(SET_AVAILABILITY_V1, {
        actor: agentActor(agent),
        availability: 'busy' as 'away',
      }),
    );
    expect(invalid.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(
      await rows(`SELECT email, availability FROM ticket_core.agents WHERE workspace_id = $1`, [
        id,
      ]),
    ).toEqual(
      expect.arrayContaining([
        { email: 'admin@avail.test', availability: 'offline' },
        { email: 'carol@avail.test', availability: 'online' },
      ]),
    );
  });

  it('lists agents with their teams and teams with their members, to any agent', async () => {
    const { id, admin } = await newWorkspace('lists');
    const beta = await createTeam(agentActor(admin), 'beta');
    const alpha = await createTeam(agentActor(admin), 'Alpha');
    const zed = await upsert(agentActor(admin), {
      name: 'zed',
      email: 'zed@lists.test',
      role: 'agent',
      teamIds: [alpha.id, beta.id],
    });
    const amy = await upsert(agentActor(admin), {
      name: 'Amy',
      email: 'amy@lists.test',
      role: 'agent',
      teamIds: [alpha.id],
    });

    const agents = await client.rpc.request(LIST_AGENTS_V1, {
      actor: agentActor(amy),
    });
    expect(agents.items.map((agent) => [agent.name, [...agent.teamIds].sort()])).toEqual([
      ['Admin', []],
      ['Amy', [alpha.id]],
      ['zed', [alpha.id, beta.id].sort()],
    ]);
    const teams = await client.rpc.request(LIST_TEAMS_V1, {
      actor: agentActor(zed),
    });
    expect(teams.items.map((team) => [team.name, [...team.memberIds].sort()])).toEqual([
      ['Alpha', [amy.id, zed.id].sort()],
      ['beta', [zed.id]],
    ]);

    const customer: Actor = { kind: 'customer', workspaceId: id, customerId: amy.id, teamIds: [] };
    expect((await rejection(client.rpc.request(LIST_AGENTS_V1, { actor: customer }))).code).toBe(
      ErrorCode.FORBIDDEN,
    );
  });

  it.each([
    [{ email: 'not-an-email' }, ['email']],
    [{ role: 'owner' }, ['role']],
    [{ teamIds: ['nope'] }, ['teamIds']],
    [{ name: '' }, ['name']],
    [{ name: '   ' }, ['name']],
    [{ signReplies: 'yes' }, ['signReplies']],
  ])('refuses %j with VALIDATION_FAILED naming %j', async (override, fields) => {
    const { id } = await newWorkspace(`bad-${Math.random().toString(36).slice(2, 8)}`);
    const before = await agentRows(id);
    const payload = {
      name: 'Valid',
      email: 'valid@bad.test',
      role: 'agent',
      teamIds: [],
      ...override,
    } as unknown as AgentFields;
    const error = await rejection(upsert(systemActor(id), payload));
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(error.details?.fields?.map((field) => field.field)).toEqual(fields);
    expect(await agentRows(id)).toEqual(before);
  });
});
