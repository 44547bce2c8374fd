import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Downloads look a storage key up in messages' attachments (FIND_ATTACHMENT_V1); without an
 * index that is a scan of the workspace's messages. Partial: most messages carry none.
 */
export class AttachmentKeys1795500000000 implements MigrationInterface {
  name = 'AttachmentKeys1795500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX messages_attachment_keys
      ON messages USING gin (attachments jsonb_path_ops) WHERE attachments <> '[]'::jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX messages_attachment_keys`);
  }
}
