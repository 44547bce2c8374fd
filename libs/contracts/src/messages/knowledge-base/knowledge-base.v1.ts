import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { ActorRequest, TicketRequest } from '../common';

export const ARTICLE_STATUSES = ['draft', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
export const ARTICLE_VISIBILITIES = ['public', 'internal'] as const;
export type ArticleVisibility = (typeof ARTICLE_VISIBILITIES)[number];
/** The languages a workspace's knowledge base is indexed in (PostgreSQL text search configurations). */
export const KB_LANGUAGES = [
  'simple',
  'english',
  'german',
  'french',
  'spanish',
  'italian',
  'portuguese',
  'dutch',
] as const;
export type KbLanguage = (typeof KB_LANGUAGES)[number];

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$/;
const SLUG_MESSAGE = 'slug must be 1-120 lowercase letters, digits or inner dashes';
const LOCALE = /^[a-z]{2}(?:-[A-Z]{2})?$/;

// ---------------------------------------------------------------- categories

export class KbCategoryV1 {
  id: string;
  workspaceId: string;
  /** Null for a top-level category. */
  parentId: string | null;
  name: string;
  slug: string;
  description: string;
  position: number;
  createdAt: string;
  updatedAt: string;
}

export class KbCategoryListV1 {
  items: KbCategoryV1[];
}

export const CREATE_KB_CATEGORY_V1 = 'helpdesk.cmd.kb-category.create.v1';
export class CreateKbCategoryV1 extends ActorRequest {
  @IsString()
  @Length(1, 200)
  name: string;

  @Matches(SLUG, { message: SLUG_MESSAGE })
  slug: string;

  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string;

  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  position?: number;
}

export const UPDATE_KB_CATEGORY_V1 = 'helpdesk.cmd.kb-category.update.v1';
/** Fields left out stay as they are; `parentId: null` moves it to the top. */
export class UpdateKbCategoryV1 extends ActorRequest {
  @IsUUID()
  categoryId: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOptional()
  @Matches(SLUG, { message: SLUG_MESSAGE })
  slug?: string;

  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string;

  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  position?: number;
}

export const DELETE_KB_CATEGORY_V1 = 'helpdesk.cmd.kb-category.delete.v1';
/** Only an empty category (no sub-categories, no articles) can be deleted. */
export class DeleteKbCategoryV1 extends ActorRequest {
  @IsUUID()
  categoryId: string;
}

export const LIST_KB_CATEGORIES_V1 = 'helpdesk.qry.kb-category.list.v1';
export class ListKbCategoriesV1 extends ActorRequest {}

// ---------------------------------------------------------------- articles

export class KbArticleSummaryV1 {
  id: string;
  workspaceId: string;
  categoryId: string | null;
  title: string;
  slug: string;
  tags: string[];
  status: ArticleStatus;
  visibility: ArticleVisibility;
  locale: string;
  version: number;
  publishedAt: string | null;
  updatedAt: string;
}

export class KbArticleV1 extends KbArticleSummaryV1 {
  bodyMarkdown: string;
  /** The Markdown rendered and sanitized: safe to show as is. */
  bodyHtml: string;
  createdAt: string;
  createdBy: string | null;
  updatedBy: string | null;
}

export class KbArticleListV1 {
  items: KbArticleSummaryV1[];
  total: number;
}

export const CREATE_KB_ARTICLE_V1 = 'helpdesk.cmd.kb-article.create.v1';
/** A new article is a draft; its first save is revision 1. */
export class CreateKbArticleV1 extends ActorRequest {
  @IsString()
  @Length(1, 300)
  title: string;

  @Matches(SLUG, { message: SLUG_MESSAGE })
  slug: string;

  @IsString()
  @Length(0, 200_000)
  bodyMarkdown: string;

  @IsOptional()
  @IsUUID()
  categoryId?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  tags?: string[];

  @IsOptional()
  @IsIn(ARTICLE_VISIBILITIES)
  visibility?: ArticleVisibility;

  @IsOptional()
  @Matches(LOCALE, { message: 'locale must look like en or en-US' })
  locale?: string;
}

export const UPDATE_KB_ARTICLE_V1 = 'helpdesk.cmd.kb-article.update.v1';
/** Fields left out stay as they are; every save is a new revision. */
export class UpdateKbArticleV1 extends ActorRequest {
  @IsUUID()
  articleId: string;

  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;

  @IsOptional()
  @Matches(SLUG, { message: SLUG_MESSAGE })
  slug?: string;

  @IsOptional()
  @IsString()
  @Length(0, 200_000)
  bodyMarkdown?: string;

  @IsOptional()
  @IsUUID()
  categoryId?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  tags?: string[];

  @IsOptional()
  @IsIn(ARTICLE_VISIBILITIES)
  visibility?: ArticleVisibility;

  @IsOptional()
  @Matches(LOCALE, { message: 'locale must look like en or en-US' })
  locale?: string;

  /** The version the editor started from: a newer one answers CONFLICT (optimistic locking). */
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

/** An article by id: get, delete, publish, unpublish, archive, list revisions. */
export class KbArticleRequestV1 extends ActorRequest {
  @IsUUID()
  articleId: string;
}

export const GET_KB_ARTICLE_V1 = 'helpdesk.qry.kb-article.get.v1';
export class GetKbArticleV1 extends KbArticleRequestV1 {}
export const DELETE_KB_ARTICLE_V1 = 'helpdesk.cmd.kb-article.delete.v1';
export class DeleteKbArticleV1 extends KbArticleRequestV1 {}
export const PUBLISH_KB_ARTICLE_V1 = 'helpdesk.cmd.kb-article.publish.v1';
export class PublishKbArticleV1 extends KbArticleRequestV1 {}
/** Back to a draft: off the public pages and out of search. */
export const UNPUBLISH_KB_ARTICLE_V1 = 'helpdesk.cmd.kb-article.unpublish.v1';
export class UnpublishKbArticleV1 extends KbArticleRequestV1 {}
export const ARCHIVE_KB_ARTICLE_V1 = 'helpdesk.cmd.kb-article.archive.v1';
export class ArchiveKbArticleV1 extends KbArticleRequestV1 {}

export const LIST_KB_ARTICLES_V1 = 'helpdesk.qry.kb-article.list.v1';
export class ListKbArticlesV1 extends ActorRequest {
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @IsOptional()
  @IsIn(ARTICLE_STATUSES)
  status?: ArticleStatus;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  offset?: number;
}

export class KbRevisionSummaryV1 {
  version: number;
  title: string;
  savedBy: string | null;
  savedAt: string;
}

export class KbRevisionListV1 {
  items: KbRevisionSummaryV1[];
}

export class KbRevisionV1 extends KbRevisionSummaryV1 {
  articleId: string;
  slug: string;
  bodyMarkdown: string;
  categoryId: string | null;
  tags: string[];
  visibility: ArticleVisibility;
  locale: string;
}

export const LIST_KB_REVISIONS_V1 = 'helpdesk.qry.kb-article.list-revisions.v1';
export class ListKbRevisionsV1 extends KbArticleRequestV1 {}

export const GET_KB_REVISION_V1 = 'helpdesk.qry.kb-article.get-revision.v1';
export class GetKbRevisionV1 extends KbArticleRequestV1 {
  @IsInt()
  @Min(1)
  version: number;
}

/** One line of a comparison: kept, added or removed (a line diff of the Markdown). */
export class KbDiffLineV1 {
  op: 'same' | 'add' | 'remove';
  text: string;
}

export class KbRevisionDiffV1 {
  from: number;
  to: number;
  titleFrom: string;
  titleTo: string;
  lines: KbDiffLineV1[];
}

export const COMPARE_KB_REVISIONS_V1 = 'helpdesk.qry.kb-article.compare-revisions.v1';
export class CompareKbRevisionsV1 extends KbArticleRequestV1 {
  @IsInt()
  @Min(1)
  from: number;

  @IsInt()
  @Min(1)
  to: number;
}

export const RESTORE_KB_REVISION_V1 = 'helpdesk.cmd.kb-article.restore-revision.v1';
/** Saves the old revision's content again, as a new revision (history is never rewritten). */
export class RestoreKbRevisionV1 extends KbArticleRequestV1 {
  @IsInt()
  @Min(1)
  version: number;
}

// ---------------------------------------------------------------- search and suggestions

export class KbSearchHitV1 {
  articleId: string;
  title: string;
  slug: string;
  categoryId: string | null;
  visibility: ArticleVisibility;
  rank: number;
  /** Matched passages of the body, `<mark>`-highlighted, everything else escaped. */
  headline: string;
  /** The article's public page, for a public article; null for an internal one. */
  publicUrl: string | null;
}

export class KbSearchResultV1 {
  items: KbSearchHitV1[];
  /** The query as searched, after typo correction ("pasword" → "password"). */
  searchedFor: string;
}

export const SEARCH_KB_V1 = 'helpdesk.qry.kb-article.search.v1';
/** Published articles; agents also find internal ones. */
export class SearchKbV1 extends ActorRequest {
  @IsString()
  @Length(1, 500)
  query: string;

  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

export const SUGGEST_KB_ARTICLES_V1 = 'helpdesk.qry.kb-article.suggest.v1';
/** The top articles for a ticket's recent customer messages (the desk's side panel). */
export class SuggestKbArticlesV1 extends TicketRequest {}

// ---------------------------------------------------------------- settings

export class KbSettingsV1 {
  workspaceId: string;
  language: KbLanguage;
}

export const GET_KB_SETTINGS_V1 = 'helpdesk.qry.kb-settings.get.v1';
export class GetKbSettingsV1 extends ActorRequest {}

export const UPDATE_KB_SETTINGS_V1 = 'helpdesk.cmd.kb-settings.update.v1';
/** Admins only. A new language re-indexes the workspace's articles. */
export class UpdateKbSettingsV1 extends ActorRequest {
  @IsIn(KB_LANGUAGES)
  language: KbLanguage;
}

// ---------------------------------------------------------------- public pages (no actor)

/** What the public pages ask: the workspace (resolved from its slug by the gateway). */
export class KbPublicRequestV1 {
  @IsUUID()
  workspaceId: string;
}

export class KbPublicArticleV1 {
  title: string;
  slug: string;
  bodyHtml: string;
  /** The first words of the body, for the meta description. */
  excerpt: string;
  categoryId: string | null;
  updatedAt: string;
}

export class KbPublicIndexV1 {
  categories: KbCategoryV1[];
  articles: KbArticleSummaryV1[];
}

export const PUBLIC_KB_INDEX_V1 = 'helpdesk.qry.kb-public.index.v1';
export class PublicKbIndexV1 extends KbPublicRequestV1 {}

export class KbPublicCategoryV1 {
  category: KbCategoryV1;
  children: KbCategoryV1[];
  articles: KbArticleSummaryV1[];
}

export const PUBLIC_KB_CATEGORY_V1 = 'helpdesk.qry.kb-public.category.v1';
export class PublicKbCategoryV1 extends KbPublicRequestV1 {
  @Matches(SLUG, { message: SLUG_MESSAGE })
  slug: string;
}

export const PUBLIC_KB_ARTICLE_V1 = 'helpdesk.qry.kb-public.article.v1';
/** A published public article; anything else is NOT_FOUND. */
export class PublicKbArticleV1 extends KbPublicRequestV1 {
  @Matches(SLUG, { message: SLUG_MESSAGE })
  slug: string;
}

export const PUBLIC_KB_SEARCH_V1 = 'helpdesk.qry.kb-public.search.v1';
export class PublicKbSearchV1 extends KbPublicRequestV1 {
  @IsString()
  @Length(1, 500)
  query: string;
}

export class KbSitemapV1 {
  categories: { slug: string; updatedAt: string }[];
  articles: { slug: string; updatedAt: string }[];
}

export const PUBLIC_KB_SITEMAP_V1 = 'helpdesk.qry.kb-public.sitemap.v1';
export class PublicKbSitemapV1 extends KbPublicRequestV1 {}
