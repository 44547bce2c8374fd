import { Injectable } from '@nestjs/common';
import { EventEnvelope, EventOf, EventSubject } from '@switchboard/contracts';
import { currentCorrelationId } from '@switchboard/observability';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';

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
    const envelope: EventEnvelope<EventOf<S>> = {
      id: randomUUID(),
      type: subject,
      occurredAt: new Date().toISOString(),
      correlationId: currentCorrelationId() ?? randomUUID(),
      workspaceId,
      data,
    };
    await manager.query('INSERT INTO outbox (id, subject, envelope) VALUES ($1, $2, $3)', [
      envelope.id,
      subject,
      JSON.stringify(envelope),
    ]);
    return envelope;
  }
}
