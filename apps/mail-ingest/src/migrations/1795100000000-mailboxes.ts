import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inbound addresses. The workspace and team ids are ticket-core's; mail-ingest keeps them as
 * plain values (no foreign keys cross services).
 */
export class Mailboxes1795100000000 implements MigrationInterface {
  name = 'Mailboxes1795100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE mailboxes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        address text NOT NULL UNIQUE CHECK (address = lower(address)),
        name text NOT NULL,
        team_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX mailboxes_workspace ON mailboxes (workspace_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE mailboxes`);
  }
}
