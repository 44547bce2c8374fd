import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per upload, with what the gateway checked: the sanitized name, the type decided from
 * the bytes and the stored size. A reply's attachment takes these, never the client's claims.
 * The same content may be uploaded again (under another name, by another request), so rows are
 * no longer one per (workspace, key); a refused request removes exactly the rows it wrote.
 * Rows from before this migration have no record: they still hold their content in storage, but
 * a reply cannot attach them (the file is uploaded again).
 */
export class UploadRecords1795300000000 implements MigrationInterface {
  name = 'UploadRecords1795300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE uploads
        ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid(),
        ADD COLUMN name text,
        ADD COLUMN content_type text,
        ADD COLUMN size bigint CHECK (size >= 0),
        ADD CONSTRAINT uploads_recorded
          CHECK ((name IS NULL) = (content_type IS NULL) AND (name IS NULL) = (size IS NULL)),
        DROP CONSTRAINT uploads_pkey,
        ADD PRIMARY KEY (id)`);
    // Serves both "this workspace's uploads of these keys" and "does any upload still use it".
    await queryRunner.query(`CREATE INDEX uploads_key ON uploads (key, workspace_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Back to one row per (workspace, key): the first upload of each stays.
    await queryRunner.query(`
      DELETE FROM uploads later USING uploads first
       WHERE later.workspace_id = first.workspace_id AND later.key = first.key
         AND (later.created_at, later.id) > (first.created_at, first.id)`);
    await queryRunner.query(`DROP INDEX uploads_key`);
    await queryRunner.query(`
      ALTER TABLE uploads
        DROP CONSTRAINT uploads_pkey,
        DROP COLUMN id,
        DROP COLUMN name,
        DROP COLUMN content_type,
        DROP COLUMN size,
        ADD PRIMARY KEY (workspace_id, key)`);
  }
}
