import { CannedReplyV1 } from '@switchboard/contracts';

export interface CannedReplyRow {
  id: string;
  workspace_id: string;
  owner_agent_id: string | null;
  title: string;
  body: string;
  created_at: Date;
  updated_at: Date;
}

export const CANNED_REPLY_COLUMNS =
  'r.id, r.workspace_id, r.owner_agent_id, r.title, r.body, r.created_at, r.updated_at';

export function toCannedReplyV1(row: CannedReplyRow): CannedReplyV1 {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    ownerAgentId: row.owner_agent_id,
    title: row.title,
    body: row.body,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
