import { BUS_USERS, BusUser, natsPasswordVariable } from '@switchboard/contracts';
import {
  NATS_AUTHORIZATION_FILE,
  NatsConnection,
  randomNatsPassword,
} from '@switchboard/messaging';
import { resolve } from 'node:path';

/**
 * The bus's users as deployed (deploy/nats/authorization.conf), each with a fresh password: what
 * a test's nats-server is configured with, and what each service or probe signs in with.
 */
export class BusUsers {
  readonly passwords = Object.fromEntries(
    BUS_USERS.map((user) => [user, randomNatsPassword()]),
  ) as Record<BusUser, string>;

  /** The committed authorization, for NatsServerProcess's configFile or NatsCluster's include. */
  readonly authorizationFile = resolve(__dirname, '../../..', NATS_AUTHORIZATION_FILE);

  /** The variables the authorization reads the passwords from, for the server's environment. */
  serverEnv(): Record<string, string> {
    return Object.fromEntries(
      BUS_USERS.map((user) => [natsPasswordVariable(user), this.passwords[user]]),
    );
  }

  /** A service's own user. */
  serviceEnv(user: BusUser): Record<string, string> {
    return { NATS_USER: user, NATS_PASSWORD: this.passwords[user] };
  }

  /** A connection as one user (none: anonymous), closed again when the server refuses it. */
  async connect(
    servers: string,
    user?: BusUser,
    password = user && this.passwords[user],
  ): Promise<NatsConnection> {
    const nats = new NatsConnection({
      servers,
      namespace: '',
      name: `test-${user ?? 'anonymous'}`,
      user,
      password,
    });
    try {
      await nats.connect();
      return nats;
    } catch (error) {
      await nats.onApplicationShutdown();
      throw error;
    }
  }
}
