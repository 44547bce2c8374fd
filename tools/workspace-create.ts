import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import {
  Actor,
  CREATE_WORKSPACE_V1,
  ErrorCode,
  FIND_WORKSPACE_V1,
  SET_CREDENTIALS_V1,
  UPSERT_AGENT_V1,
} from '@switchboard/contracts';
import {
  NatsConnection,
  NatsRpcClient,
  ServiceException,
  natsAuthFrom,
} from '@switchboard/messaging';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

/**
 * `npm run workspace:create -- --name "Acme Support" --admin-email ada@acme.test [--slug acme]
 * [--admin-name Ada]`: an operator's command. Creates a workspace with its first admin over
 * NATS (NATS_URL, NATS_NAMESPACE; as the operator's NATS user), and prints the admin's first
 * password, made here at random and shown once: it opens no session until the admin chose their
 * own at sign-in. A slug that is taken is refused: the command never adds an admin to a
 * workspace that exists.
 */
export interface NewWorkspace {
  name: string;
  slug: string;
  adminEmail: string;
  adminName: string;
}

export interface CreatedWorkspace {
  workspaceId: string;
  adminId: string;
  password: string;
}

/** A slug from a name: "Acme Support GmbH" → "acme-support-gmbh". */
export function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

export async function createWorkspace(
  rpc: NatsRpcClient,
  input: NewWorkspace,
): Promise<CreatedWorkspace> {
  const taken = await rpc.request(FIND_WORKSPACE_V1, { slug: input.slug }).then(
    () => true,
    (error: unknown) => {
      if (error instanceof ServiceException && error.code === ErrorCode.NOT_FOUND) return false;
      throw error;
    },
  );
  if (taken) throw new Error(`a workspace with slug "${input.slug}" exists: choose another --slug`);
  const workspace = await rpc.request(CREATE_WORKSPACE_V1, { name: input.name, slug: input.slug });
  const actor: Actor = { kind: 'system', workspaceId: workspace.id, teamIds: [] };
  const admin = await rpc.request(UPSERT_AGENT_V1, {
    actor,
    name: input.adminName,
    email: input.adminEmail,
    role: 'admin',
    teamIds: [],
  });
  const password = randomBytes(18).toString('base64url');
  await rpc.request(SET_CREDENTIALS_V1, {
    actor,
    agentId: admin.id,
    email: input.adminEmail,
    password,
    // One use: it opens the desk only to choose the admin's own password.
    temporary: true,
  });
  return { workspaceId: workspace.id, adminId: admin.id, password };
}

function usage(problem: string): never {
  console.error(
    `${problem}\nusage: npm run workspace:create -- --name "Acme Support" --admin-email ada@acme.test [--slug acme] [--admin-name Ada]`,
  );
  process.exit(64); // EX_USAGE
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      slug: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
    },
  });
  if (!values.name) usage('--name is required');
  if (!values['admin-email']) usage('--admin-email is required');
  const input: NewWorkspace = {
    name: values.name,
    slug: values.slug ?? slugOf(values.name),
    adminEmail: values['admin-email'].toLowerCase(),
    adminName: values['admin-name'] ?? values['admin-email'].split('@')[0],
  };
  if (!input.slug) usage('the name gives no slug: pass --slug');

  // The NATS connection's routine lines (connected, draining) are noise for a one-shot command.
  Logger.overrideLogger(['warn', 'error', 'fatal']);
  const nats = new NatsConnection({
    servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    namespace: process.env.NATS_NAMESPACE ?? '',
    name: 'workspace-create',
    // The operator's credentials (NATS_CREDS_FILE=…/operator.creds): the only user that creates
    // workspaces.
    ...natsAuthFrom(process.env),
  });
  await nats.connect();
  try {
    const created = await createWorkspace(new NatsRpcClient(nats), input);
    console.log(`workspace "${input.name}" (${input.slug}): ${created.workspaceId}`);
    console.log(`admin: ${input.adminEmail}`);
    console.log(`first password: ${created.password}`);
    console.log('One use only: signing in to the desk with it asks for a password of your own.');
  } finally {
    await nats.onApplicationShutdown();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: Error) => {
      console.error(`workspace:create failed: ${error.message}`);
      process.exit(1);
    },
  );
}
