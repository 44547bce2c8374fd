import { Injectable } from '@nestjs/common';
import { EventEnvelope, EventOf, EventSubject } from '@switchboard/contracts';
import { currentCorrelationId } from '@switchboard/observability';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';

/** One row of the outbox table, ready to be inserted (alone or with others in one statement). */
export interface OutboxRow<T = unknown> {
  id: string;
  subject: EventSubject;
  envelope: EventEnvelope<T>;
}

/** The envelope of a new event; its id is also the outbox row's id and the `Nats-Msg-Id`. */
export function outboxRow<S extends EventSubject>(
  subject: S,
  workspaceId: string,
  data: EventOf<S>,
): OutboxRow<EventOf<S>> {
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

/**
 * SQL inserting the rows of a jsonb array parameter (of OutboxRow) into the outbox, so that a
 * command writes all its events in one statement.
 */
export function insertOutboxSql(param: string): string {
  return `INSERT INTO outbox (id, subject, envelope)
          SELECT o.id, o.subject, o.envelope
            FROM jsonb_to_recordset(${param}::jsonb) AS o(id uuid, subject text, envelope jsonb)`;
}

/**
 * Writes events to the outbox inside the caller's transaction, so an event exists exactly when
 * the change it announces was committed. The relay publishes it afterwards.
 */
@Injectable()
export class Outbox {
  async add<S extends EventSubject>(
    manager: EntityManager,
    subject: S,
    workspaceId: string,
    data: EventOf<S>,
  ): Promise<EventEnvelope<EventOf<S>>> {
    const row = outboxRow(subject, workspaceId, data);
    await manager.query('INSERT INTO outbox (id, subject, envelope) VALUES ($1, $2, $3)', [
      row.id,
      subject,
      JSON.stringify(row.envelope),
    ]);
    return row.envelope;
  }
}
