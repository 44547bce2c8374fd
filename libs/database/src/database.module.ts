import { DynamicModule, Global, Injectable, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ReadinessProbe } from '@switchboard/observability';
import { DataSource } from 'typeorm';
import { ServiceDatabase, dataSourceOptions } from './data-source';

/** Ready while a query round-trips to PostgreSQL. */
@Injectable()
export class DatabaseReadiness implements ReadinessProbe {
  readonly name = 'database';
  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<boolean> {
    await this.dataSource.query('SELECT 1');
    return true;
  }
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(database: ServiceDatabase, url: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...dataSourceOptions(database, url),
            // Started before PostgreSQL answers (compose, k8s), a service waits about a minute.
            retryAttempts: 30,
            retryDelay: 2000,
          }),
        }),
      ],
      providers: [DatabaseReadiness],
      exports: [DatabaseReadiness],
    };
  }
}
