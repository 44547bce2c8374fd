import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which workspace uploaded which attachment key. Keys are content hashes, shared across
 * workspaces in storage; a reply may only name keys its own workspace uploaded.
 */
export class Uploads1795200000000 implements MigrationInterface {
  name = 'Uploads1795200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE uploads (
        workspace_id uuid NOT NULL,
        key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE uploads`);
  }
}
