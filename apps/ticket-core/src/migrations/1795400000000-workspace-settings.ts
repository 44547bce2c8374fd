import { MigrationInterface, QueryRunner } from 'typeorm';

/** The attachment types a new workspace accepts: images, PDF, text, CSV, zip and Office files. */
export const DEFAULT_ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

/**
 * Workspace settings beyond the ticket timings: business hours (with their time zone) for the
 * chat's out-of-hours answer, and the attachment size and type limits (25 MB by default).
 */
export class WorkspaceSettings1795400000000 implements MigrationInterface {
  name = 'WorkspaceSettings1795400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const types = DEFAULT_ATTACHMENT_TYPES.map((type) => `'${type}'`).join(', ');
    await queryRunner.query(`
      ALTER TABLE workspaces
        ADD COLUMN business_hours jsonb NOT NULL DEFAULT '{"timeZone":"UTC","periods":[]}'
          CHECK (jsonb_typeof(business_hours) = 'object'),
        ADD COLUMN attachment_max_bytes int NOT NULL DEFAULT 26214400
          CHECK (attachment_max_bytes >= 1),
        ADD COLUMN attachment_types text[] NOT NULL DEFAULT ARRAY[${types}]::text[]`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE workspaces
        DROP COLUMN attachment_types,
        DROP COLUMN attachment_max_bytes,
        DROP COLUMN business_hours`);
  }
}
