import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { adminQuery, natsUrl, testRun } from '@switchboard/testing';

/** Stream and consumer names of a namespace start with it (see NatsConnection.name). */
async function deleteNamespaceStreams(namespace: string): Promise<void> {
  const connection = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(connection);
    for await (const stream of jsm.streams.list()) {
      if (stream.config.name.startsWith(namespace)) await jsm.streams.delete(stream.config.name);
    }
  } finally {
    await connection.close();
  }
}

/** Drops every database of the run (the template, the shared one, each test's copy). */
export default async function teardown(): Promise<void> {
  const { templateDatabase, natsNamespace } = testRun();
  const prefix = templateDatabase.replace(/_template$/, '');
  const { rows } = await adminQuery<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE $1`,
    [`${prefix}%`],
  );
  for (const { datname } of rows) {
    await adminQuery(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  await deleteNamespaceStreams(natsNamespace).catch(() => undefined);
}
