import { NatsConnection, NatsRpcClient } from '@switchboard/messaging';

export interface TestNatsClient {
  nats: NatsConnection;
  rpc: NatsRpcClient;
  close(): Promise<void>;
}

/** A NATS connection of the test's own, with the same request helper the services use. */
export async function connectTestClient(
  servers: string,
  namespace: string,
): Promise<TestNatsClient> {
  const nats = new NatsConnection({ servers, namespace, name: 'test-client' });
  await nats.connect();
  return { nats, rpc: new NatsRpcClient(nats), close: () => nats.onApplicationShutdown() };
}
