import { EventEnvelope, EventSubject } from '@switchboard/contracts';
import { currentCorrelationId } from '@switchboard/observability';
import { randomUUID } from 'node:crypto';

/** One row of the outbox table, ready to be inserted with others in one statement. */
export interface OutboxRow {
  id: string;
  subject: EventSubject;
  envelope: EventEnvelope<unknown>;
}

/**
 * The envelope `Outbox.add` (libs/messaging) writes, built here so that a command can insert all
 * its events (and a batch of creations all theirs) in one statement instead of one per event.
 * Keep the two in step: the relay publishes whatever envelope the row holds.
 */
export function outboxRow(subject: EventSubject, workspaceId: string, data: unknown): OutboxRow {
  const id = randomUUID();
  return {
    id,
    subject,
    envelope: {
      id,
      type: subject,
      occurredAt: new Date().toISOString(),
      correlationId: currentCorrelationId() ?? randomUUID(),
      workspaceId,
      data,
    },
  };
}

/** SQL inserting the rows of the jsonb array parameter `param` (of OutboxRow) into the outbox. */
export function insertOutboxSql(param: string): string {
  return `INSERT INTO outbox (id, subject, envelope)
          SELECT o.id, o.subject, o.envelope
            FROM jsonb_to_recordset(${param}::jsonb) AS o(id uuid, subject text, envelope jsonb)`;
}
