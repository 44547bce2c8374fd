import { MigrationInterface, QueryRunner } from 'typeorm';

/** A team's own business hours for live chat; null keeps the workspace's. */
export class TeamBusinessHours1796000000000 implements MigrationInterface {
  name = 'TeamBusinessHours1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE teams ADD COLUMN business_hours jsonb
        CHECK (business_hours IS NULL OR jsonb_typeof(business_hours) = 'object')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE teams DROP COLUMN business_hours`);
  }
}
