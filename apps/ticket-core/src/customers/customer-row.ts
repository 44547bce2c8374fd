import { CustomerV1 } from '@switchboard/contracts';

/** A row of `customers`, as read by CUSTOMER_COLUMNS. */
export interface CustomerRow {
  id: string;
  workspace_id: string;
  name: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  external_id: string | null;
  notes: string | null;
  created_at: Date;
  updated_at: Date;
}

export const CUSTOMER_COLUMNS = `id, workspace_id, name, first_name, last_name, email, phone,
  external_id, notes, created_at, updated_at`;

export function toCustomerV1(row: CustomerRow): CustomerV1 {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    externalId: row.external_id,
    notes: row.notes,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
