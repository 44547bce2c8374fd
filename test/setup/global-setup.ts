import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { adminQuery, adminUrl, databaseUrlFor, natsUrl, testRunKeys } from '@switchboard/testing';
import { migrateAll } from '../../tools/migrate';

/**
 * One fresh database per run, migrated like production and dropped afterwards (global-teardown),
 * and a NATS namespace per run so parallel runs on one server never see each other's messages.
 * What the tests need is handed to jest's workers through the environment, which they inherit.
 */
export default async function setup(): Promise<void> {
  // The migrations' progress lines would bury the first test results.
  Logger.overrideLogger(['error', 'warn']);
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const prefix = `switchboard_test_${runId}`;
  const template = `${prefix}_template`;
  const shared = `${prefix}_shared`;
  // Migrated once; every test database is a cheap copy of it (CREATE DATABASE … TEMPLATE).
  await adminQuery(`CREATE DATABASE "${template}"`);
  await migrateAll(databaseUrlFor(template));
  await adminQuery(`CREATE DATABASE "${shared}" TEMPLATE "${template}"`);
  process.env[testRunKeys.databaseUrl] = databaseUrlFor(shared);
  process.env[testRunKeys.adminDatabaseUrl] = adminUrl;
  process.env[testRunKeys.templateDatabase] = template;
  process.env[testRunKeys.natsUrl] = natsUrl;
  process.env[testRunKeys.natsNamespace] = `run${runId}`;
}
