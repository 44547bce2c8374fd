import { describe, expect, it } from '@jest/globals';
import { customerChanges } from './customer-changes';
import { CustomerRow } from './customer-row';

const stored: CustomerRow = {
  id: 'c1',
  workspace_id: 'w1',
  name: 'Grace Hopper',
  first_name: null,
  last_name: null,
  email: 'grace@example.com',
  phone: null,
  external_id: null,
  notes: null,
  created_at: new Date(0),
  updated_at: new Date(0),
};

describe('customerChanges', () => {
  it('reports only the fields that really change, with before and after', () => {
    expect(
      customerChanges(stored, { name: 'Grace Hopper', email: 'G.Hopper@Navy.MIL ', notes: 'vip' }),
    ).toEqual({
      email: { before: 'grace@example.com', after: 'g.hopper@navy.mil' },
      notes: { before: null, after: 'vip' },
    });
  });

  it('ignores fields the update does not name', () => {
    expect(customerChanges(stored, {})).toEqual({});
  });

  it('treats an email differing only in case or spaces as unchanged', () => {
    expect(customerChanges(stored, { email: ' GRACE@example.com' })).toEqual({});
  });

  it('clears a field with null or blank text', () => {
    expect(customerChanges(stored, { email: null, name: '   ' })).toEqual({
      email: { before: 'grace@example.com', after: null },
      name: { before: 'Grace Hopper', after: null },
    });
  });

  it('trims the name but keeps notes as written', () => {
    expect(customerChanges(stored, { name: '  Ada  ', notes: '  line\n' })).toEqual({
      name: { before: 'Grace Hopper', after: 'Ada' },
      notes: { before: null, after: '  line\n' },
    });
  });
});
