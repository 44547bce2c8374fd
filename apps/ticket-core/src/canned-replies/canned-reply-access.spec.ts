import { ErrorCode, Role } from '@switchboard/contracts';
import { describe, expect, it } from '@jest/globals';
import { ResolvedActor } from '../core/resolved-actor';
import { ownerForNewReply, requireMayChange } from './canned-reply-access';

const settings = {
  reopenWindowDays: 14,
  archiveAfterDays: 90,
  intakeCloseMinutes: 10,
  publicBaseUrl: 'http://localhost:3000',
};

function agent(role: Role, agentId = 'me'): ResolvedActor {
  return {
    kind: 'agent',
    workspaceId: 'w1',
    agentId,
    customerId: null,
    role,
    teamIds: [],
    seesAll: role !== 'agent',
    workspaceHasTeams: false,
    settings,
  };
}

const system: ResolvedActor = { ...agent('admin'), kind: 'system', agentId: null, role: null };
const customer: ResolvedActor = {
  ...agent('agent'),
  kind: 'customer',
  agentId: null,
  customerId: 'c1',
  role: null,
};

function codeOf(run: () => unknown): ErrorCode | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { code: ErrorCode }).code;
  }
}

describe('ownerForNewReply', () => {
  it('makes a personal reply the calling agent’s', () => {
    expect(ownerForNewReply(agent('agent'), false)).toBe('me');
  });

  it('lets supervisors, admins and the system create shared replies, not agents', () => {
    expect(ownerForNewReply(agent('supervisor'), true)).toBeNull();
    expect(ownerForNewReply(agent('admin'), true)).toBeNull();
    expect(ownerForNewReply(system, true)).toBeNull();
    expect(codeOf(() => ownerForNewReply(agent('agent'), true))).toBe(ErrorCode.FORBIDDEN);
  });

  it('refuses a personal reply without an agent, and customers altogether', () => {
    expect(codeOf(() => ownerForNewReply(system, false))).toBe(ErrorCode.VALIDATION_FAILED);
    expect(codeOf(() => ownerForNewReply(customer, false))).toBe(ErrorCode.FORBIDDEN);
  });
});

describe('requireMayChange', () => {
  const shared = { owner_agent_id: null };
  const mine = { owner_agent_id: 'me' };
  const theirs = { owner_agent_id: 'someone-else' };

  it('lets only supervisors, admins and the system change shared replies', () => {
    expect(codeOf(() => requireMayChange(agent('agent'), shared))).toBe(ErrorCode.FORBIDDEN);
    expect(codeOf(() => requireMayChange(agent('supervisor'), shared))).toBeUndefined();
    expect(codeOf(() => requireMayChange(agent('admin'), shared))).toBeUndefined();
    expect(codeOf(() => requireMayChange(system, shared))).toBeUndefined();
  });

  it('lets only the owner change a personal reply; to others it does not exist', () => {
    expect(codeOf(() => requireMayChange(agent('agent'), mine))).toBeUndefined();
    expect(codeOf(() => requireMayChange(agent('admin'), theirs))).toBe(ErrorCode.NOT_FOUND);
    expect(codeOf(() => requireMayChange(customer, theirs))).toBe(ErrorCode.FORBIDDEN);
  });
});
