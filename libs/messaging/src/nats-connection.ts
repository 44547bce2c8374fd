import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { JetStreamClient, JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  NatsConnection as Connection,
  connect,
  credsAuthenticator,
  errors,
} from '@nats-io/transport-node';
import { credentialsName } from './bus-keys';
import { inboxPrefix } from '@switchboard/contracts';
import type { ReadinessProbe } from '@switchboard/observability';
import { retryWhileElecting } from './jetstream-retry';
import { readFileSync } from 'node:fs';

export interface NatsSettings {
  servers: string;
  /** Prefix for every subject and stream; empty in production (see NATS_NAMESPACE). */
  namespace: string;
  /** Client name shown by the NATS server's monitoring. */
  name: string;
  /** JetStream replicas for the streams this process provisions. */
  streamReplicas?: number;
  /** The bus user's credentials file (its text); none on an open server. */
  credentials?: string;
}

/** The variable a process names its NATS credentials with (ServiceConfig declares it). */
export interface NatsAuthVariables {
  NATS_CREDS_FILE?: string;
}

/** The credentials of the file NATS_CREDS_FILE names (`npm run nats:credentials` writes them). */
export function natsAuthFrom(env: NatsAuthVariables): Pick<NatsSettings, 'credentials'> {
  if (!env.NATS_CREDS_FILE) return {};
  return { credentials: readFileSync(env.NATS_CREDS_FILE, 'utf8') };
}

/** The server refused the credentials: retrying cannot help, so the process stops. */
export class NatsAuthenticationError extends Error {}

const MAX_BACKOFF_MS = 2000;

/**
 * The one NATS connection of the process. It waits for the server at startup, then reconnects
 * forever with capped exponential backoff, logging every change of state.
 */
@Injectable()
export class NatsConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(NatsConnection.name);
  private connection?: Connection;
  private connected = false;
  private reconnectAttempts = 0;
  private jetStreamClient?: JetStreamClient;
  private jetStreamManager?: JetStreamManager;

  constructor(readonly settings: NatsSettings) {}

  async connect(): Promise<void> {
    if (this.connection) return;
    const { credentials } = this.settings;
    const user = credentials ? credentialsName(credentials) : undefined;
    try {
      this.connection = await connect({
        servers: this.settings.servers.split(','),
        name: this.settings.name,
        // Replies come to an inbox only this user may subscribe to.
        ...(credentials && user
          ? {
              authenticator: credsAuthenticator(new TextEncoder().encode(credentials)),
              inboxPrefix: inboxPrefix(user),
            }
          : {}),
        waitOnFirstConnect: true,
        maxReconnectAttempts: -1,
        reconnectDelayHandler: () => {
          const delay = Math.min(100 * 2 ** this.reconnectAttempts++, MAX_BACKOFF_MS);
          return delay + Math.floor(Math.random() * 100);
        },
        pingInterval: 10_000,
        // Without this every request builds two Error objects up front (a stack trace for the
        // case it fails): a tenth of the gateway's CPU. Our errors carry codes, not call stacks.
        noAsyncTraces: true,
      });
    } catch (error) {
      // Wrong or missing credentials: retrying cannot help, so the process is told to stop.
      if (error instanceof errors.AuthorizationError)
        throw new NatsAuthenticationError(
          `NATS refused ${user ? `the credentials of user "${user}"` : 'a connection without credentials'} ` +
            '(set NATS_CREDS_FILE to the file `npm run nats:credentials` wrote for it, see deploy/README.md)',
        );
      throw error;
    }
    this.connected = true;
    this.logger.log(`connected to NATS at ${this.connection.getServer()}`);
    void this.watchStatus(this.connection);
    this.jetStreamClient = jetstream(this.connection, { timeout: 5000 });
    const connection = this.connection;
    this.jetStreamManager = await retryWhileElecting('JetStream', this.logger, () =>
      jetstreamManager(connection, { timeout: 5000 }),
    );
  }

  get client(): Connection {
    if (!this.connection) throw new Error('NATS is not connected yet');
    return this.connection;
  }

  get js(): JetStreamClient {
    if (!this.jetStreamClient) throw new Error('NATS is not connected yet');
    return this.jetStreamClient;
  }

  get jsm(): JetStreamManager {
    if (!this.jetStreamManager) throw new Error('NATS is not connected yet');
    return this.jetStreamManager;
  }

  get isConnected(): boolean {
    return this.connected && !!this.connection && !this.connection.isClosed();
  }

  /** The subject as it is on the wire: namespaced when a namespace is set. */
  subject(subject: string): string {
    return this.settings.namespace ? `${this.settings.namespace}.${subject}` : subject;
  }

  /** The subject as the contracts know it: the namespace taken off. */
  unqualified(subject: string): string {
    const prefix = this.settings.namespace ? `${this.settings.namespace}.` : '';
    return prefix && subject.startsWith(prefix) ? subject.slice(prefix.length) : subject;
  }

  /** A stream or durable-consumer name, namespaced like subjects. */
  name(name: string): string {
    return this.settings.namespace ? `${this.settings.namespace}_${name}` : name;
  }

  private async watchStatus(connection: Connection): Promise<void> {
    for await (const status of connection.status()) {
      switch (status.type) {
        case 'disconnect':
          this.connected = false;
          this.logger.warn(`disconnected from NATS at ${status.server}`);
          break;
        case 'reconnecting':
          this.logger.debug('reconnecting to NATS');
          break;
        case 'reconnect':
          this.connected = true;
          this.reconnectAttempts = 0;
          this.logger.log(`reconnected to NATS at ${status.server}`);
          break;
        case 'error':
          this.logger.error(`NATS error: ${status.error}`);
          break;
        case 'ldm':
          this.logger.warn('NATS server entering lame-duck mode');
          break;
        default:
          break;
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const connection = this.connection;
    if (!connection || connection.isClosed()) return;
    this.connected = false;
    this.logger.log('draining the NATS connection');
    // Drain delivers what is in flight, then closes; a dead server must not hold up shutdown.
    await Promise.race([
      connection.drain().catch(() => connection.close()),
      new Promise((resolve) => setTimeout(resolve, 3000).unref()),
    ]);
    if (!connection.isClosed()) await connection.close();
  }
}

/** Ready while the connection is up and the server answers a round trip. */
@Injectable()
export class NatsReadiness implements ReadinessProbe {
  readonly name = 'nats';
  constructor(private readonly nats: NatsConnection) {}

  async check(): Promise<boolean> {
    if (!this.nats.isConnected) return false;
    await this.nats.client.flush();
    return true;
  }
}
