import { describe, expect, it } from '@jest/globals';
import { Actor, TicketSnapshotV1 } from '@switchboard/contracts';
import { mayWatch } from './agent-visibility';

const agent = (role: Actor['role'], teamIds: string[] = []): Actor => ({
  kind: 'agent',
  workspaceId: 'w1',
  agentId: 'me',
  role,
  teamIds,
});

const ticket = (fields: Partial<TicketSnapshotV1>): TicketSnapshotV1 => ({
  id: 't1',
  number: 1,
  channel: 'chat',
  subject: 'Help',
  status: 'new',
  priority: 'normal',
  teamId: 'billing',
  assigneeId: null,
  customerId: 'c1',
  customerName: null,
  customerEmail: null,
  labels: [],
  participantIds: [],
  publicToken: 'x',
  remindAt: null,
  autoSolveAt: null,
  ...fields,
});

describe('mayWatch', () => {
  it('shows supervisors and admins every ticket', () => {
    expect(mayWatch({ actor: agent('admin'), workspaceHasTeams: true }, ticket({}))).toBe(true);
    expect(mayWatch({ actor: agent('supervisor'), workspaceHasTeams: true }, ticket({}))).toBe(
      true,
    );
  });

  it('shows an agent every ticket of a workspace without teams', () => {
    expect(mayWatch({ actor: agent('agent'), workspaceHasTeams: false }, ticket({}))).toBe(true);
  });

  it("hides another team's ticket from an agent, unless assigned or taking part", () => {
    const scope = { actor: agent('agent', ['support']), workspaceHasTeams: true };
    expect(mayWatch(scope, ticket({}))).toBe(false);
    expect(mayWatch(scope, ticket({ teamId: 'support' }))).toBe(true);
    expect(mayWatch(scope, ticket({ teamId: null }))).toBe(true);
    expect(mayWatch(scope, ticket({ assigneeId: 'me' }))).toBe(true);
    expect(mayWatch(scope, ticket({ participantIds: ['me'] }))).toBe(true);
  });
});
