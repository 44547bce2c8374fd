import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The helpdesk's core: people, customers, tickets and everything hanging off them. Every table
 * carries workspace_id, and every index that serves a view starts with it (or with the assignee,
 * which belongs to one workspace), so views stay fast at millions of tickets.
 */
export class Tickets1795100000000 implements MigrationInterface {
  name = 'Tickets1795100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const sql = (statement: string) => queryRunner.query(statement);

    await sql(`
      ALTER TABLE workspaces
        ADD COLUMN reopen_window_days int NOT NULL DEFAULT 14 CHECK (reopen_window_days >= 0),
        ADD COLUMN archive_after_days int NOT NULL DEFAULT 90 CHECK (archive_after_days >= 1),
        ADD COLUMN intake_close_minutes int NOT NULL DEFAULT 10 CHECK (intake_close_minutes >= 1),
        ADD COLUMN public_base_url text NOT NULL DEFAULT 'http://localhost:3000'`);

    await sql(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, name)
      )`);

    await sql(`
      CREATE TABLE agents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id),
        name text NOT NULL,
        email text NOT NULL CHECK (email = lower(email)),
        role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
        availability text NOT NULL DEFAULT 'offline'
          CHECK (availability IN ('online', 'away', 'offline')),
        sign_replies boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, email)
      )`);

    await sql(`
      CREATE TABLE team_members (
        workspace_id uuid NOT NULL,
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
        PRIMARY KEY (team_id, agent_id)
      )`);
    await sql(`CREATE INDEX team_members_agent ON team_members (agent_id)`);

    await sql(`
      CREATE TABLE customers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id),
        name text,
        first_name text,
        last_name text,
        email text CHECK (email = lower(email)),
        phone text,
        external_id text,
        notes text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await sql(
      `CREATE UNIQUE INDEX customers_email ON customers (workspace_id, email) WHERE email IS NOT NULL`,
    );
    await sql(`CREATE UNIQUE INDEX customers_external_id ON customers (workspace_id, external_id)
               WHERE external_id IS NOT NULL`);

    // Gap-free, duplicate-free numbers: one row per workspace, incremented under its row lock
    // inside the creating transaction (a rollback gives the number back).
    await sql(`
      CREATE TABLE ticket_counters (
        workspace_id uuid PRIMARY KEY REFERENCES workspaces (id),
        last_number int NOT NULL DEFAULT 0
      )`);

    await sql(`
      CREATE TABLE tickets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id),
        number int NOT NULL,
        channel text NOT NULL CHECK (channel IN ('chat', 'mail', 'web', 'manual')),
        subject text NOT NULL,
        status text NOT NULL CHECK (status IN ('new', 'open', 'pending', 'solved')),
        priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        team_id uuid REFERENCES teams (id),
        assignee_id uuid REFERENCES agents (id),
        previous_assignee_id uuid REFERENCES agents (id),
        customer_id uuid NOT NULL REFERENCES customers (id),
        labels text[] NOT NULL DEFAULT '{}',
        origin_ip inet,
        user_agent text,
        mailbox_address text,
        public_token text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_activity_at timestamptz NOT NULL DEFAULT now(),
        first_response_at timestamptz,
        last_customer_message_at timestamptz,
        last_agent_message_at timestamptz,
        solved_at timestamptz,
        solved_by uuid REFERENCES agents (id),
        remind_at timestamptz,
        auto_solve_at timestamptz,
        archived_at timestamptz,
        deleted_at timestamptz,
        merged_into_id uuid REFERENCES tickets (id),
        follow_up_of_id uuid REFERENCES tickets (id),
        search_vector tsvector NOT NULL DEFAULT ''::tsvector,
        version int NOT NULL DEFAULT 1,
        UNIQUE (workspace_id, number),
        CHECK (status = 'new' OR status = 'solved' OR assignee_id IS NOT NULL),
        CHECK (status <> 'pending' OR remind_at IS NOT NULL)
      )`);
    // New view (newest first) and quick accept (oldest first), with and without team scoping.
    await sql(`CREATE INDEX tickets_new ON tickets (workspace_id, created_at DESC, id DESC)
               WHERE status = 'new' AND deleted_at IS NULL`);
    await sql(`CREATE INDEX tickets_new_team ON tickets (workspace_id, team_id, created_at DESC, id DESC)
               WHERE status = 'new' AND deleted_at IS NULL`);
    // Open and Pending (mine): by assignee.
    await sql(`CREATE INDEX tickets_assignee ON tickets (assignee_id, status, last_activity_at DESC, id DESC)
               WHERE deleted_at IS NULL`);
    // Team view: open tickets of my teams.
    await sql(`CREATE INDEX tickets_team_open ON tickets (team_id, last_activity_at DESC, id DESC)
               WHERE status = 'open' AND deleted_at IS NULL`);
    // Solved view, all and "solved by me".
    await sql(`CREATE INDEX tickets_solved ON tickets (workspace_id, solved_at DESC, id DESC)
               WHERE status = 'solved' AND deleted_at IS NULL`);
    await sql(`CREATE INDEX tickets_solved_by ON tickets (solved_by, solved_at DESC, id DESC)
               WHERE status = 'solved' AND deleted_at IS NULL`);
    await sql(`CREATE INDEX tickets_labels ON tickets USING gin (labels)`);
    await sql(`CREATE INDEX tickets_search ON tickets USING gin (search_vector)`);
    await sql(`CREATE INDEX tickets_customer ON tickets (customer_id, created_at DESC)`);
    await sql(`CREATE INDEX tickets_created ON tickets (workspace_id, created_at DESC, id DESC)`);

    await sql(`
      CREATE TABLE ticket_participants (
        workspace_id uuid NOT NULL,
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        agent_id uuid NOT NULL REFERENCES agents (id),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ticket_id, agent_id)
      )`);
    await sql(
      `CREATE INDEX ticket_participants_agent ON ticket_participants (agent_id, ticket_id)`,
    );

    await sql(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        visibility text NOT NULL CHECK (visibility IN ('public', 'internal')),
        author_kind text NOT NULL CHECK (author_kind IN ('customer', 'agent', 'system', 'assistant')),
        author_id uuid,
        body_text text NOT NULL,
        body_html text,
        attachments jsonb NOT NULL DEFAULT '[]',
        mail_message_id text,
        mail_in_reply_to text,
        mail_references text[],
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await sql(`CREATE INDEX messages_ticket ON messages (ticket_id, created_at, id)`);
    await sql(`CREATE INDEX messages_mail_id ON messages (workspace_id, mail_message_id)
               WHERE mail_message_id IS NOT NULL`);

    // Per-agent read state: a ticket is unread when it moved after the agent last read it.
    await sql(`
      CREATE TABLE ticket_reads (
        workspace_id uuid NOT NULL,
        agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        read_at timestamptz,
        PRIMARY KEY (agent_id, ticket_id)
      )`);

    await sql(`
      CREATE TABLE ticket_history (
        id bigserial PRIMARY KEY,
        workspace_id uuid NOT NULL,
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        actor_kind text NOT NULL,
        actor_id uuid,
        action text NOT NULL,
        changes jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await sql(`CREATE INDEX ticket_history_ticket ON ticket_history (ticket_id, id)`);

    await sql(`
      CREATE TABLE labels (
        workspace_id uuid NOT NULL REFERENCES workspaces (id),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, name)
      )`);

    await sql(`
      CREATE TABLE canned_replies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id),
        owner_agent_id uuid REFERENCES agents (id) ON DELETE CASCADE,
        title text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await sql(
      `CREATE INDEX canned_replies_workspace ON canned_replies (workspace_id, owner_agent_id)`,
    );

    await sql(`
      CREATE TABLE access_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        agent_id uuid NOT NULL REFERENCES agents (id),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'granted', 'denied')),
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        decided_by uuid REFERENCES agents (id)
      )`);
    await sql(`CREATE UNIQUE INDEX access_requests_pending ON access_requests (ticket_id, agent_id)
               WHERE status = 'pending'`);

    // Timers: one row per (ticket, kind); replicas take due rows with FOR UPDATE SKIP LOCKED.
    await sql(`
      CREATE TABLE timers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        kind text NOT NULL
          CHECK (kind IN ('pending-reminder', 'auto-solve', 'reopen-window', 'intake-close', 'archive')),
        due_at timestamptz NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (ticket_id, kind)
      )`);
    await sql(`CREATE INDEX timers_due ON timers (due_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'timers',
      'access_requests',
      'canned_replies',
      'labels',
      'ticket_history',
      'ticket_reads',
      'messages',
      'ticket_participants',
      'tickets',
      'ticket_counters',
      'customers',
      'team_members',
      'agents',
      'teams',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`
      ALTER TABLE workspaces
        DROP COLUMN reopen_window_days,
        DROP COLUMN archive_after_days,
        DROP COLUMN intake_close_minutes,
        DROP COLUMN public_base_url`);
  }
}
