import { LoggerService } from '@nestjs/common';
import { Level } from './render';
import { Output } from './output';

/**
 * Routes what Nest's static Logger prints in this process (the NATS connection the seed opens) to
 * the stack's output, instead of Nest's own format among the stack's lines. Its routine lines
 * (connected, draining) are debug here: they are the tool's internals, not a service's.
 */
export class StackNestLogger implements LoggerService {
  constructor(private readonly output: Output) {}

  // Only the seed uses Nest in this process, hence the `seed` prefix.

  log(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const context = params.at(-1);
    const prefix = typeof context === 'string' ? `${context}: ` : '';
    this.output.log('seed', level, `${prefix}${String(message)}`);
  }
}
