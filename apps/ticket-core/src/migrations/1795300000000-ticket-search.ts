import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search moves out of `tickets` into `ticket_search`. The vector was about 1.25 KB of
 * each 1.56 KB ticket row: every view, count and update of a ticket read or rewrote it. In its own
 * table, tickets are small and only search (and message writes) touch the vectors.
 *
 * The GIN index keeps its pending list (fast update) but at 256 kB instead of the default 4 MB:
 * with 4 MB, the backend that overflowed the list merged ~360 pages into the index inline (285 ms
 * measured on a reply). Every message rewrites the ticket's vector, so all its keys are inserted
 * again: measured on 200 such updates, 0.5 ms each with fastupdate off against 0.14 ms each,
 * merges included, with the small list (whose merges take a few ms).
 *
 * Dropping the column does not shrink the existing heap by itself; on a large existing
 * installation run `VACUUM FULL ticket_core.tickets` (or pg_repack) in a maintenance window.
 */
export class TicketSearch1795300000000 implements MigrationInterface {
  name = 'TicketSearch1795300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ticket_search (
        ticket_id uuid PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL,
        search_vector tsvector NOT NULL DEFAULT ''::tsvector
      )`);
    await queryRunner.query(`
      INSERT INTO ticket_search (ticket_id, workspace_id, search_vector)
      SELECT id, workspace_id, search_vector FROM tickets`);
    await queryRunner.query(`CREATE INDEX ticket_search_vector ON ticket_search
      USING gin (search_vector) WITH (gin_pending_list_limit = 256)`);
    await queryRunner.query(`DROP INDEX tickets_search`);
    await queryRunner.query(`ALTER TABLE tickets DROP COLUMN search_vector`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE tickets ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''::tsvector`,
    );
    await queryRunner.query(`
      UPDATE tickets t SET search_vector = s.search_vector
        FROM ticket_search s WHERE s.ticket_id = t.id`);
    await queryRunner.query(`CREATE INDEX tickets_search ON tickets USING gin (search_vector)`);
    await queryRunner.query(`DROP TABLE ticket_search`);
  }
}
