import { Injectable } from '@nestjs/common';

/**
 * The time every rule of ticket-core reads (reopen window, timers, archive). Tests move it by
 * replacing `now`; nothing in ticket-core calls `new Date()` for a rule.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
