import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * NATS credentials issued to integrations. The credentials file itself (its seed) is shown once
 * and never stored; the row is what the bridge checks on every request (revoked: refused).
 */
export class IntegrationCredentials1796100000000 implements MigrationInterface {
  name = 'IntegrationCredentials1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE integration_credentials (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('read-only', 'agent')),
        public_key text NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX integration_credentials_workspace ON integration_credentials (workspace_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE integration_credentials`);
  }
}
