import { Actor, Channel, MessageV1, Priority, Role, Status } from '@switchboard/contracts';
import { randomBytes } from 'node:crypto';
import type { QueryResult, QueryResultRow } from 'pg';
import { messageSearchVector, ticketSearchVector } from '../src/search/search-vector';

/*
 * Direct-SQL factories for ticket-core's real-database tests: rows exactly as production writes
 * them (numbers from ticket_counters, a public token, the search vector built by the same code),
 * without going through commands, so a test sets up hundreds of tickets in milliseconds and can
 * set what commands never let it (creation dates, solved dates, archived flags).
 *
 * They take a `pg` Client or Pool and name tables with their schema, so they work on any
 * connection to a ticket-core database, whatever its search_path.
 */

/** What the factories need of a connection: `pg`'s Client and Pool both fit. */
export interface Db {
  query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<QueryResult<R>>;
}

let sequence = 0;
/** Unique within the test process: names, slugs and emails that never collide. */
function unique(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}-${randomBytes(3).toString('hex')}`;
}

async function one<R extends QueryResultRow>(db: Db, text: string, values: unknown[]) {
  const { rows } = await db.query<R>(text, values);
  if (!rows[0]) throw new Error(`factory query returned no row: ${text}`);
  return rows[0];
}

export interface WorkspaceFixture {
  id: string;
  slug: string;
}

export async function newWorkspace(
  db: Db,
  options: { name?: string; slug?: string } = {},
): Promise<WorkspaceFixture> {
  const slug = options.slug ?? unique('ws');
  const row = await one<{ id: string }>(
    db,
    `INSERT INTO ticket_core.workspaces (name, slug) VALUES ($1, $2) RETURNING id`,
    [options.name ?? `Workspace ${slug}`, slug],
  );
  return { id: row.id, slug };
}

export interface TeamFixture {
  id: string;
  workspaceId: string;
  name: string;
}

export async function newTeam(
  db: Db,
  workspaceId: string,
  options: { name?: string } = {},
): Promise<TeamFixture> {
  const name = options.name ?? unique('team');
  const row = await one<{ id: string }>(
    db,
    `INSERT INTO ticket_core.teams (workspace_id, name) VALUES ($1, $2) RETURNING id`,
    [workspaceId, name],
  );
  return { id: row.id, workspaceId, name };
}

export interface AgentFixture {
  id: string;
  workspaceId: string;
  name: string;
  email: string;
  role: Role;
  teamIds: string[];
}

export interface NewAgent {
  role?: Role;
  teamIds?: string[];
  name?: string;
  email?: string;
  signReplies?: boolean;
  active?: boolean;
}

/** An agent (role `agent` unless told) and their team memberships. */
export async function newAgent(
  db: Db,
  workspaceId: string,
  options: NewAgent = {},
): Promise<AgentFixture> {
  const name = options.name ?? unique('Agent');
  const email = options.email ?? `${unique('agent')}@agents.test`;
  const role = options.role ?? 'agent';
  const teamIds = options.teamIds ?? [];
  const row = await one<{ id: string }>(
    db,
    `INSERT INTO ticket_core.agents (workspace_id, name, email, role, sign_replies, active)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [workspaceId, name, email, role, options.signReplies ?? false, options.active ?? true],
  );
  for (const teamId of teamIds) {
    await db.query(
      `INSERT INTO ticket_core.team_members (workspace_id, team_id, agent_id) VALUES ($1, $2, $3)`,
      [workspaceId, teamId, row.id],
    );
  }
  return { id: row.id, workspaceId, name, email, role, teamIds };
}

export interface CustomerFixture {
  id: string;
  workspaceId: string;
  name: string | null;
  email: string | null;
}

export interface NewCustomer {
  name?: string | null;
  email?: string | null;
  externalId?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  notes?: string | null;
}

export async function newCustomer(
  db: Db,
  workspaceId: string,
  options: NewCustomer = {},
): Promise<CustomerFixture> {
  const name = options.name === undefined ? unique('Customer') : options.name;
  const email =
    options.email === undefined ? `${unique('customer')}@customers.test` : options.email;
  const row = await one<{ id: string }>(
    db,
    `INSERT INTO ticket_core.customers
       (workspace_id, name, email, external_id, first_name, last_name, phone, notes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      workspaceId,
      name,
      email,
      options.externalId ?? null,
      options.firstName ?? null,
      options.lastName ?? null,
      options.phone ?? null,
      options.notes ?? null,
    ],
  );
  return { id: row.id, workspaceId, name, email };
}

export interface TicketFixture {
  id: string;
  workspaceId: string;
  number: number;
  publicToken: string;
  customerId: string;
  status: Status;
  createdAt: Date;
}

export interface NewTicket {
  /** Default: a new customer of the workspace. */
  customerId?: string;
  /** Default: `open` when an assignee is given, else `new`. */
  status?: Status;
  assigneeId?: string | null;
  teamId?: string | null;
  channel?: Channel;
  priority?: Priority;
  labels?: string[];
  subject?: string;
  /** The first message, public and from the customer; searchable like production's. */
  body?: string | null;
  /** Default: now. Also the default of updated and last activity. */
  createdAt?: Date;
  lastActivityAt?: Date;
  /** Default for a solved ticket: its creation time. */
  solvedAt?: Date | null;
  solvedBy?: string | null;
  /** Default for a pending ticket: a day after creation (the schema requires one). */
  remindAt?: Date | null;
  autoSolveAt?: Date | null;
  /** `true` archives it at creation time. */
  archived?: boolean | Date;
  /** `true` deletes it at creation time. */
  deleted?: boolean | Date;
  /** Force a number (the counter moves past it); default: the next one, as production does. */
  number?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A ticket with its number from ticket_counters, a public token and its search vector. */
export async function newTicket(
  db: Db,
  workspaceId: string,
  options: NewTicket = {},
): Promise<TicketFixture> {
  const customerId = options.customerId ?? (await newCustomer(db, workspaceId)).id;
  const customer = await one<{ name: string | null; email: string | null }>(
    db,
    `SELECT name, email FROM ticket_core.customers WHERE id = $1`,
    [customerId],
  );
  const status = options.status ?? (options.assigneeId ? 'open' : 'new');
  const createdAt = options.createdAt ?? new Date();
  const subject = options.subject ?? unique('Subject');
  const body = options.body ?? null;
  const at = (value: boolean | Date | undefined) =>
    value === true ? createdAt : value instanceof Date ? value : null;
  const remindAt =
    options.remindAt !== undefined
      ? options.remindAt
      : status === 'pending'
        ? new Date(createdAt.getTime() + DAY_MS)
        : null;
  const solvedAt =
    options.solvedAt !== undefined ? options.solvedAt : status === 'solved' ? createdAt : null;
  const publicToken = randomBytes(24).toString('base64url');

  const params: unknown[] = [];
  // The same text as ticket creation indexes: subject, customer name and email, first message.
  const vector = ticketSearchVector(
    params,
    subject,
    [customer.name, customer.email].filter(Boolean).join(' '),
    body,
  );
  const p = (value: unknown) => `$${params.push(value)}`;
  const forced = p(options.number ?? null);
  const row = await one<{ id: string; number: number }>(
    db,
    `WITH next AS (
       INSERT INTO ticket_core.ticket_counters (workspace_id, last_number)
       VALUES (${p(workspaceId)}, coalesce(${forced}::int, 1))
       ON CONFLICT (workspace_id) DO UPDATE SET last_number = CASE
         WHEN ${forced}::int IS NULL THEN ticket_core.ticket_counters.last_number + 1
         ELSE greatest(ticket_core.ticket_counters.last_number, ${forced}::int) END
       RETURNING last_number),
     ticket AS (
     INSERT INTO ticket_core.tickets (workspace_id, number, channel, subject, status, priority,
       team_id, assignee_id, customer_id, labels, public_token, created_at, updated_at,
       last_activity_at, solved_at, solved_by, remind_at, auto_solve_at, archived_at, deleted_at,
       last_customer_message_at)
     SELECT ${p(workspaceId)}, coalesce(${forced}::int, next.last_number), ${p(options.channel ?? 'web')},
       ${p(subject)}, ${p(status)}, ${p(options.priority ?? 'normal')}, ${p(options.teamId ?? null)},
       ${p(options.assigneeId ?? null)}, ${p(customerId)}, ${p(options.labels ?? [])},
       ${p(publicToken)}, ${p(createdAt)}, ${p(createdAt)}, ${p(options.lastActivityAt ?? createdAt)},
       ${p(solvedAt)}, ${p(options.solvedBy ?? null)}, ${p(remindAt)},
       ${p(options.autoSolveAt ?? null)}, ${p(at(options.archived))}, ${p(at(options.deleted))},
       ${p(body === null ? null : createdAt)}
     FROM next
     RETURNING id, workspace_id, number, created_at),
     search AS (
       INSERT INTO ticket_core.ticket_search (ticket_id, workspace_id, created_at, search_vector)
       SELECT id, workspace_id, created_at, ${vector} FROM ticket
       RETURNING ticket_id)
     SELECT id, number FROM ticket`,
    params,
  );
  if (body !== null) {
    // Already in the vector above, like the first message of a created ticket.
    await insertMessageRow(db, workspaceId, row.id, {
      visibility: 'public',
      authorKind: 'customer',
      authorId: customerId,
      body,
      createdAt,
    });
  }
  return {
    id: row.id,
    workspaceId,
    number: row.number,
    publicToken,
    customerId,
    status,
    createdAt,
  };
}

export interface NewMessage {
  body: string;
  /** Default: public. */
  visibility?: MessageV1['visibility'];
  /** Default: customer (with the ticket's customer as author). */
  authorKind?: MessageV1['authorKind'];
  authorId?: string | null;
  bodyHtml?: string | null;
  createdAt?: Date;
  mail?: { messageId?: string; inReplyTo?: string; references?: string[] };
}

/** A message on a ticket, added to the ticket's search vector as production does. */
export async function newMessage(
  db: Db,
  ticket: Pick<TicketFixture, 'id' | 'workspaceId' | 'customerId'>,
  options: NewMessage,
): Promise<{ id: string }> {
  const authorKind = options.authorKind ?? 'customer';
  const authorId =
    options.authorId !== undefined
      ? options.authorId
      : authorKind === 'customer'
        ? ticket.customerId
        : null;
  const message = await insertMessageRow(db, ticket.workspaceId, ticket.id, {
    ...options,
    authorKind,
    authorId,
  });
  const params: unknown[] = [ticket.id];
  await db.query(
    `UPDATE ticket_core.ticket_search
        SET search_vector = search_vector || ${messageSearchVector(params, options.body)}
      WHERE ticket_id = $1`,
    params,
  );
  return message;
}

function insertMessageRow(
  db: Db,
  workspaceId: string,
  ticketId: string,
  message: NewMessage & { authorKind: MessageV1['authorKind']; authorId: string | null },
): Promise<{ id: string }> {
  return one<{ id: string }>(
    db,
    `INSERT INTO ticket_core.messages (workspace_id, ticket_id, visibility, author_kind, author_id,
       body_text, body_html, mail_message_id, mail_in_reply_to, mail_references, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      workspaceId,
      ticketId,
      message.visibility ?? 'public',
      message.authorKind,
      message.authorId,
      message.body,
      message.bodyHtml ?? null,
      message.mail?.messageId ?? null,
      message.mail?.inReplyTo ?? null,
      message.mail?.references ?? null,
      message.createdAt ?? new Date(),
    ],
  );
}

/** Invites an agent to a ticket (they see it in their Open view). */
export async function addParticipant(
  db: Db,
  ticket: Pick<TicketFixture, 'id' | 'workspaceId'>,
  agentId: string,
): Promise<void> {
  await db.query(
    `INSERT INTO ticket_core.ticket_participants (workspace_id, ticket_id, agent_id)
     VALUES ($1, $2, $3)`,
    [ticket.workspaceId, ticket.id, agentId],
  );
}

/** A history entry, as a command records it. */
export async function addHistory(
  db: Db,
  ticket: Pick<TicketFixture, 'id' | 'workspaceId'>,
  entry: {
    action: string;
    changes?: Record<string, { before: unknown; after: unknown }>;
    actor?: { kind: Actor['kind']; id: string | null };
  },
): Promise<void> {
  await db.query(
    `INSERT INTO ticket_core.ticket_history (workspace_id, ticket_id, actor_kind, actor_id, action, changes)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      ticket.workspaceId,
      ticket.id,
      entry.actor?.kind ?? 'system',
      entry.actor?.id ?? null,
      entry.action,
      entry.changes ?? {},
    ],
  );
}

/** An agent's request for access to a ticket (pending unless told). */
export async function newAccessRequest(
  db: Db,
  ticket: Pick<TicketFixture, 'id' | 'workspaceId'>,
  agentId: string,
  status: 'pending' | 'granted' | 'denied' = 'pending',
): Promise<{ id: string }> {
  return one<{ id: string }>(
    db,
    `INSERT INTO ticket_core.access_requests (workspace_id, ticket_id, agent_id, status)
     VALUES ($1, $2, $3, $4) RETURNING id`,
    [ticket.workspaceId, ticket.id, agentId, status],
  );
}

export interface AgentActorOptions {
  /** The workspace the actor claims; default: the agent's own (another one forges a claim). */
  workspaceId?: string;
}

/** The wire actor of an agent, as the gateway sends it (ticket-core re-reads role and teams). */
export function agentActor(
  agent: Pick<AgentFixture, 'id' | 'workspaceId' | 'role' | 'teamIds'>,
  options: AgentActorOptions = {},
): Actor {
  return {
    kind: 'agent',
    workspaceId: options.workspaceId ?? agent.workspaceId,
    agentId: agent.id,
    role: agent.role,
    teamIds: agent.teamIds,
  };
}

export function systemActor(workspaceId: string): Actor {
  return { kind: 'system', workspaceId, teamIds: [] };
}

export function customerActor(customer: Pick<CustomerFixture, 'id' | 'workspaceId'>): Actor {
  return {
    kind: 'customer',
    workspaceId: customer.workspaceId,
    customerId: customer.id,
    teamIds: [],
  };
}
