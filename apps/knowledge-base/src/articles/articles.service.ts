import { Injectable } from '@nestjs/common';
import * as c from '@switchboard/contracts';
import { inTransaction } from '@switchboard/database';
import { Outbox } from '@switchboard/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { CategoriesService } from '../categories/categories.service';
import { KbAccess } from '../core/access';
import { KbException, isUniqueViolation } from '../core/kb.exception';
import { plainText, renderMarkdown } from '../core/markdown';
import { vocabularyWords } from '../search/search-query';
import { reindexSql } from '../search/search.sql';
import { lineDiff } from './line-diff';

export interface ArticleRow {
  id: string;
  workspace_id: string;
  category_id: string | null;
  title: string;
  slug: string;
  body_markdown: string;
  body_html: string;
  body_text: string;
  tags: string[];
  status: c.ArticleStatus;
  visibility: c.ArticleVisibility;
  locale: string;
  version: number;
  published_at: Date | null;
  created_by: string | null;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
}

interface RevisionRow {
  article_id: string;
  version: number;
  title: string;
  slug: string;
  body_markdown: string;
  category_id: string | null;
  tags: string[];
  visibility: c.ArticleVisibility;
  locale: string;
  saved_by: string | null;
  saved_at: Date;
}

/** The columns a list shows (not the bodies). */
export const SUMMARY_COLUMNS = `id, workspace_id, category_id, title, slug, tags, status,
  visibility, locale, version, published_at, updated_at`;

export function summaryToWire(row: ArticleRow): c.KbArticleSummaryV1 {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    categoryId: row.category_id,
    title: row.title,
    slug: row.slug,
    tags: row.tags,
    status: row.status,
    visibility: row.visibility,
    locale: row.locale,
    version: row.version,
    publishedAt: row.published_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
}

function toWire(row: ArticleRow): c.KbArticleV1 {
  return {
    ...summaryToWire(row),
    bodyMarkdown: row.body_markdown,
    bodyHtml: row.body_html,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    updatedBy: row.updated_by,
  };
}

/** The content of one save: what a revision keeps. */
interface Content {
  title: string;
  slug: string;
  bodyMarkdown: string;
  categoryId: string | null;
  tags: string[];
  visibility: c.ArticleVisibility;
  locale: string;
}

const normalizeTags = (tags: string[]) => [
  ...new Set(tags.map((tag) => tag.trim()).filter(Boolean)),
];

/**
 * Articles: every save renders the Markdown, recomputes the search document, extends the
 * vocabulary and is kept as a revision, all in one transaction with the event it announces.
 */
@Injectable()
export class ArticlesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly access: KbAccess,
    private readonly categories: CategoriesService,
  ) {}

  async create(command: c.CreateKbArticleV1): Promise<c.KbArticleV1> {
    this.access.requireEditor(command.actor);
    const content: Content = {
      title: command.title,
      slug: command.slug,
      bodyMarkdown: command.bodyMarkdown,
      categoryId: command.categoryId ?? null,
      tags: normalizeTags(command.tags ?? []),
      visibility: command.visibility ?? 'public',
      locale: command.locale ?? 'en',
    };
    await this.checkCategory(command.actor.workspaceId, content.categoryId);
    return this.saving(async (manager) => {
      const [row] = (await manager.query(
        `INSERT INTO articles (workspace_id, title, slug, body_markdown, body_html, body_text,
                               category_id, tags, visibility, locale, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
        [command.actor.workspaceId, ...this.contentParams(content), byAgent(command.actor)],
      )) as { id: string }[];
      return this.afterSave(manager, command.actor, row.id, content);
    });
  }

  async update(command: c.UpdateKbArticleV1): Promise<c.KbArticleV1> {
    this.access.requireEditor(command.actor);
    const workspaceId = command.actor.workspaceId;
    if (command.categoryId) await this.checkCategory(workspaceId, command.categoryId);
    return this.saving(async (manager) => {
      const current = await this.lockArticle(manager, workspaceId, command.articleId);
      if (command.expectedVersion !== undefined && command.expectedVersion !== current.version) {
        throw KbException.conflict(
          `the article was saved meanwhile (version ${current.version}, not ${command.expectedVersion})`,
        );
      }
      const content: Content = {
        title: command.title ?? current.title,
        slug: command.slug ?? current.slug,
        bodyMarkdown: command.bodyMarkdown ?? current.body_markdown,
        categoryId: command.categoryId === undefined ? current.category_id : command.categoryId,
        tags: command.tags ? normalizeTags(command.tags) : current.tags,
        visibility: command.visibility ?? current.visibility,
        locale: command.locale ?? current.locale,
      };
      return this.rewrite(manager, command.actor, current, content);
    });
  }

  async get(query: c.GetKbArticleV1): Promise<c.KbArticleV1> {
    return toWire(await this.readable(query.actor, query.articleId));
  }

  async list(query: c.ListKbArticlesV1): Promise<c.KbArticleListV1> {
    const editor = this.access.isEditor(query.actor);
    // Readers who do not edit see what is published; editors every status (or the one asked).
    const statuses = query.status ? [query.status] : editor ? c.ARTICLE_STATUSES : ['published'];
    if (!editor && query.status && query.status !== 'published') return { items: [], total: 0 };
    const params = [
      query.actor.workspaceId,
      statuses,
      this.access.visibilities(query.actor),
      query.categoryId ?? null,
      query.limit ?? 50,
      query.offset ?? 0,
    ];
    const where = `workspace_id = $1 AND status = ANY($2::text[]) AND visibility = ANY($3::text[])
                   AND ($4::uuid IS NULL OR category_id = $4::uuid)`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${SUMMARY_COLUMNS} FROM articles WHERE ${where}
          ORDER BY updated_at DESC, id LIMIT $5 OFFSET $6`,
        params,
      ) as Promise<ArticleRow[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM articles WHERE ${where}`,
        params.slice(0, 4),
      ) as Promise<{ total: number }[]>,
    ]);
    return { items: rows.map(summaryToWire), total };
  }

  async delete(command: c.DeleteKbArticleV1): Promise<{ deleted: true }> {
    this.access.requireEditor(command.actor);
    await inTransaction(this.dataSource, async (manager) => {
      const current = await this.lockArticle(manager, command.actor.workspaceId, command.articleId);
      await manager.query(`DELETE FROM articles WHERE id = $1`, [current.id]);
      if (current.status === 'published') {
        await this.announce(manager, c.KB_ARTICLE_ARCHIVED_V1, command.actor, {
          ...current,
          status: 'archived',
        });
      }
    });
    return { deleted: true };
  }

  publish(command: c.PublishKbArticleV1): Promise<c.KbArticleV1> {
    return this.setStatus(command, 'published');
  }

  unpublish(command: c.UnpublishKbArticleV1): Promise<c.KbArticleV1> {
    return this.setStatus(command, 'draft');
  }

  archive(command: c.ArchiveKbArticleV1): Promise<c.KbArticleV1> {
    return this.setStatus(command, 'archived');
  }

  async revisions(query: c.ListKbRevisionsV1): Promise<c.KbRevisionListV1> {
    await this.readable(query.actor, query.articleId);
    const rows: RevisionRow[] = await this.dataSource.query(
      `SELECT version, title, saved_by, saved_at FROM article_revisions
        WHERE article_id = $1 ORDER BY version DESC`,
      [query.articleId],
    );
    return {
      items: rows.map((row) => ({
        version: row.version,
        title: row.title,
        savedBy: row.saved_by,
        savedAt: row.saved_at.toISOString(),
      })),
    };
  }

  async revision(query: c.GetKbRevisionV1): Promise<c.KbRevisionV1> {
    await this.readable(query.actor, query.articleId);
    const row = await this.findRevision(this.dataSource.manager, query.articleId, query.version);
    return {
      articleId: row.article_id,
      version: row.version,
      title: row.title,
      slug: row.slug,
      bodyMarkdown: row.body_markdown,
      categoryId: row.category_id,
      tags: row.tags,
      visibility: row.visibility,
      locale: row.locale,
      savedBy: row.saved_by,
      savedAt: row.saved_at.toISOString(),
    };
  }

  async compare(query: c.CompareKbRevisionsV1): Promise<c.KbRevisionDiffV1> {
    await this.readable(query.actor, query.articleId);
    const [from, to] = await Promise.all([
      this.findRevision(this.dataSource.manager, query.articleId, query.from),
      this.findRevision(this.dataSource.manager, query.articleId, query.to),
    ]);
    return {
      from: from.version,
      to: to.version,
      titleFrom: from.title,
      titleTo: to.title,
      lines: lineDiff(from.body_markdown, to.body_markdown),
    };
  }

  /** The old content saved again as the newest revision: history is only ever appended to. */
  async restore(command: c.RestoreKbRevisionV1): Promise<c.KbArticleV1> {
    this.access.requireEditor(command.actor);
    return this.saving(async (manager) => {
      const current = await this.lockArticle(manager, command.actor.workspaceId, command.articleId);
      const old = await this.findRevision(manager, current.id, command.version);
      if (old.category_id) {
        const [exists] = await manager.query(`SELECT 1 FROM categories WHERE id = $1`, [
          old.category_id,
        ]);
        if (!exists) old.category_id = null;
      }
      return this.rewrite(manager, command.actor, current, {
        title: old.title,
        slug: old.slug,
        bodyMarkdown: old.body_markdown,
        categoryId: old.category_id,
        tags: old.tags,
        visibility: old.visibility,
        locale: old.locale,
      });
    });
  }

  /** An article the caller may read: another workspace's, or a draft for a non-editor, is unknown. */
  private async readable(actor: c.Actor, articleId: string): Promise<ArticleRow> {
    const [row] = (await this.dataSource.query(
      `SELECT * FROM articles WHERE workspace_id = $1 AND id = $2`,
      [actor.workspaceId, articleId],
    )) as ArticleRow[];
    if (
      !row ||
      !this.access.visibilities(actor).includes(row.visibility) ||
      (row.status !== 'published' && !this.access.isEditor(actor))
    ) {
      throw KbException.notFound('article');
    }
    return row;
  }

  private async setStatus(
    command: c.KbArticleRequestV1,
    status: c.ArticleStatus,
  ): Promise<c.KbArticleV1> {
    this.access.requireEditor(command.actor);
    return inTransaction(this.dataSource, async (manager) => {
      const current = await this.lockArticle(manager, command.actor.workspaceId, command.articleId);
      if (current.status === status) return toWire(current);
      const [[row]] = (await manager.query(
        `UPDATE articles SET status = $2, updated_at = now(), updated_by = $3,
                published_at = CASE WHEN $2 = 'published' THEN now() ELSE published_at END
          WHERE id = $1 RETURNING *`,
        [current.id, status, byAgent(command.actor)],
      )) as [ArticleRow[], number];
      if (status === 'published') {
        await this.announce(manager, c.KB_ARTICLE_PUBLISHED_V1, command.actor, row);
      } else if (current.status === 'published') {
        await this.announce(manager, c.KB_ARTICLE_ARCHIVED_V1, command.actor, row);
      }
      return toWire(row);
    });
  }

  private async rewrite(
    manager: EntityManager,
    actor: c.Actor,
    current: ArticleRow,
    content: Content,
  ): Promise<c.KbArticleV1> {
    await manager.query(
      `UPDATE articles SET title = $2, slug = $3, body_markdown = $4, body_html = $5,
              body_text = $6, category_id = $7, tags = $8, visibility = $9, locale = $10,
              updated_by = $11, version = version + 1, updated_at = now()
        WHERE id = $1`,
      [current.id, ...this.contentParams(content), byAgent(actor)],
    );
    const saved = await this.afterSave(manager, actor, current.id, content);
    if (saved.status === 'published') {
      await this.announce(manager, c.KB_ARTICLE_UPDATED_V1, actor, {
        ...current,
        ...{ title: saved.title, slug: saved.slug, visibility: saved.visibility },
        version: saved.version,
      });
    }
    return saved;
  }

  /** The search document, the vocabulary and the revision of a save just written. */
  private async afterSave(
    manager: EntityManager,
    actor: c.Actor,
    articleId: string,
    content: Content,
  ): Promise<c.KbArticleV1> {
    const workspaceId = actor.workspaceId;
    await manager.query(reindexSql('a.id = $2'), [workspaceId, articleId]);
    const [row] = (await manager.query(`SELECT * FROM articles WHERE id = $1`, [
      articleId,
    ])) as ArticleRow[];
    await manager.query(
      `INSERT INTO vocabulary (workspace_id, word)
       SELECT $1, unnest($2::text[])
       ON CONFLICT (workspace_id, word) DO UPDATE SET saves = vocabulary.saves + 1`,
      [workspaceId, vocabularyWords(row.title, row.tags.join(' '), row.body_text)],
    );
    await manager.query(
      `INSERT INTO article_revisions (article_id, version, workspace_id, title, slug,
                                      body_markdown, category_id, tags, visibility, locale, saved_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        articleId,
        row.version,
        workspaceId,
        content.title,
        content.slug,
        content.bodyMarkdown,
        content.categoryId,
        content.tags,
        content.visibility,
        content.locale,
        byAgent(actor),
      ],
    );
    return toWire(row);
  }

  private contentParams(content: Content): unknown[] {
    const html = renderMarkdown(content.bodyMarkdown);
    return [
      content.title,
      content.slug,
      content.bodyMarkdown,
      html,
      plainText(html),
      content.categoryId,
      content.tags,
      content.visibility,
      content.locale,
    ];
  }

  private async saving(
    run: (manager: EntityManager) => Promise<c.KbArticleV1>,
  ): Promise<c.KbArticleV1> {
    try {
      return await inTransaction(this.dataSource, run);
    } catch (error) {
      if (isUniqueViolation(error)) throw KbException.conflict('the slug is taken');
      throw error;
    }
  }

  private async checkCategory(workspaceId: string, categoryId: string | null): Promise<void> {
    if (categoryId) await this.categories.requireCategory(workspaceId, categoryId);
  }

  private async lockArticle(
    manager: EntityManager,
    workspaceId: string,
    articleId: string,
  ): Promise<ArticleRow> {
    const [row] = (await manager.query(
      `SELECT * FROM articles WHERE workspace_id = $1 AND id = $2 FOR UPDATE`,
      [workspaceId, articleId],
    )) as ArticleRow[];
    if (!row) throw KbException.notFound('article');
    return row;
  }

  private async findRevision(
    manager: EntityManager,
    articleId: string,
    version: number,
  ): Promise<RevisionRow> {
    const [row] = (await manager.query(
      `SELECT * FROM article_revisions WHERE article_id = $1 AND version = $2`,
      [articleId, version],
    )) as RevisionRow[];
    if (!row) throw KbException.notFound('revision');
    return row;
  }

  private announce(
    manager: EntityManager,
    subject:
      | typeof c.KB_ARTICLE_PUBLISHED_V1
      | typeof c.KB_ARTICLE_UPDATED_V1
      | typeof c.KB_ARTICLE_ARCHIVED_V1,
    actor: c.Actor,
    row: Pick<ArticleRow, 'id' | 'slug' | 'title' | 'status' | 'visibility' | 'version'>,
  ) {
    return this.outbox.add(manager, subject, actor.workspaceId, {
      articleId: row.id,
      slug: row.slug,
      title: row.title,
      status: row.status,
      visibility: row.visibility,
      version: row.version,
      ...(actor.agentId ? { byAgentId: actor.agentId } : {}),
      at: new Date().toISOString(),
    });
  }
}

function byAgent(actor: c.Actor): string | null {
  return actor.agentId ?? null;
}
