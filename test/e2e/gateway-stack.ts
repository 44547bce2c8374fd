import { AppName } from '@switchboard/config';
import * as c from '@switchboard/contracts';
import { ServiceProcess, TestNatsClient, startProcessStack } from '@switchboard/testing';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Client } from 'pg';

/*
 * What the gateway's e2e specs share: ticket-core and api-gateway as real processes on a fresh
 * database and a storage folder of their own, a NATS client to set up workspaces and agents the way provisioning does, a database
 * client to check what was (not) written, and a small HTTP client.
 */

export const PASSWORD = 'correct horse battery staple';

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export class Http {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  as(token: string): Http {
    return new Http(this.baseUrl, token);
  }

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    init: { rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let payload: string | undefined = init.rawBody;
    if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (the docs page): the text itself.
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = unknown>(path: string, body: unknown = {}) {
    return this.request<T>('POST', path, body);
  }
  patch<T = unknown>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  put<T = unknown>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }
  delete<T = unknown>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

export interface GatewayStack {
  gateway: ServiceProcess;
  /** Every service started, the gateway among them. */
  processes: ServiceProcess[];
  /** What each process was started with, for a test that starts one again. */
  serviceEnv: Record<string, string>;
  nats: TestNatsClient;
  db: Client;
  http: Http;
  /** Where the gateway stores attachments; removed on stop. */
  storageDir: string;
  stop(): Promise<void>;
}

export async function startGatewayStack(
  prefix: string,
  env: Record<string, string> = {},
  options: { apps?: AppName[]; databaseUrl?: string } = {},
): Promise<GatewayStack> {
  const apps = options.apps ?? ['ticket-core', 'api-gateway'];
  const storageDir = await mkdtemp(join(tmpdir(), `switchboard-${prefix}-`));
  // Every test logs in from 127.0.0.1: the login limit is not what these specs test. The specs
  // that are about addresses stand for clients behind a proxy on this host (X-Forwarded-For).
  const stack = await startProcessStack(
    prefix,
    apps,
    {
      AUTH_RATE_LIMIT_PER_MINUTE: '10000',
      STORAGE_DIR: storageDir,
      TRUST_PROXY: 'loopback',
      ...env,
    },
    { databaseUrl: options.databaseUrl },
  );
  const gateway = stack.processes[apps.indexOf('api-gateway')];
  return {
    gateway,
    processes: stack.processes,
    serviceEnv: stack.serviceEnv,
    nats: stack.client,
    db: stack.db,
    http: new Http(gateway.url),
    storageDir,
    stop: async () => {
      await stack.stop();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

/** Every file under the stack's storage folder (temporary ones included), relative to it. */
export async function storedFiles(stack: GatewayStack): Promise<string[]> {
  const entries = await readdir(stack.storageDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(stack.storageDir, join(entry.parentPath, entry.name)))
    .sort();
}

export interface WorkspaceSetup {
  workspace: c.WorkspaceV1;
  system: c.Actor;
}

export async function newWorkspace(stack: GatewayStack, slug: string): Promise<WorkspaceSetup> {
  const workspace = await stack.nats.rpc.request(c.CREATE_WORKSPACE_V1, { name: slug, slug });
  return { workspace, system: { kind: 'system', workspaceId: workspace.id, teamIds: [] } };
}

export async function newTeam(stack: GatewayStack, setup: WorkspaceSetup, name: string) {
  return stack.nats.rpc.request(c.CREATE_TEAM_V1, { actor: setup.system, name });
}

export interface LoggedInAgent {
  agent: c.AgentV1;
  /** The agent as ticket-core knows it, for setting things up over NATS. */
  actor: c.Actor;
  token: string;
  http: Http;
}

/** An agent created over NATS with a password, logged in through the REST API. */
export async function newAgent(
  stack: GatewayStack,
  setup: WorkspaceSetup,
  fields: { name: string; email: string; role: c.Role; teamIds?: string[] },
): Promise<LoggedInAgent> {
  const agent = await stack.nats.rpc.request(c.UPSERT_AGENT_V1, {
    actor: setup.system,
    teamIds: [],
    ...fields,
  });
  await stack.nats.rpc.request(c.SET_CREDENTIALS_V1, {
    actor: setup.system,
    agentId: agent.id,
    email: fields.email,
    password: PASSWORD,
  });
  const token = await login(stack, fields.email);
  const actor: c.Actor = {
    kind: 'agent',
    workspaceId: agent.workspaceId,
    agentId: agent.id,
    role: agent.role,
    teamIds: agent.teamIds,
  };
  return { agent, actor, token, http: stack.http.as(token) };
}

/** A new workspace and its admin, logged in. */
export async function newWorkspaceAdmin(stack: GatewayStack, slug: string) {
  const setup = await newWorkspace(stack, slug);
  return newAgent(stack, setup, {
    name: `Admin ${slug}`,
    email: `admin@${slug}.test`,
    role: 'admin',
  });
}

export async function login(stack: GatewayStack, email: string, password = PASSWORD) {
  const response = await stack.http.post<{ accessToken: string }>('/api/v1/auth/login', {
    email,
    password,
  });
  if (response.status !== 200) {
    throw new Error(
      `login of ${email} answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }
  return response.body.accessToken;
}

/** A ticket from a customer (a `new` one, as mail, chat or the web form create them). */
export function customerTicket(
  stack: GatewayStack,
  setup: WorkspaceSetup,
  fields: Partial<Omit<c.CreateTicketV1, 'actor'>> = {},
): Promise<c.TicketSummaryV1> {
  return stack.nats.rpc.request(c.CREATE_TICKET_V1, {
    actor: setup.system,
    channel: 'web',
    subject: 'Printer on fire',
    body: 'It is on fire.',
    customer: { email: 'carol@customer.test', name: 'Carol' },
    ...fields,
  });
}

/** Row counts of the tables a refused request must not have touched. */
export async function writes(db: Client): Promise<Record<string, number>> {
  const tables = [
    'ticket_core.tickets',
    'ticket_core.messages',
    'ticket_core.ticket_history',
    'ticket_core.outbox',
    'ticket_core.agents',
    'ticket_core.teams',
    'ticket_core.customers',
    'ticket_core.canned_replies',
    'gateway.api_tokens',
    'gateway.credentials',
    'mail_ingest.mailboxes',
    'chat_gateway.widget_settings',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    counts[table] = Number((await db.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
  }
  // Settings and ticket state are updated in place: their digest changes with any write.
  const digest = await db.query(
    `SELECT md5(string_agg(w::text, '|' ORDER BY w.id)) AS workspaces FROM ticket_core.workspaces w`,
  );
  const tickets = await db.query(
    `SELECT md5(coalesce(string_agg(t.id::text || t.version::text, '|' ORDER BY t.id), '')) AS v
       FROM ticket_core.tickets t`,
  );
  counts[`workspaces:${digest.rows[0].workspaces}`] = 1;
  counts[`tickets:${tickets.rows[0].v}`] = 1;
  const widgets = await db.query(
    `SELECT md5(coalesce(string_agg(w::text, '|' ORDER BY w.workspace_id), '')) AS v
       FROM chat_gateway.widget_settings w`,
  );
  counts[`widgets:${widgets.rows[0].v}`] = 1;
  return counts;
}

/** Rows of the gateway's uploads table: a refused upload or reply must not add any. */
export async function uploadRows(stack: GatewayStack): Promise<number> {
  return Number((await stack.db.query(`SELECT count(*) FROM gateway.uploads`)).rows[0].count);
}

/** A multipart form with one file. */
export function fileForm(field: string, bytes: Uint8Array, name: string, type: string): FormData {
  const form = new FormData();
  form.append(field, new Blob([bytes], { type }), name);
  return form;
}

/** One part of a hand-built multipart body: a text field, or a file when it has a name. */
export interface FormPart {
  field: string;
  value: string | Uint8Array;
  fileName?: string;
  type?: string;
}

const BOUNDARY = 'switchboard-e2e-boundary';

/** The bytes of a multipart/form-data body with these parts, in order. */
export function multipartBody(parts: FormPart[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const file = part.fileName === undefined ? '' : `; filename="${part.fileName}"`;
    const type = part.type === undefined ? '' : `\r\nContent-Type: ${part.type}`;
    chunks.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.field}"${file}${type}\r\n\r\n`,
      ),
      Buffer.from(part.value),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

/**
 * POSTs a multipart body in two halves: the bytes before `pauseAt`, then (once `whilePaused`
 * is done) the rest. Lets a test act while the gateway is in the middle of an upload.
 */
export async function postPaused(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
  pauseAt: number,
  whilePaused: () => Promise<unknown>,
): Promise<Response> {
  let resume!: (error?: Error) => void;
  const resumed = new Promise<Error | undefined>((resolve) => (resume = resolve));
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(body.subarray(0, pauseAt));
      const error = await resumed;
      if (error) {
        controller.error(error);
        return;
      }
      controller.enqueue(body.subarray(pauseAt));
      controller.close();
    },
  });
  const response = fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body: stream,
    duplex: 'half',
  } as RequestInit);
  try {
    await whilePaused();
  } catch (error) {
    resume(error as Error);
    await response.catch(() => undefined);
    throw error;
  }
  resume();
  return response;
}

/** Where the part after the first `count` parts of a `multipartBody` starts. */
export function afterParts(body: Buffer, count: number): number {
  let at = -1;
  for (let seen = 0; seen <= count; seen++) at = body.indexOf(`--${BOUNDARY}`, at + 1);
  // Up to and including the delimiter: the parser then knows the previous part has ended.
  return at + `--${BOUNDARY}`.length;
}

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** The start of a Windows executable: file-type knows it as application/x-msdownload. */
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512, 0x90)]);
