import {
  createOutboxTableV1,
  createProcessedEventsTableV1,
  dropOutboxTableV1,
  dropProcessedEventsTableV1,
} from '@switchboard/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795000000000 implements MigrationInterface {
  name = 'Initial1795000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE workspaces (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        slug text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await createOutboxTableV1(queryRunner);
    await createProcessedEventsTableV1(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropProcessedEventsTableV1(queryRunner);
    await dropOutboxTableV1(queryRunner);
    await queryRunner.query(`DROP TABLE workspaces`);
  }
}
