import { UpdateCustomerV1 } from '@switchboard/contracts';
import { CustomerRow } from './customer-row';

/** The fields an agent may edit; keys double as column names and as names in the event. */
export const EDITABLE_FIELDS = ['name', 'email', 'notes'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export type CustomerChanges = Partial<
  Record<EditableField, { before: string | null; after: string | null }>
>;

type Edit = Pick<UpdateCustomerV1, EditableField>;

/** Blank text clears a field: an empty name is no name. */
const blankToNull = (value: string) => (value.trim() === '' ? null : value);

const normalizers: Record<EditableField, (value: string) => string | null> = {
  name: (value) => blankToNull(value.trim()),
  // Stored lowercased (the column insists), so linking by email finds the customer again.
  email: (value) => blankToNull(value.trim().toLowerCase()),
  notes: blankToNull,
};

/**
 * What an update really changes: the fields it names (null clears), normalized, and only those
 * whose value differs from the stored one. An empty result means there is nothing to write.
 */
export function customerChanges(before: CustomerRow, edit: Edit): CustomerChanges {
  const changes: CustomerChanges = {};
  for (const field of EDITABLE_FIELDS) {
    const value = edit[field];
    if (value === undefined) continue;
    const after = value === null ? null : normalizers[field](value);
    if (after !== before[field]) changes[field] = { before: before[field], after };
  }
  return changes;
}
