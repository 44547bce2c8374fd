import * as c from '@switchboard/contracts';
import { NatsController, OnRequest } from '@switchboard/messaging';
import { ArticlesService } from './articles/articles.service';
import { CategoriesService } from './categories/categories.service';
import { KbAccess } from './core/access';
import { PublicKbService } from './public/public-kb.service';
import { SearchService } from './search/search.service';
import { KbSettingsService } from './settings/kb-settings.service';
import { SuggestionsService } from './suggestions/suggestions.service';

/** knowledge-base's commands and queries: one line each, into the service that owns the rule. */
@NatsController()
export class KnowledgeBaseNatsController {
  constructor(
    private readonly articles: ArticlesService,
    private readonly categories: CategoriesService,
    private readonly searchService: SearchService,
    private readonly suggestions: SuggestionsService,
    private readonly settings: KbSettingsService,
    private readonly publicKb: PublicKbService,
    private readonly access: KbAccess,
  ) {}

  @OnRequest(c.CREATE_KB_CATEGORY_V1)
  createCategory(command: c.CreateKbCategoryV1) {
    return this.categories.create(command);
  }

  @OnRequest(c.UPDATE_KB_CATEGORY_V1)
  updateCategory(command: c.UpdateKbCategoryV1) {
    return this.categories.update(command);
  }

  @OnRequest(c.DELETE_KB_CATEGORY_V1)
  deleteCategory(command: c.DeleteKbCategoryV1) {
    return this.categories.delete(command);
  }

  @OnRequest(c.LIST_KB_CATEGORIES_V1)
  listCategories(query: c.ListKbCategoriesV1) {
    return this.categories.list(query.actor.workspaceId);
  }

  @OnRequest(c.CREATE_KB_ARTICLE_V1)
  create(command: c.CreateKbArticleV1) {
    return this.articles.create(command);
  }

  @OnRequest(c.UPDATE_KB_ARTICLE_V1)
  update(command: c.UpdateKbArticleV1) {
    return this.articles.update(command);
  }

  @OnRequest(c.GET_KB_ARTICLE_V1)
  get(query: c.GetKbArticleV1) {
    return this.articles.get(query);
  }

  @OnRequest(c.DELETE_KB_ARTICLE_V1)
  delete(command: c.DeleteKbArticleV1) {
    return this.articles.delete(command);
  }

  @OnRequest(c.PUBLISH_KB_ARTICLE_V1)
  publish(command: c.PublishKbArticleV1) {
    return this.articles.publish(command);
  }

  @OnRequest(c.UNPUBLISH_KB_ARTICLE_V1)
  unpublish(command: c.UnpublishKbArticleV1) {
    return this.articles.unpublish(command);
  }

  @OnRequest(c.ARCHIVE_KB_ARTICLE_V1)
  archive(command: c.ArchiveKbArticleV1) {
    return this.articles.archive(command);
  }

  @OnRequest(c.LIST_KB_ARTICLES_V1)
  list(query: c.ListKbArticlesV1) {
    return this.articles.list(query);
  }

  @OnRequest(c.LIST_KB_REVISIONS_V1)
  revisions(query: c.ListKbRevisionsV1) {
    return this.articles.revisions(query);
  }

  @OnRequest(c.GET_KB_REVISION_V1)
  revision(query: c.GetKbRevisionV1) {
    return this.articles.revision(query);
  }

  @OnRequest(c.COMPARE_KB_REVISIONS_V1)
  compare(query: c.CompareKbRevisionsV1) {
    return this.articles.compare(query);
  }

  @OnRequest(c.RESTORE_KB_REVISION_V1)
  restore(command: c.RestoreKbRevisionV1) {
    return this.articles.restore(command);
  }

  @OnRequest(c.SEARCH_KB_V1)
  search(query: c.SearchKbV1) {
    return this.searchService.query(query, this.access.visibilities(query.actor));
  }

  @OnRequest(c.SUGGEST_KB_ARTICLES_V1)
  suggest(query: c.SuggestKbArticlesV1) {
    return this.suggestions.suggest(query);
  }

  @OnRequest(c.GET_KB_SETTINGS_V1)
  getSettings(query: c.GetKbSettingsV1) {
    return this.settings.get(query);
  }

  @OnRequest(c.UPDATE_KB_SETTINGS_V1)
  updateSettings(command: c.UpdateKbSettingsV1) {
    return this.settings.update(command);
  }

  @OnRequest(c.PUBLIC_KB_INDEX_V1)
  publicIndex(query: c.PublicKbIndexV1) {
    return this.publicKb.index(query);
  }

  @OnRequest(c.PUBLIC_KB_CATEGORY_V1)
  publicCategory(query: c.PublicKbCategoryV1) {
    return this.publicKb.category(query);
  }

  @OnRequest(c.PUBLIC_KB_ARTICLE_V1)
  publicArticle(query: c.PublicKbArticleV1) {
    return this.publicKb.article(query);
  }

  @OnRequest(c.PUBLIC_KB_SEARCH_V1)
  publicSearch(query: c.PublicKbSearchV1) {
    return this.publicKb.searchPublic(query);
  }

  @OnRequest(c.PUBLIC_KB_SITEMAP_V1)
  sitemap(query: c.PublicKbSitemapV1) {
    return this.publicKb.sitemap(query);
  }
}
