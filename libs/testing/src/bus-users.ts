import { BusUser } from '@switchboard/contracts';
import { BUS_FILES, NatsConnection, busServiceEnv, writeBusFiles } from '@switchboard/messaging';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A deployment's bus as `npm run nats:credentials` makes it, with fresh keys in a temporary
 * folder: the server configuration a test's nats-server includes, and each service's
 * credentials.
 */
export class BusUsers {
  private constructor(readonly dir: string) {}

  static async create(namespace = ''): Promise<BusUsers> {
    const users = new BusUsers(mkdtempSync(join(tmpdir(), 'switchboard-bus-')));
    await writeBusFiles(users.dir, namespace);
    return users;
  }

  /** The server's auth.conf: NatsServerProcess's configFile or NatsCluster's authorizationFile. */
  get serverConfigFile(): string {
    return join(this.dir, BUS_FILES.serverConfig);
  }

  credentialsFile(user: BusUser): string {
    return join(this.dir, BUS_FILES.credentials(user));
  }

  /** A service's own credentials (and, for the bridge, the integration signing keys). */
  serviceEnv(user: BusUser): Record<string, string> {
    return busServiceEnv(this.dir, user);
  }

  /** A connection as one user (none: anonymous), closed again when the server refuses it. */
  async connect(
    servers: string,
    user?: BusUser,
    credentials = user && readFileSync(this.credentialsFile(user), 'utf8'),
  ): Promise<NatsConnection> {
    const nats = new NatsConnection({
      servers,
      namespace: '',
      name: `test-${user ?? 'anonymous'}`,
      credentials,
    });
    try {
      await nats.connect();
      return nats;
    } catch (error) {
      await nats.onApplicationShutdown();
      throw error;
    }
  }

  destroy(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
