import { MigrationInterface, QueryRunner } from 'typeorm';

/** A first password an operator made opens no session until the agent chose their own. */
export class TemporaryPasswords1795600000000 implements MigrationInterface {
  name = 'TemporaryPasswords1795600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE credentials ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE credentials DROP COLUMN must_change_password`);
  }
}
