import {
  Channel,
  Priority,
  Status,
  TicketSnapshotV1,
  TicketSummaryV1,
} from '@switchboard/contracts';

/** A ticket as read from PostgreSQL, joined with its customer and participants. */
export interface TicketRow {
  id: string;
  workspace_id: string;
  number: number;
  channel: Channel;
  subject: string;
  status: Status;
  priority: Priority;
  team_id: string | null;
  assignee_id: string | null;
  previous_assignee_id: string | null;
  customer_id: string;
  labels: string[];
  origin_ip: string | null;
  user_agent: string | null;
  mailbox_address: string | null;
  public_token: string;
  created_at: Date;
  updated_at: Date;
  last_activity_at: Date;
  first_response_at: Date | null;
  last_customer_message_at: Date | null;
  last_agent_message_at: Date | null;
  solved_at: Date | null;
  solved_by: string | null;
  remind_at: Date | null;
  auto_solve_at: Date | null;
  archived_at: Date | null;
  deleted_at: Date | null;
  merged_into_id: string | null;
  follow_up_of_id: string | null;
  version: number;
  customer_name: string | null;
  customer_email: string | null;
  participant_ids: string[];
  unread: boolean;
}

/** Columns a ticket changes through commands (everything but ids, joins and bookkeeping). */
export type MutableTicketField = Exclude<
  keyof TicketRow,
  | 'id'
  | 'workspace_id'
  | 'number'
  | 'created_at'
  | 'updated_at'
  | 'last_activity_at'
  | 'version'
  | 'customer_name'
  | 'customer_email'
  | 'participant_ids'
  | 'unread'
>;

/**
 * The columns of `tickets` a TicketRow holds, listed rather than `t.*` so that a column added
 * for another purpose is not read into Node by every view.
 */
export const TICKET_TABLE_COLUMNS = [
  'id',
  'workspace_id',
  'number',
  'channel',
  'subject',
  'status',
  'priority',
  'team_id',
  'assignee_id',
  'previous_assignee_id',
  'customer_id',
  'labels',
  'origin_ip',
  'user_agent',
  'mailbox_address',
  'public_token',
  'created_at',
  'updated_at',
  'last_activity_at',
  'first_response_at',
  'last_customer_message_at',
  'last_agent_message_at',
  'solved_at',
  'solved_by',
  'remind_at',
  'auto_solve_at',
  'archived_at',
  'deleted_at',
  'merged_into_id',
  'follow_up_of_id',
  'version',
] as const satisfies readonly (keyof TicketRow)[];

/** The columns of `tickets` a TicketSummaryRow holds: what lists show. */
const SUMMARY_TABLE_COLUMNS = [
  'id',
  'workspace_id',
  'number',
  'channel',
  'subject',
  'status',
  'priority',
  'team_id',
  'assignee_id',
  'customer_id',
  'labels',
  'created_at',
  'updated_at',
  'last_activity_at',
  'solved_at',
  'solved_by',
  'remind_at',
  'auto_solve_at',
  'archived_at',
  'deleted_at',
  'version',
] as const satisfies readonly (typeof TICKET_TABLE_COLUMNS)[number][];

/** What a list (view, search, a customer's tickets) reads of each ticket: toSummary's input. */
export type TicketSummaryRow = Pick<
  TicketRow,
  | (typeof SUMMARY_TABLE_COLUMNS)[number]
  | 'customer_name'
  | 'customer_email'
  | 'participant_ids'
  | 'unread'
>;

const qualified = (columns: readonly string[]) => columns.map((column) => `t.${column}`).join(', ');
const T_COLUMNS = qualified(TICKET_TABLE_COLUMNS);
const T_SUMMARY_COLUMNS = qualified(SUMMARY_TABLE_COLUMNS);

/**
 * The SELECT list for TicketRow. `unread` is for the agent whose id is pushed into `params`
 * (false for anyone else): a ticket is unread when it moved after the agent last read it.
 */
export function ticketColumns(params: unknown[], agentId: string | null): string {
  return selectList(T_COLUMNS, params, agentId);
}

/**
 * The SELECT list for TicketSummaryRow: lists read a third fewer columns than ticketColumns, and
 * turning rows into objects was the largest part of a view's cost in Node.
 */
export function summaryColumns(params: unknown[], agentId: string | null): string {
  return selectList(T_SUMMARY_COLUMNS, params, agentId);
}

function selectList(columns: string, params: unknown[], agentId: string | null): string {
  const unread =
    agentId === null
      ? 'false'
      : `NOT EXISTS (SELECT 1 FROM ticket_reads r WHERE r.ticket_id = t.id
           AND r.agent_id = $${params.push(agentId)} AND r.read_at >= t.last_activity_at)`;
  return `${columns}, c.name AS customer_name, c.email AS customer_email,
    coalesce((SELECT array_agg(tp.agent_id ORDER BY tp.added_at) FROM ticket_participants tp
               WHERE tp.ticket_id = t.id), '{}') AS participant_ids,
    ${unread} AS unread`;
}

export const TICKET_FROM = 'tickets t JOIN customers c ON c.id = t.customer_id';

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export function toSummary(row: TicketSummaryRow): TicketSummaryV1 {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    number: row.number,
    channel: row.channel,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    teamId: row.team_id,
    assigneeId: row.assignee_id,
    customer: { id: row.customer_id, name: row.customer_name, email: row.customer_email },
    labels: row.labels,
    participantIds: row.participant_ids,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    lastActivityAt: row.last_activity_at.toISOString(),
    remindAt: iso(row.remind_at),
    autoSolveAt: iso(row.auto_solve_at),
    solvedAt: iso(row.solved_at),
    solvedBy: row.solved_by,
    archived: row.archived_at !== null,
    deleted: row.deleted_at !== null,
    unread: row.unread,
    version: row.version,
  };
}

export function toSnapshot(row: TicketRow): TicketSnapshotV1 {
  return {
    id: row.id,
    number: row.number,
    channel: row.channel,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    teamId: row.team_id,
    assigneeId: row.assignee_id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    customerEmail: row.customer_email,
    labels: row.labels,
    participantIds: row.participant_ids,
    publicToken: row.public_token,
    remindAt: iso(row.remind_at),
    autoSolveAt: iso(row.auto_solve_at),
  };
}
