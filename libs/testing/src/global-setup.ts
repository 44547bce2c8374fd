import 'reflect-metadata';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateAll } from '../../../tools/migrate';

const adminUrl =
  process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Stream and consumer names of a namespace start with it (see NatsConnection.name). */
async function deleteNamespaceStreams(namespace: string): Promise<void> {
  const connection = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(connection);
    for await (const stream of jsm.streams.list()) {
      if (stream.config.name.startsWith(`${namespace}`))
        await jsm.streams.delete(stream.config.name);
    }
  } finally {
    await connection.close();
  }
}

/**
 * One fresh database per run, migrated like production and dropped afterwards, and a NATS
 * namespace per run so parallel runs on one server never see each other's messages.
 */
export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const prefix = `switchboard_test_${runId}`;
  const template = `${prefix}_template`;
  const shared = `${prefix}_shared`;
  const namespace = `run${runId}`;
  // Migrated once; every test database is a cheap copy of it (CREATE DATABASE … TEMPLATE).
  await admin((client) => client.query(`CREATE DATABASE "${template}"`));
  await migrateAll(databaseUrlFor(template));
  await admin((client) => client.query(`CREATE DATABASE "${shared}" TEMPLATE "${template}"`));
  project.provide('databaseUrl', databaseUrlFor(shared));
  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', template);
  project.provide('natsUrl', natsUrl);
  project.provide('natsNamespace', namespace);
  return async () => {
    await admin(async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1`,
        [`${prefix}%`],
      );
      for (const { datname } of rows) {
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    });
    await deleteNamespaceStreams(namespace).catch(() => undefined);
  };
}

function databaseUrlFor(database: string): string {
  return adminUrl.replace(/\/[^/]*$/, `/${database}`);
}
