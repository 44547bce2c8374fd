import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../core/clock';
import { TicketStore } from '../tickets/ticket-store';
import { TicketsModule } from '../tickets/tickets.module';
import { TicketCoreConfig } from '../config';
import { TimerActions } from './timer-actions.service';
import { TimerRunner } from './timer-runner';

@Module({
  imports: [TicketsModule],
  providers: [
    TimerActions,
    {
      provide: TimerRunner,
      useFactory: (
        dataSource: DataSource,
        store: TicketStore,
        actions: TimerActions,
        clock: Clock,
        config: TicketCoreConfig,
      ) =>
        new TimerRunner(dataSource, store, actions, clock, {
          pollIntervalMs: config.TIMER_POLL_MS,
        }),
      inject: [DataSource, TicketStore, TimerActions, Clock, TicketCoreConfig],
    },
  ],
  exports: [TimerRunner],
})
export class TimersModule {}
