import { createOutboxTableV1, dropOutboxTableV1 } from '@switchboard/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** notification publishes its own events (an agent's new in-app notification) through an outbox. */
export class Outbox1795200000000 implements MigrationInterface {
  name = 'Outbox1795200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createOutboxTableV1(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropOutboxTableV1(queryRunner);
  }
}
