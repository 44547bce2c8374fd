import { dataSourceOptions, runMigrations } from '@switchboard/database';
import { createTestDatabase } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { apiGatewayDatabase } from '../src/database';

const KEY = 'a'.repeat(64);

const MIGRATION = 'UploadRecords1795300000000';
/** The migrations from this one on, as runMigrations applies them again. */
const FROM_MIGRATION = (apiGatewayDatabase.migrations as (new () => { name?: string })[])
  .map((migration) => new migration().name!)
  .filter((_, index, names) => index >= names.indexOf(MIGRATION));

/** Reverts the migrations back to before UploadRecords (the later ones first). */
async function undoThroughMigration(url: string): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(apiGatewayDatabase, url));
  await dataSource.initialize();
  try {
    for (let undone = 0; undone < FROM_MIGRATION.length; undone++)
      await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

/**
 * UploadRecords1795300000000 on an installation that already has uploads: their rows stay (they
 * still hold their content in storage) without a record, and new uploads of the same content get
 * rows of their own. Reverting keeps one row per workspace and key.
 */
describe('uploads gain their checked name, type and size on an existing installation', () => {
  let url: string;
  let db: Client;
  const workspaceId = randomUUID();

  beforeAll(async () => {
    url = await createTestDatabase();
    db = new Client({ connectionString: url });
    await db.connect();
    await undoThroughMigration(url);
    await db.query(`INSERT INTO gateway.uploads (workspace_id, key) VALUES ($1, $2)`, [
      workspaceId,
      KEY,
    ]);
    expect(await runMigrations(apiGatewayDatabase, url)).toEqual(FROM_MIGRATION);
  });

  afterAll(async () => {
    await db?.end();
  });

  it('keeps the earlier upload, without a record, beside new uploads of the same content', async () => {
    for (const name of ['a.txt', 'b.txt']) {
      await db.query(
        `INSERT INTO gateway.uploads (workspace_id, key, name, content_type, size)
         VALUES ($1, $2, $3, 'text/plain', 12)`,
        [workspaceId, KEY, name],
      );
    }
    const { rows } = await db.query(
      `SELECT name, content_type, size FROM gateway.uploads ORDER BY created_at, name NULLS FIRST`,
    );
    expect(rows).toEqual([
      { name: null, content_type: null, size: null },
      { name: 'a.txt', content_type: 'text/plain', size: '12' },
      { name: 'b.txt', content_type: 'text/plain', size: '12' },
    ]);
  });

  it('refuses a half-recorded upload', async () => {
    await expect(
      db.query(
        `INSERT INTO gateway.uploads (workspace_id, key, content_type) VALUES ($1, $2, 'text/plain')`,
        [workspaceId, KEY],
      ),
    ).rejects.toThrow(/uploads_recorded/);
  });

  it('reverts to one row per workspace and key, and applies again', async () => {
    await undoThroughMigration(url);
    const { rows } = await db.query(`SELECT workspace_id, key FROM gateway.uploads`);
    expect(rows).toEqual([{ workspace_id: workspaceId, key: KEY }]);
    expect(await runMigrations(apiGatewayDatabase, url)).toEqual(FROM_MIGRATION);
  });
});
