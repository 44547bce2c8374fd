import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search index takes new entries into a pending list (GIN's fast update), merged into the
 * index proper by SearchIndexFlusher every second. 1 MB of list is room for about 800 messages
 * a second between two flushes; only past it does a reply merge the list itself, as it did at
 * 256 kB (every 150 replies or so, for tens of milliseconds).
 */
export class SearchPendingList1795800000000 implements MigrationInterface {
  name = 'SearchPendingList1795800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER INDEX ticket_search_vector SET (gin_pending_list_limit = 1024)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER INDEX ticket_search_vector SET (gin_pending_list_limit = 256)`);
  }
}
