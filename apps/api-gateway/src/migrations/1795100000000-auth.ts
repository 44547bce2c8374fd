import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What only the gateway knows: agents' password hashes, refresh tokens and API tokens. The agent
 * directory (names, roles, teams) stays in ticket-core; ids here are its ids, without foreign keys.
 * Tokens are stored as SHA-256 hashes: a leaked table grants nothing.
 */
export class Auth1795100000000 implements MigrationInterface {
  name = 'Auth1795100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE credentials (
        agent_id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        email text NOT NULL CHECK (email = lower(email)),
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, email)
      )`);
    await queryRunner.query(`CREATE INDEX credentials_email ON credentials (email)`);
    await queryRunner.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        family_id uuid NOT NULL,
        agent_id uuid NOT NULL,
        workspace_id uuid NOT NULL,
        token_hash bytea NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)`);
    await queryRunner.query(`CREATE INDEX refresh_tokens_agent ON refresh_tokens (agent_id)`);
    await queryRunner.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
        token_hash bytea NOT NULL UNIQUE,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX api_tokens_workspace ON api_tokens (workspace_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_tokens`);
    await queryRunner.query(`DROP TABLE refresh_tokens`);
    await queryRunner.query(`DROP TABLE credentials`);
  }
}
