import { Injectable } from '@nestjs/common';

/** The time mail rules read (the loop window); tests move it by replacing `now`. */
@Injectable()
export class MailClock {
  now(): Date {
    return new Date();
  }
}
