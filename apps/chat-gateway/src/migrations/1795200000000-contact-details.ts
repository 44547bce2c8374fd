import { MigrationInterface, QueryRunner } from 'typeorm';

/** Whether a workspace's chat widget requires the customer's name and email to start a chat. */
export class ContactDetails1795200000000 implements MigrationInterface {
  name = 'ContactDetails1795200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE widget_settings
        ADD COLUMN contact_details text NOT NULL DEFAULT 'optional'
          CHECK (contact_details IN ('optional', 'required'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE widget_settings DROP COLUMN contact_details`);
  }
}
