import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The durable inbox: every accepted mail, raw, one row per mailbox it was delivered to, written
 * before the SMTP `250`. The same table is the work queue (workers take `pending` rows with
 * `FOR UPDATE SKIP LOCKED`); the raw bytes stay after processing so a mail can be replayed.
 * `dedup_key` is the Message-ID, or the content hash when there is none: a second delivery of
 * the same mail to the same mailbox finds the row and is answered 250 without a second copy.
 */
export class Inbox1795200000000 implements MigrationInterface {
  name = 'Inbox1795200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE mailboxes ADD COLUMN max_message_bytes integer
      CHECK (max_message_bytes > 0)`);
    await queryRunner.query(`
      CREATE TABLE inbound_mails (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mailbox_id uuid NOT NULL REFERENCES mailboxes (id),
        workspace_id uuid NOT NULL,
        recipient text NOT NULL,
        mail_from text NOT NULL,
        client_ip text,
        helo text,
        dedup_key text NOT NULL,
        raw bytea NOT NULL,
        size integer NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'done', 'parked', 'held')),
        attempts integer NOT NULL DEFAULT 0,
        -- An admin's replay: a mail held as a loop goes through this time.
        replayed boolean NOT NULL DEFAULT false,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        sender text,
        ticket_id uuid,
        outcome text,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        UNIQUE (mailbox_id, dedup_key)
      )`);
    // Raw mail is mostly compressed already (base64, images); pglz would spend CPU for little.
    await queryRunner.query(`ALTER TABLE inbound_mails ALTER COLUMN raw SET STORAGE EXTERNAL`);
    // The work queue: only pending rows, in due order.
    await queryRunner.query(`CREATE INDEX inbound_mails_due ON inbound_mails (next_attempt_at)
      WHERE status = 'pending'`);
    // Loop detection: mails of one sender onto one ticket in the last hour.
    await queryRunner.query(`CREATE INDEX inbound_mails_loop ON inbound_mails
      (ticket_id, sender, processed_at) WHERE ticket_id IS NOT NULL`);
    // The admin's list of parked and held mail.
    await queryRunner.query(`CREATE INDEX inbound_mails_attention ON inbound_mails
      (workspace_id, received_at) WHERE status IN ('parked', 'held')`);
    // Attachment bytes this service put into storage, recorded the way the gateway records
    // uploads: which workspace's mail uses which content key, under what name, type and size.
    await queryRunner.query(`
      CREATE TABLE mail_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        inbound_mail_id uuid NOT NULL REFERENCES inbound_mails (id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL,
        key text NOT NULL,
        name text NOT NULL,
        content_type text NOT NULL,
        size bigint NOT NULL CHECK (size >= 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX mail_attachments_key ON mail_attachments (key, workspace_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX mail_attachments_mail ON mail_attachments (inbound_mail_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE mail_attachments`);
    await queryRunner.query(`DROP TABLE inbound_mails`);
    await queryRunner.query(`ALTER TABLE mailboxes DROP COLUMN max_message_bytes`);
  }
}
