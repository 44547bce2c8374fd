/**
 * An example integration: labels every ticket that came in by mail.
 *
 *   SWITCHBOARD_NATS_URL=nats://localhost:4222 SWITCHBOARD_CREDS_FILE=./label-bot.creds \
 *     node dist/examples/label-mail-tickets/main.js
 *
 * SWITCHBOARD_NATS_NAMESPACE is the deployment's NATS_NAMESPACE, if it sets one; LABEL the label
 * to add (default `from-mail`). The credential needs the `agent` role (it changes labels). Prints
 * `ready` once it is reading events and `labelled ticket <id>` for each ticket it labels; stops
 * on SIGTERM or SIGINT.
 */
import {
  type EventOf,
  type IntegrationClient,
  SwitchboardError,
  connectIntegration,
} from '@switchboard/nats-client';
import { readFileSync } from 'node:fs';

const TICKET_CREATED = 'helpdesk.evt.ticket.created.v1';

interface Settings {
  servers: string[];
  credentials: string;
  namespace?: string;
  label: string;
}

/** The settings from the environment, or a message saying what is missing. */
function settings(env: NodeJS.ProcessEnv): Settings | string {
  const url = env.SWITCHBOARD_NATS_URL;
  const credsFile = env.SWITCHBOARD_CREDS_FILE;
  if (!credsFile)
    return 'SWITCHBOARD_CREDS_FILE is not set: the path of the .creds file issued for this integration';
  if (!url) return 'SWITCHBOARD_NATS_URL is not set: the NATS server, e.g. nats://localhost:4222';
  let credentials: string;
  try {
    credentials = readFileSync(credsFile, 'utf8');
  } catch (error) {
    return `cannot read SWITCHBOARD_CREDS_FILE (${credsFile}): ${(error as Error).message}`;
  }
  return {
    servers: url.split(',').map((server) => server.trim()),
    credentials,
    namespace: env.SWITCHBOARD_NATS_NAMESPACE || undefined,
    label: env.LABEL || 'from-mail',
  };
}

/** Labels one new ticket if it came by mail. Throws only what is worth trying again. */
async function labelIfMail(
  client: IntegrationClient,
  created: EventOf<typeof TICKET_CREATED>,
  label: string,
): Promise<void> {
  try {
    // The event carries a snapshot of the ticket; ask for it only if an event ever comes without.
    const channel =
      created.ticket?.channel ??
      (await client.request('helpdesk.qry.ticket.get.v1', { ticketId: created.ticketId })).channel;
    if (channel !== 'mail') return;
    // Adding a label the ticket already has changes nothing, so a redelivered event is harmless.
    await client.request('helpdesk.cmd.ticket.change-labels.v1', {
      ticketId: created.ticketId,
      add: [label],
      remove: [],
    });
    console.log(`labelled ticket ${created.ticketId}`);
  } catch (error) {
    // Busy or down: throw, so the event comes back later. Anything else (the ticket was deleted,
    // the credential is read-only) would fail the same again: say so and go on.
    if (error instanceof SwitchboardError && !error.retryable) {
      console.error(`ticket ${created.ticketId} not labelled: ${error.code}: ${error.message}`);
      return;
    }
    console.error(`ticket ${created.ticketId} not labelled yet, will retry: ${String(error)}`);
    throw error;
  }
}

async function main(): Promise<void> {
  const config = settings(process.env);
  if (typeof config === 'string') {
    console.error(config);
    process.exitCode = 1;
    return;
  }
  const client = await connectIntegration({
    servers: config.servers,
    credentials: config.credentials,
    namespace: config.namespace,
    name: 'label-mail-tickets',
  });
  const subscription = client.events(
    // Only ticket.created reaches the handler (`subjects`), so its data is that event's.
    (event) => labelIfMail(client, event.data as EventOf<typeof TICKET_CREATED>, config.label),
    { subjects: [TICKET_CREATED] },
  );

  // The ticket being handled is finished (and acknowledged) first; the loop's end below closes.
  const stop = () => void subscription.stop();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  try {
    await subscription.ready;
    console.log('ready');
    await subscription.closed;
  } catch (error) {
    // The loop could not start or ended on its own (e.g. the credential was revoked).
    console.error(`cannot read the integration's events: ${(error as Error).message}`);
    process.exitCode = 1;
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    await client.close();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 1;
});
