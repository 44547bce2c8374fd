import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795100000000 implements MigrationInterface {
  name = 'Notifications1795100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Every mail to send, written by the event consumer in the transaction that records the
    // event as processed: one row per notification, so a redelivered event adds nothing. The
    // Message-ID is chosen here, once, and every retry sends the same one.
    await queryRunner.query(`
      CREATE TABLE outgoing_mail (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        event_id uuid NOT NULL,
        kind text NOT NULL,
        ticket_id uuid,
        ticket_number int,
        ticket_message_id uuid,
        recipient text,
        recipient_agent_id uuid,
        message_id text NOT NULL UNIQUE,
        in_reply_to text,
        "references" text[] NOT NULL DEFAULT '{}',
        reply_to text,
        automatic boolean NOT NULL,
        context jsonb NOT NULL,
        state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        sent_at timestamptz,
        reported_state text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX outgoing_mail_due ON outgoing_mail (next_attempt_at) WHERE state = 'queued'`,
    );
    // Outcomes still to tell ticket-core (for mails that carry a ticket message).
    await queryRunner.query(
      `CREATE INDEX outgoing_mail_unreported ON outgoing_mail (created_at)
        WHERE ticket_message_id IS NOT NULL AND reported_state IS DISTINCT FROM state`,
    );
    await queryRunner.query(`CREATE INDEX outgoing_mail_ticket ON outgoing_mail (ticket_id)`);

    // What notification knows of each ticket's mail thread: the Message-IDs seen on it (inbound ones from events, ours as we queue them), for
    // In-Reply-To/References and Reply-To.
    await queryRunner.query(`
      CREATE TABLE ticket_threads (
        ticket_id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        message_ids text[] NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE in_app_notifications (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        agent_id uuid NOT NULL,
        event_id uuid NOT NULL,
        kind text NOT NULL,
        ticket_id uuid,
        ticket_number int,
        title text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        UNIQUE (event_id, agent_id, kind)
      )`);
    await queryRunner.query(
      `CREATE INDEX in_app_by_agent ON in_app_notifications (agent_id, created_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX in_app_unread ON in_app_notifications (agent_id) WHERE read_at IS NULL`,
    );

    // A workspace's own version of a template; the defaults live in code.
    await queryRunner.query(`
      CREATE TABLE templates (
        workspace_id uuid NOT NULL,
        kind text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid,
        PRIMARY KEY (workspace_id, kind)
      )`);

    // Addresses that bounced hard: nothing is sent to them until an admin clears them.
    await queryRunner.query(`
      CREATE TABLE suppressed_addresses (
        workspace_id uuid NOT NULL,
        address text NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, address)
      )`);

    // Which agent notifications also go by email; no row: the defaults in code.
    await queryRunner.query(`
      CREATE TABLE agent_preferences (
        agent_id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        email_kinds text[] NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Per inbound mailbox: the auto-responder (off by default).
    await queryRunner.query(`
      CREATE TABLE mailbox_settings (
        workspace_id uuid NOT NULL,
        address text NOT NULL,
        auto_responder boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, address)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'mailbox_settings',
      'agent_preferences',
      'suppressed_addresses',
      'templates',
      'in_app_notifications',
      'ticket_threads',
      'outgoing_mail',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
