import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EventEnvelope } from '@switchboard/contracts';

/** An event written in the same transaction as the change it announces, until the relay sends it. */
@Entity({ name: 'outbox' })
export class OutboxEvent {
  @PrimaryColumn('uuid')
  id: string;

  /** Order of writing; the relay sends oldest first. */
  @Column({ type: 'bigint', generated: 'increment', insert: false, update: false })
  seq: string;

  @Column('text')
  subject: string;

  @Column('jsonb')
  envelope: EventEnvelope;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}
