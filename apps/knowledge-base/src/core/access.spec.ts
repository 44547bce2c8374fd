import { describe, expect, it } from '@jest/globals';
import { Actor } from '@switchboard/contracts';
import { KbAccess } from './access';

const workspaceId = '00000000-0000-4000-8000-000000000001';
const agent = (role: Actor['role']): Actor => ({ kind: 'agent', workspaceId, role, teamIds: [] });
const token = (role: Actor['role']): Actor => ({ kind: 'system', workspaceId, role, teamIds: [] });
const system: Actor = { kind: 'system', workspaceId, teamIds: [] };
const customer: Actor = { kind: 'customer', workspaceId, teamIds: [] };

describe('KbAccess', () => {
  const access = new KbAccess({ KB_EDITOR_ROLES: 'admin,supervisor' });

  it('lets the editor roles edit, by login or API token, and the system without a role', () => {
    expect(
      [agent('admin'), agent('supervisor'), token('admin'), system].map((a) => access.isEditor(a)),
    ).toEqual([true, true, true, true]);
    expect([agent('agent'), token('agent'), customer].map((a) => access.isEditor(a))).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('takes the editor roles from its configuration', () => {
    expect(new KbAccess({ KB_EDITOR_ROLES: 'agent,admin' }).isEditor(agent('agent'))).toBe(true);
  });

  it('leaves the settings to admins', () => {
    expect(access.isAdmin(agent('supervisor'))).toBe(false);
    expect(access.isAdmin(token('agent'))).toBe(false);
    expect(access.isAdmin(token('admin'))).toBe(true);
  });

  it('shows internal articles to everyone but customers', () => {
    expect(access.visibilities(customer)).toEqual(['public']);
    expect(access.visibilities(token('agent'))).toEqual(['public', 'internal']);
  });
});
