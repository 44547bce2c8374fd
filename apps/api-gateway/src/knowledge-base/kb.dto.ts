import { OmitType, PickType } from '@nestjs/swagger';
import * as c from '@switchboard/contracts';

export class CreateKbCategoryBody extends OmitType(c.CreateKbCategoryV1, ['actor'] as const) {}
export class UpdateKbCategoryBody extends OmitType(c.UpdateKbCategoryV1, [
  'actor',
  'categoryId',
] as const) {}
export class CreateKbArticleBody extends OmitType(c.CreateKbArticleV1, ['actor'] as const) {}
export class UpdateKbArticleBody extends OmitType(c.UpdateKbArticleV1, [
  'actor',
  'articleId',
] as const) {}
export class ListKbArticlesQuery extends OmitType(c.ListKbArticlesV1, ['actor'] as const) {}
/** `articles/:articleId/revisions/:version`. */
export class KbRevisionParams extends PickType(c.GetKbRevisionV1, [
  'articleId',
  'version',
] as const) {}
export class CompareKbRevisionsQuery extends PickType(c.CompareKbRevisionsV1, [
  'from',
  'to',
] as const) {}
export class SearchKbQuery extends OmitType(c.SearchKbV1, ['actor'] as const) {}
export class UpdateKbSettingsBody extends OmitType(c.UpdateKbSettingsV1, ['actor'] as const) {}

export class KbDeleted {
  deleted: true;
}
