import { MigrationInterface, QueryRunner } from 'typeorm';

/** The rate limits' counters, shared by every gateway replica (PostgresThrottlerStorage). */
export class RateLimits1795500000000 implements MigrationInterface {
  name = 'RateLimits1795500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rate_limits (
        key text PRIMARY KEY,
        hits integer NOT NULL,
        window_ends_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rate_limits`);
  }
}
