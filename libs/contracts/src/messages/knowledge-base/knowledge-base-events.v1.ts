import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID } from 'class-validator';
import { ARTICLE_STATUSES, ARTICLE_VISIBILITIES } from './knowledge-base.v1';
import type { ArticleStatus, ArticleVisibility } from './knowledge-base.v1';

/** What every article event carries: enough for a cache to drop or refresh its copy. */
export class KbArticleEventV1 {
  @IsUUID()
  articleId: string;

  @IsString()
  slug: string;

  @IsString()
  title: string;

  @IsIn(ARTICLE_STATUSES)
  status: ArticleStatus;

  @IsIn(ARTICLE_VISIBILITIES)
  visibility: ArticleVisibility;

  @IsInt()
  version: number;

  @IsOptional()
  @IsUUID()
  byAgentId?: string;

  @IsISO8601()
  at: string;
}

export const KB_ARTICLE_PUBLISHED_V1 = 'helpdesk.evt.kb-article.published.v1';
export class KbArticlePublishedV1 extends KbArticleEventV1 {}
/** A save of a published article (a draft's saves are nobody's business yet). */
export const KB_ARTICLE_UPDATED_V1 = 'helpdesk.evt.kb-article.updated.v1';
export class KbArticleUpdatedV1 extends KbArticleEventV1 {}
/** Archived, unpublished or deleted: no longer on the public pages. */
export const KB_ARTICLE_ARCHIVED_V1 = 'helpdesk.evt.kb-article.archived.v1';
export class KbArticleArchivedV1 extends KbArticleEventV1 {}
