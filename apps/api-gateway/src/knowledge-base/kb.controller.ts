import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import * as c from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { UuidParam } from '../http/params';
import {
  CompareKbRevisionsQuery,
  CreateKbArticleBody,
  CreateKbCategoryBody,
  KbDeleted,
  KbRevisionParams,
  ListKbArticlesQuery,
  SearchKbQuery,
  UpdateKbArticleBody,
  UpdateKbCategoryBody,
  UpdateKbSettingsBody,
} from './kb.dto';

/**
 * The knowledge base for agents. Who may edit is knowledge-base's rule (its editor roles are
 * configurable there), so the write routes are open to every role here and refused there.
 */
@ApiTags('knowledge base')
@Controller('api/v1/kb')
export class KbController {
  constructor(private readonly rpc: NatsRpcClient) {}

  @Get('categories')
  categories(@CurrentActor() actor: c.Actor): Promise<c.KbCategoryListV1> {
    return this.rpc.request(c.LIST_KB_CATEGORIES_V1, { actor });
  }

  @Post('categories')
  createCategory(
    @CurrentActor() actor: c.Actor,
    @Body() body: CreateKbCategoryBody,
  ): Promise<c.KbCategoryV1> {
    return this.rpc.request(c.CREATE_KB_CATEGORY_V1, { ...body, actor });
  }

  @Patch('categories/:id')
  updateCategory(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
    @Body() body: UpdateKbCategoryBody,
  ): Promise<c.KbCategoryV1> {
    return this.rpc.request(c.UPDATE_KB_CATEGORY_V1, { ...body, actor, categoryId: id });
  }

  /** Only an empty category. */
  @Delete('categories/:id')
  deleteCategory(@CurrentActor() actor: c.Actor, @UuidParam() id: string): Promise<KbDeleted> {
    return this.rpc.request(c.DELETE_KB_CATEGORY_V1, { actor, categoryId: id });
  }

  /** By category and status; non-editors see published articles only. */
  @Get('articles')
  list(
    @CurrentActor() actor: c.Actor,
    @Query() query: ListKbArticlesQuery,
  ): Promise<c.KbArticleListV1> {
    return this.rpc.request(c.LIST_KB_ARTICLES_V1, { ...query, actor });
  }

  /** A new draft. */
  @Post('articles')
  create(
    @CurrentActor() actor: c.Actor,
    @Body() body: CreateKbArticleBody,
  ): Promise<c.KbArticleV1> {
    return this.rpc.request(c.CREATE_KB_ARTICLE_V1, { ...body, actor });
  }

  /** Published articles for readers, with `?q=` words; typos forgiven, passages highlighted. */
  @Get('search')
  search(
    @CurrentActor() actor: c.Actor,
    @Query() query: SearchKbQuery,
  ): Promise<c.KbSearchResultV1> {
    return this.rpc.request(c.SEARCH_KB_V1, { ...query, actor });
  }

  /** The top 5 articles for a ticket's recent customer messages, with passages and public links. */
  @Get('suggestions/:ticketId')
  suggestions(
    @CurrentActor() actor: c.Actor,
    @UuidParam('ticketId') ticketId: string,
  ): Promise<c.KbSearchResultV1> {
    return this.rpc.request(c.SUGGEST_KB_ARTICLES_V1, { actor, ticketId });
  }

  @Get('articles/:id')
  get(@CurrentActor() actor: c.Actor, @UuidParam() id: string): Promise<c.KbArticleV1> {
    return this.rpc.request(c.GET_KB_ARTICLE_V1, { actor, articleId: id });
  }

  /** A new revision; `expectedVersion` refuses to overwrite a newer save (409). */
  @Patch('articles/:id')
  update(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
    @Body() body: UpdateKbArticleBody,
  ): Promise<c.KbArticleV1> {
    return this.rpc.request(c.UPDATE_KB_ARTICLE_V1, { ...body, actor, articleId: id });
  }

  @Delete('articles/:id')
  delete(@CurrentActor() actor: c.Actor, @UuidParam() id: string): Promise<KbDeleted> {
    return this.rpc.request(c.DELETE_KB_ARTICLE_V1, { actor, articleId: id });
  }

  @Post('articles/:id/publish')
  @HttpCode(200)
  publish(@CurrentActor() actor: c.Actor, @UuidParam() id: string): Promise<c.KbArticleV1> {
    return this.rpc.request(c.PUBLISH_KB_ARTICLE_V1, { actor, articleId: id });
  }

  /** Back to a draft. */
  @Post('articles/:id/unpublish')
  @HttpCode(200)
  unpublish(@CurrentActor() actor: c.Actor, @UuidParam() id: string): Promise<c.KbArticleV1> {
    return this.rpc.request(c.UNPUBLISH_KB_ARTICLE_V1, { actor, articleId: id });
  }

  @Post('articles/:id/archive')
  @HttpCode(200)
  archive(@CurrentActor() actor: c.Actor, @UuidParam() id: string): Promise<c.KbArticleV1> {
    return this.rpc.request(c.ARCHIVE_KB_ARTICLE_V1, { actor, articleId: id });
  }

  @Get('articles/:id/revisions')
  revisions(@CurrentActor() actor: c.Actor, @UuidParam() id: string): Promise<c.KbRevisionListV1> {
    return this.rpc.request(c.LIST_KB_REVISIONS_V1, { actor, articleId: id });
  }

  /** A line diff of two revisions' Markdown (`?from=1&to=3`). */
  @Get('articles/:id/compare')
  compare(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
    @Query() query: CompareKbRevisionsQuery,
  ): Promise<c.KbRevisionDiffV1> {
    return this.rpc.request(c.COMPARE_KB_REVISIONS_V1, { ...query, actor, articleId: id });
  }

  @Get('articles/:articleId/revisions/:version')
  revision(
    @CurrentActor() actor: c.Actor,
    @Param() params: KbRevisionParams,
  ): Promise<c.KbRevisionV1> {
    return this.rpc.request(c.GET_KB_REVISION_V1, { ...params, actor });
  }

  /** The old revision's content saved again as the newest one. */
  @Post('articles/:articleId/revisions/:version/restore')
  @HttpCode(200)
  restore(
    @CurrentActor() actor: c.Actor,
    @Param() params: KbRevisionParams,
  ): Promise<c.KbArticleV1> {
    return this.rpc.request(c.RESTORE_KB_REVISION_V1, { ...params, actor });
  }

  @Get('settings')
  settings(@CurrentActor() actor: c.Actor): Promise<c.KbSettingsV1> {
    return this.rpc.request(c.GET_KB_SETTINGS_V1, { actor });
  }

  /** The language articles are indexed and searched in (re-indexes the workspace). */
  @Roles('admin')
  @Put('settings')
  updateSettings(
    @CurrentActor() actor: c.Actor,
    @Body() body: UpdateKbSettingsBody,
  ): Promise<c.KbSettingsV1> {
    return this.rpc.request(c.UPDATE_KB_SETTINGS_V1, { ...body, actor });
  }
}
