import { createProcessedEventsTableV1, dropProcessedEventsTableV1 } from '@switchboard/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795000000000 implements MigrationInterface {
  name = 'Initial1795000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createProcessedEventsTableV1(queryRunner);
    // Notification's own copy of the workspaces it sends for (templates and senders hang off it).
    await queryRunner.query(`
      CREATE TABLE workspaces (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        slug text NOT NULL,
        created_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE workspaces`);
    await dropProcessedEventsTableV1(queryRunner);
  }
}
