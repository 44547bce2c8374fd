import * as c from '@switchboard/contracts';
import { Actor, ErrorCode } from '@switchboard/contracts';
import {
  InProcessHarness,
  outcome,
  startInProcessHarness,
  TestNatsClient,
} from '@switchboard/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ticketCoreService } from '../src/service';
import { agentActor, newAgent, newTeam } from './factories';

const KEY = 'a'.repeat(64);
const attachment = (name: string): c.AttachmentInputV1 => ({
  key: KEY,
  name,
  contentType: 'application/pdf',
  size: 1234,
});

describe('FIND_ATTACHMENT_V1: who may download a stored key', () => {
  let harness: InProcessHarness;
  let client: TestNatsClient;
  let db: Client;
  let adminA: Actor;
  let adminB: Actor;
  let agentX: Actor;
  let agentY: Actor;
  let customer: Actor;

  async function agent(workspaceId: string, name: string, role: c.Role, teamId?: string) {
    return agentActor(
      await newAgent(db, workspaceId, { name, role, teamIds: teamId ? [teamId] : [] }),
    );
  }

  const find = (actor: Actor, extra: Partial<c.FindAttachmentV1> = {}) =>
    client.rpc.request(c.FIND_ATTACHMENT_V1, { actor, key: KEY, ...extra });

  beforeAll(async () => {
    harness = await startInProcessHarness(ticketCoreService, 'att');
    ({ client, db } = harness);
    const a = await client.rpc.request(c.CREATE_WORKSPACE_V1, { name: 'A', slug: 'a' });
    const b = await client.rpc.request(c.CREATE_WORKSPACE_V1, { name: 'B', slug: 'b' });
    const team = async (name: string) => (await newTeam(db, a.id, { name })).id;
    const [x, y] = [await team('X'), await team('Y')];
    adminA = await agent(a.id, 'AdminA', 'admin');
    adminB = await agent(b.id, 'AdminB', 'admin');
    agentX = await agent(a.id, 'AgentX', 'agent', x);
    agentY = await agent(a.id, 'AgentY', 'agent', y);
    const system: Actor = { kind: 'system', workspaceId: a.id, teamIds: [] };
    const ticket = await client.rpc.request(c.CREATE_TICKET_V1, {
      actor: system,
      channel: 'mail',
      subject: 'Invoice',
      body: 'see attached',
      teamId: y,
      customer: { email: 'c@example.test' },
    });
    customer = { kind: 'customer', workspaceId: a.id, customerId: ticket.customer.id, teamIds: [] };
    for (const name of ['first.pdf', 'second.pdf']) {
      await client.rpc.request(c.REPLY_TICKET_V1, {
        actor: customer,
        ticketId: ticket.id,
        body: name,
        attachments: [attachment(name)],
      });
    }
  });

  afterAll(() => harness?.close());

  it('answers the record to those who see the ticket, preferring the asked-for name', async () => {
    expect(await find(adminA, { name: 'first.pdf' })).toEqual(attachment('first.pdf'));
    expect(await find(agentY, { name: 'second.pdf' })).toEqual(attachment('second.pdf'));
    expect((await find(customer)).key).toBe(KEY);
    // A name no message recorded does not stop the download: it only chooses among records.
    expect((await find(adminA, { name: 'nope.pdf' })).name).toMatch(/^(first|second)\.pdf$/);
  });

  it('is NOT_FOUND for another workspace, another team and another customer', async () => {
    expect(await outcome(find(adminB), 'found')).toBe(ErrorCode.NOT_FOUND);
    expect(await outcome(find({ ...adminB, workspaceId: adminA.workspaceId }), 'found')).toBe(
      ErrorCode.FORBIDDEN,
    );
    expect(await outcome(find(agentX), 'found')).toBe(ErrorCode.NOT_FOUND);
    const stranger = { ...customer, customerId: '00000000-0000-4000-8000-000000000001' };
    expect(await outcome(find(stranger), 'found')).toBe(ErrorCode.NOT_FOUND);
    expect(await outcome(find(adminA, { key: 'b'.repeat(64) }), 'found')).toBe(ErrorCode.NOT_FOUND);
  });

  it('refuses a malformed key before any query', async () => {
    expect(await outcome(find(adminA, { key: '../../etc/passwd' }), 'found')).toBe(
      ErrorCode.VALIDATION_FAILED,
    );
  });
});
