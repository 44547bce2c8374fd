import { Injectable } from '@nestjs/common';
import * as c from '@switchboard/contracts';
import { DataSource } from 'typeorm';
import { escapeHtml } from '../core/markdown';
import { TicketCoreDirectory } from '../directory/ticket-core-directory';
import { headlineHtml, queryWords } from './search-query';
import { SEARCH_SQL, SearchRow } from './search.sql';

export interface SearchOptions {
  workspaceId: string;
  text: string;
  visibilities: c.ArticleVisibility[];
  limit: number;
  categoryId?: string | null;
  /** Any word matches (a ticket's text) rather than all of them (a search box). */
  anyWord?: boolean;
  /** The words read from the text (in order). */
  maxWords?: number;
  /** The words searched of those: the rarest ones (a ticket's text is long; few words tell). */
  searchedWords?: number;
}

/** Full-text search over the published articles, with typo correction and passages. */
@Injectable()
export class SearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: TicketCoreDirectory,
  ) {}

  async search(options: SearchOptions): Promise<c.KbSearchResultV1> {
    const words = queryWords(options.text, options.maxWords);
    if (words.length === 0) return { items: [], searchedFor: '' };
    const rows: SearchRow[] = await this.dataSource.query(SEARCH_SQL, [
      options.workspaceId,
      words,
      options.visibilities,
      options.limit,
      options.categoryId ?? null,
      options.anyWord === true,
      options.searchedWords ?? words.length,
    ]);
    const base = rows.some((row) => row.visibility === 'public')
      ? await this.directory.publicBase(options.workspaceId)
      : '';
    return {
      searchedFor: rows[0]?.searched ?? words.join(' '),
      items: rows.map((row) => ({
        articleId: row.id,
        title: row.title,
        slug: row.slug,
        categoryId: row.category_id,
        visibility: row.visibility,
        rank: Number(row.rank),
        headline: headlineHtml(row.headline, escapeHtml),
        publicUrl: row.visibility === 'public' ? `${base}/articles/${row.slug}` : null,
      })),
    };
  }

  /** The NATS query: published articles the caller may read. */
  query(query: c.SearchKbV1, visibilities: c.ArticleVisibility[]): Promise<c.KbSearchResultV1> {
    return this.search({
      workspaceId: query.actor.workspaceId,
      text: query.query,
      visibilities,
      limit: query.limit ?? 10,
      categoryId: query.categoryId,
    });
  }
}
