import * as c from '@switchboard/contracts';
import {
  ServiceProcess,
  TestNatsClient,
  connectTestClient,
  createTestDatabase,
  testEnv,
  uniqueNamespace,
} from '@switchboard/testing';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const PASSWORD = 'correct horse battery staple';

export interface StackAgent {
  agent: c.AgentV1;
  actor: c.Actor;
  accessToken: string;
}

/** ticket-core and the gateway as processes, with a storage folder of the test's own. */
export class GatewayStack {
  private constructor(
    readonly gateway: ServiceProcess,
    private readonly services: ServiceProcess[],
    readonly client: TestNatsClient,
    readonly storageDir: string,
  ) {}

  static async start(prefix: string, env: Record<string, string> = {}): Promise<GatewayStack> {
    const storageDir = await mkdtemp(join(tmpdir(), `switchboard-${prefix}-`));
    const namespace = uniqueNamespace(prefix);
    const common = {
      DATABASE_URL: await createTestDatabase(),
      NATS_URL: testEnv().natsUrl,
      NATS_NAMESPACE: namespace,
      STORAGE_DIR: storageDir,
      ...env,
    };
    const services = await Promise.all([
      ServiceProcess.start('ticket-core', { env: common }),
      ServiceProcess.start('api-gateway', { env: common }),
    ]);
    const client = await connectTestClient(testEnv().natsUrl, namespace);
    return new GatewayStack(services[1], services, client, storageDir);
  }

  async stop(): Promise<void> {
    await this.client.close();
    await Promise.all(this.services.map((service) => service.stop()));
    await rm(this.storageDir, { recursive: true, force: true });
  }

  get rpc() {
    return this.client.rpc;
  }

  /** A workspace with an admin who can log in to the gateway. */
  async workspaceWithAdmin(slug: string): Promise<StackAgent> {
    const workspace = await this.rpc.request(c.CREATE_WORKSPACE_V1, { name: slug, slug });
    const system: c.Actor = { kind: 'system', workspaceId: workspace.id, teamIds: [] };
    const email = `admin@${slug}.test`;
    const agent = await this.rpc.request(c.UPSERT_AGENT_V1, {
      actor: system,
      name: `Admin ${slug}`,
      email,
      role: 'admin',
      teamIds: [],
    });
    await this.rpc.request(c.SET_CREDENTIALS_V1, {
      actor: system,
      agentId: agent.id,
      email,
      password: PASSWORD,
    });
    const login = await fetch(`${this.gateway.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.200.0.${slug.length}` },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const actor: c.Actor = {
      kind: 'agent',
      workspaceId: workspace.id,
      agentId: agent.id,
      role: 'admin',
      teamIds: [],
    };
    return { agent, actor, accessToken };
  }

  /** Every file under the storage folder (temporary ones included), relative to it. */
  async storedFiles(): Promise<string[]> {
    const entries = await readdir(this.storageDir, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => relative(this.storageDir, join(entry.parentPath, entry.name)))
      .sort();
  }
}

/** A multipart form with one file. */
export function fileForm(field: string, bytes: Uint8Array, name: string, type: string): FormData {
  const form = new FormData();
  form.append(field, new Blob([bytes], { type }), name);
  return form;
}

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** The start of a Windows executable: file-type knows it as application/x-msdownload. */
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512, 0x90)]);
