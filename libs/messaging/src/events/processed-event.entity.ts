import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event a consumer has handled, recorded in the same transaction as the handling. */
@Entity({ name: 'processed_events' })
export class ProcessedEvent {
  @PrimaryColumn('text')
  consumer: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'processed_at', type: 'timestamptz', default: () => 'now()' })
  processedAt: Date;
}
