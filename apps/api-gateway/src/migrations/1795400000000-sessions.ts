import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per login session (a refresh-token family): its access tokens name it (`sid`) and are
 * refused once it is revoked, so logging out, a replayed refresh token or a new password end a
 * session at once, not when its last access token expires. Families from before this migration
 * get their row at their next refresh; their access tokens (without `sid`) are refused, which the
 * desk answers by refreshing.
 */
export class Sessions1795400000000 implements MigrationInterface {
  name = 'Sessions1795400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY,
        agent_id uuid NOT NULL,
        workspace_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX sessions_agent ON sessions (agent_id) WHERE revoked_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE sessions`);
  }
}
