import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TicketCoreConfig } from '../config';
import { SearchIndexFlusher } from './search-index-flusher';

/** The search index's upkeep: merging the GIN index's pending list in the background. */
@Module({
  providers: [
    {
      provide: SearchIndexFlusher,
      useFactory: (dataSource: DataSource, config: TicketCoreConfig) =>
        new SearchIndexFlusher(dataSource, { intervalMs: config.SEARCH_FLUSH_MS }),
      inject: [DataSource, TicketCoreConfig],
    },
  ],
})
export class SearchModule {}
