import { Injectable } from '@nestjs/common';
import * as c from '@switchboard/contracts';
import { DataSource } from 'typeorm';
import { ArticleRow, SUMMARY_COLUMNS, summaryToWire } from '../articles/articles.service';
import { categoryToWire } from '../categories/categories.service';
import { KbException } from '../core/kb.exception';
import { SearchService } from '../search/search.service';

/** Every query here sees only this: published, public. */
const PUBLISHED_PUBLIC = `status = 'published' AND visibility = 'public'`;
const EXCERPT_CHARS = 160;

/** What the public pages show (rendered by api-gateway): published public articles only. */
@Injectable()
export class PublicKbService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly search: SearchService,
  ) {}

  async index(query: c.PublicKbIndexV1): Promise<c.KbPublicIndexV1> {
    const [categories, articles] = await Promise.all([
      this.dataSource.query(
        `SELECT * FROM categories WHERE workspace_id = $1 ORDER BY position, name`,
        [query.workspaceId],
      ),
      this.dataSource.query(
        `SELECT ${SUMMARY_COLUMNS} FROM articles WHERE workspace_id = $1 AND ${PUBLISHED_PUBLIC}
          ORDER BY published_at DESC, id LIMIT 20`,
        [query.workspaceId],
      ),
    ]);
    return {
      categories: categories.map(categoryToWire),
      articles: (articles as ArticleRow[]).map(summaryToWire),
    };
  }

  async category(query: c.PublicKbCategoryV1): Promise<c.KbPublicCategoryV1> {
    const [category] = await this.dataSource.query(
      `SELECT * FROM categories WHERE workspace_id = $1 AND slug = $2`,
      [query.workspaceId, query.slug],
    );
    if (!category) throw KbException.notFound('category');
    const [children, articles] = await Promise.all([
      this.dataSource.query(
        `SELECT * FROM categories WHERE workspace_id = $1 AND parent_id = $2 ORDER BY position, name`,
        [query.workspaceId, category.id],
      ),
      this.dataSource.query(
        `SELECT ${SUMMARY_COLUMNS} FROM articles
          WHERE workspace_id = $1 AND category_id = $2 AND ${PUBLISHED_PUBLIC}
          ORDER BY title LIMIT 500`,
        [query.workspaceId, category.id],
      ),
    ]);
    return {
      category: categoryToWire(category),
      children: children.map(categoryToWire),
      articles: (articles as ArticleRow[]).map(summaryToWire),
    };
  }

  async article(query: c.PublicKbArticleV1): Promise<c.KbPublicArticleV1> {
    const [row] = (await this.dataSource.query(
      `SELECT title, slug, body_html, left(body_text, ${EXCERPT_CHARS * 2}) AS body_text,
              category_id, updated_at
         FROM articles WHERE workspace_id = $1 AND slug = $2 AND ${PUBLISHED_PUBLIC}`,
      [query.workspaceId, query.slug],
    )) as ArticleRow[];
    if (!row) throw KbException.notFound('article');
    return {
      title: row.title,
      slug: row.slug,
      bodyHtml: row.body_html,
      excerpt: excerpt(row.body_text),
      categoryId: row.category_id,
      updatedAt: row.updated_at.toISOString(),
    };
  }

  searchPublic(query: c.PublicKbSearchV1): Promise<c.KbSearchResultV1> {
    return this.search.search({
      workspaceId: query.workspaceId,
      text: query.query,
      visibilities: ['public'],
      limit: 20,
    });
  }

  async sitemap(query: c.PublicKbSitemapV1): Promise<c.KbSitemapV1> {
    const [categories, articles] = await Promise.all([
      this.dataSource.query(
        `SELECT slug, updated_at FROM categories WHERE workspace_id = $1 ORDER BY slug`,
        [query.workspaceId],
      ),
      // A sitemap holds at most 50,000 addresses.
      this.dataSource.query(
        `SELECT slug, updated_at FROM articles WHERE workspace_id = $1 AND ${PUBLISHED_PUBLIC}
          ORDER BY updated_at DESC LIMIT 49000`,
        [query.workspaceId],
      ),
    ]);
    const entry = (row: { slug: string; updated_at: Date }) => ({
      slug: row.slug,
      updatedAt: row.updated_at.toISOString(),
    });
    return { categories: categories.map(entry), articles: articles.map(entry) };
  }
}

/** The first words of the body, cut at a word, for the meta description. */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= EXCERPT_CHARS) return flat;
  const cut = flat.slice(0, EXCERPT_CHARS);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 80 ? cut.lastIndexOf(' ') : EXCERPT_CHARS)}…`;
}
