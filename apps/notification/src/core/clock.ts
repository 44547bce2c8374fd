import { Injectable } from '@nestjs/common';

/**
 * The time the sender's rules read (when a mail is due, retry backoff, leases). Tests replace
 * `now` to move time; nothing that decides when to send calls `new Date()` itself.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
