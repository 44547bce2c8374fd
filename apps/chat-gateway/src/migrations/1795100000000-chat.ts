import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What chat-gateway keeps of its own: each workspace's widget, the customers' chat sessions and
 * the client ids of sent messages. Workspace, customer, ticket and message ids are ticket-core's,
 * kept as plain values (no foreign keys cross services).
 */
export class Chat1795100000000 implements MigrationInterface {
  name = 'Chat1795100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE widget_settings (
        workspace_id uuid PRIMARY KEY,
        widget_key text NOT NULL UNIQUE,
        identity_secret text NOT NULL,
        allowed_origins text[] NOT NULL DEFAULT '{}',
        primary_colour text NOT NULL DEFAULT '#2f6feb',
        greeting text NOT NULL DEFAULT 'Hi! How can we help?',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The token itself is never stored: a copy of this table opens no chat. Out of hours a
    // session first asks whether to leave a message (`intake`), holding the first message until
    // the customer says yes: the ticket exists from then on.
    await queryRunner.query(`
      CREATE TABLE chat_sessions (
        token_hash text PRIMARY KEY,
        workspace_id uuid NOT NULL,
        customer_id uuid,
        ticket_id uuid,
        intake text CHECK (intake IN ('asking', 'collecting', 'ended')),
        held jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ticket_id IS NOT NULL OR intake IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX chat_sessions_ticket ON chat_sessions (ticket_id)`);
    // A message id is set once ticket-core stored the message; a resend of the client id finds it.
    await queryRunner.query(`
      CREATE TABLE client_messages (
        ticket_id uuid NOT NULL,
        client_id text NOT NULL,
        message_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ticket_id, client_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE client_messages`);
    await queryRunner.query(`DROP TABLE chat_sessions`);
    await queryRunner.query(`DROP TABLE widget_settings`);
  }
}
