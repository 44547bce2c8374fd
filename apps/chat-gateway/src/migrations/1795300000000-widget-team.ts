import { MigrationInterface, QueryRunner } from 'typeorm';

/** The team a widget's chats go to (ticket-core's team id; no foreign key across schemas). */
export class WidgetTeam1795300000000 implements MigrationInterface {
  name = 'WidgetTeam1795300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE widget_settings ADD COLUMN team_id uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE widget_settings DROP COLUMN team_id`);
  }
}
