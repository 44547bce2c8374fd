import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What mail brings and what becomes of it: an inbound mail's sender, recipients, SPF/DKIM/DMARC,
 * quoted history and threading rule (`mail_inbound`), and a sent message's delivery (`delivery`:
 * queued, sent or failed with the reason). Both are read only with their message, so jsonb.
 */
export class MailDetails1795900000000 implements MigrationInterface {
  name = 'MailDetails1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE messages ADD COLUMN mail_inbound jsonb,
                                                 ADD COLUMN delivery jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE messages DROP COLUMN mail_inbound, DROP COLUMN delivery`);
  }
}
