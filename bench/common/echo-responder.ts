import 'reflect-metadata';
import { NatsConnection } from '@switchboard/messaging';
import { ECHO_SUBJECT } from './echo-floor';

/**
 * The echo floor's responder, a process of its own like a service: answers every request on the
 * echo subject at once with a fixed reply of ECHO_REPLY_BYTES, framed as Nest's transport frames
 * replies. Prints "ready" when subscribed; exits on SIGTERM.
 */
async function main(): Promise<void> {
  const nats = new NatsConnection({
    servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    namespace: process.env.NATS_NAMESPACE ?? '',
    name: 'bench-echo',
  });
  await nats.connect();
  const reply = JSON.stringify({
    response: { padding: 'x'.repeat(Number(process.env.ECHO_REPLY_BYTES ?? 0)) },
  });
  nats.client.subscribe(nats.subject(ECHO_SUBJECT), {
    callback: (error, message) => {
      if (!error) message.respond(reply);
    },
  });
  await nats.client.flush();
  console.log('ready');
  process.once('SIGTERM', () => {
    void nats.onApplicationShutdown().then(() => process.exit(0));
  });
}

main().catch((error: Error) => {
  console.error(`echo responder failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
