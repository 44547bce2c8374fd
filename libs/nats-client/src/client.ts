import { jetstream } from '@nats-io/jetstream';
import {
  connect,
  credsAuthenticator,
  headers as natsHeaders,
  type Msg,
  type NatsConnection,
} from '@nats-io/transport-node';
import {
  ErrorCode,
  Headers,
  IntegrationSubject,
  ReplyOf,
  RequestOf,
  integrationInboxPrefix,
} from '@switchboard/contracts';
import { randomUUID } from 'node:crypto';
import { credentialIdFromCreds } from './credentials';
import { SwitchboardError, decodeReply, transportError } from './errors';
import { EventHandler, EventOptions, EventSubscription, consumeEvents } from './events';
import { eventStreamName, isIntegrationSubject, requestSubject } from './subjects';

export interface ConnectOptions {
  /** NATS server URL(s), e.g. `nats://switchboard.example.com:4222`. */
  servers: string | string[];
  /** The text of the `.creds` file (user JWT and seed) an admin issued for this integration. */
  credentials: string;
  /** The Switchboard deployment's NATS_NAMESPACE, if it sets one (usually not). */
  namespace?: string;
  /** The connection's name in the NATS server's monitoring. */
  name?: string;
}

export interface RequestOptions {
  /** How long to wait for the reply. Default 5 s. */
  timeoutMs?: number;
  /** Sent as `x-correlation-id`: Switchboard's logs of this request carry it. A new one by default. */
  correlationId?: string;
}

/** Payloads as an integration sends them: the bridge sets `actor` from the credential. */
export type IntegrationRequest<S extends IntegrationSubject> = Omit<RequestOf<S>, 'actor'>;

export interface IntegrationClient {
  /** The credential's id: its subjects, inbox and event consumer are named after it. */
  readonly credentialId: string;
  /** Sends a query or command and returns its reply; a failure throws a SwitchboardError. */
  request<S extends IntegrationSubject>(
    subject: S,
    payload: IntegrationRequest<S>,
    options?: RequestOptions,
  ): Promise<ReplyOf<S>>;
  /** Handles the workspace's events, one at a time, from the credential's durable consumer. */
  events(handler: EventHandler, options?: EventOptions): EventSubscription;
  /** Stops every event subscription, then drains and closes the connection. */
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * Connects as an integration. The credential id is read from the credentials themselves; replies
 * come to the credential's own inbox prefix, the only one the server lets it subscribe to (any
 * other and every request would fail with a permissions error).
 */
export async function connectIntegration(options: ConnectOptions): Promise<IntegrationClient> {
  const credentialId = credentialIdFromCreds(options.credentials);
  const nc = await connect({
    servers: options.servers,
    authenticator: credsAuthenticator(new TextEncoder().encode(options.credentials)),
    inboxPrefix: integrationInboxPrefix(credentialId),
    name: options.name ?? `switchboard-integration-${credentialId}`,
    // An integration is a long-running service: reconnect for as long as it takes (the default
    // gives up after ten attempts, about 20 s, which a NATS restart can outlast).
    maxReconnectAttempts: -1,
  });
  return new Client(nc, credentialId, options.namespace ?? '');
}

class Client implements IntegrationClient {
  private readonly subscriptions = new Set<EventSubscription>();

  constructor(
    private readonly nc: NatsConnection,
    readonly credentialId: string,
    private readonly namespace: string,
  ) {}

  async request<S extends IntegrationSubject>(
    subject: S,
    payload: IntegrationRequest<S>,
    options: RequestOptions = {},
  ): Promise<ReplyOf<S>> {
    // The server would refuse it too, but only as a permissions error after the timeout's worth
    // of waiting for nothing; say at once which subject it was.
    if (!isIntegrationSubject(subject))
      throw new SwitchboardError(
        ErrorCode.FORBIDDEN,
        `${String(subject)} is not open to integrations`,
        undefined,
        subject,
      );
    const headers = natsHeaders();
    headers.set(Headers.correlationId, options.correlationId ?? randomUUID());
    // The services' request framing (NestJS's, documented in asyncapi.json): the bridge forwards
    // `data` with the credential's actor, to the service subject named in `pattern`.
    const body = JSON.stringify({ pattern: subject, data: payload, id: randomUUID() });
    let reply: Msg;
    try {
      reply = await this.nc.request(
        requestSubject(this.credentialId, subject, this.namespace),
        body,
        { timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, headers },
      );
    } catch (error) {
      throw transportError(subject, error);
    }
    return decodeReply<ReplyOf<S>>(subject, reply.string());
  }

  events(handler: EventHandler, options?: EventOptions): EventSubscription {
    const subscription = consumeEvents(
      jetstream(this.nc),
      eventStreamName(this.namespace),
      // api-gateway made this durable consumer, named after the credential, when it was issued.
      this.credentialId,
      this.namespace,
      handler,
      options,
    );
    this.subscriptions.add(subscription);
    const forget = () => void this.subscriptions.delete(subscription);
    void subscription.closed.then(forget, forget);
    return subscription;
  }

  async close(): Promise<void> {
    // Handlers finish and their acks are published before the connection goes; drain then
    // flushes those acks to the server.
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    if (this.nc.isClosed()) return;
    if (this.nc.isDraining()) {
      await this.nc.closed();
      return;
    }
    await this.nc.drain();
  }
}
