import { QueryRunner } from 'typeorm';

/**
 * DDL for the messaging tables, called by each service's own migrations (in its own schema).
 * Committed migrations must not change what they do: never edit these; add new functions.
 */
export async function createOutboxTableV1(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE outbox (
      id uuid PRIMARY KEY,
      seq bigserial NOT NULL,
      subject text NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      attempts int NOT NULL DEFAULT 0,
      last_error text
    )`);
  // The relay only ever looks at unsent rows: a partial index keeps that lookup tiny.
  await queryRunner.query(`CREATE INDEX outbox_unsent ON outbox (seq) WHERE sent_at IS NULL`);
  await queryRunner.query(
    `CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL`,
  );
}

export async function dropOutboxTableV1(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP TABLE outbox`);
}

export async function createProcessedEventsTableV1(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE processed_events (
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
}

export async function dropProcessedEventsTableV1(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP TABLE processed_events`);
}
