import { Injectable } from '@nestjs/common';

/** The time, injectable so that rules about it (business hours) are tested at a chosen moment. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
