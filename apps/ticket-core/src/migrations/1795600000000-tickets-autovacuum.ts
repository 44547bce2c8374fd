import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Views count and page through index-only scans, which skip the table only for pages the
 * visibility map marks all-visible; a page a command changed is unmarked until VACUUM runs. With
 * PostgreSQL's default (vacuum after 20 % of the table changed) a million-ticket workspace waits
 * for 200,000 changes, and meanwhile every count fetches each counted row from the table: the
 * New view took 1.5x as long. Vacuuming the tickets table after 1 % keeps the map fresh.
 */
export class TicketsAutovacuum1795600000000 implements MigrationInterface {
  name = 'TicketsAutovacuum1795600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE tickets SET (
      autovacuum_vacuum_scale_factor = 0.01,
      autovacuum_vacuum_insert_scale_factor = 0.01,
      autovacuum_analyze_scale_factor = 0.02)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE tickets RESET (
      autovacuum_vacuum_scale_factor,
      autovacuum_vacuum_insert_scale_factor,
      autovacuum_analyze_scale_factor)`);
  }
}
