import { Logger as NestLogger } from '@nestjs/common';
import type { Logger } from 'typeorm';

/**
 * TypeORM's messages through the service's own logger (JSON lines with the service's fields)
 * instead of TypeORM's console printer, whose bare lines broke up the log when PostgreSQL went
 * away. A failed statement is only debug here: the error reaches the caller, and the RPC or HTTP
 * error filter logs it once, as unavailable or with an errorId.
 */
export class TypeOrmLogger implements Logger {
  private readonly logger = new NestLogger('TypeORM');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    const message = typeof error === 'string' ? error : error.message;
    this.logger.debug(`statement failed: ${message} (${query.slice(0, 200)})`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow statement (${time} ms): ${query.slice(0, 200)}`);
  }

  // Migrations and schema steps are told by whoever runs them (tools/migrate prints each).
  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.debug(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.debug(String(message));
  }
}
