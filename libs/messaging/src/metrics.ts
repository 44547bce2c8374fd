import { metricsRegistry } from '@switchboard/observability';
import { Counter, Gauge } from 'prom-client';

export const outboxPublished = new Counter({
  name: 'outbox_events_published_total',
  help: 'Outbox events this process published to JetStream',
  registers: [metricsRegistry],
});

/** JetStream answered "duplicate": a row was published twice (must stay 0 outside crashes). */
export const outboxDuplicates = new Counter({
  name: 'outbox_events_duplicate_total',
  help: 'Outbox events JetStream dropped as duplicates of an earlier publish',
  registers: [metricsRegistry],
});

export const outboxLagSeconds = new Gauge({
  name: 'outbox_relay_lag_seconds',
  help: 'Age of the oldest event in the last batch when it was published',
  registers: [metricsRegistry],
});

export const eventsDeadLettered = new Counter({
  name: 'events_dead_lettered_total',
  help: 'Events a consumer gave up on and sent to the dead-letter subject',
  labelNames: ['consumer'] as const,
  registers: [metricsRegistry],
});
