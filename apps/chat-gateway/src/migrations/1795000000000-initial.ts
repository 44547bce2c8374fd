import { createProcessedEventsTableV1, dropProcessedEventsTableV1 } from '@switchboard/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795000000000 implements MigrationInterface {
  name = 'Initial1795000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createProcessedEventsTableV1(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropProcessedEventsTableV1(queryRunner);
  }
}
