import { OmitType, PickType } from '@nestjs/swagger';
import * as c from '@switchboard/contracts';

export class ListNotificationsQuery extends OmitType(c.ListNotificationsV1, ['actor'] as const) {}
/** Ids of the caller's notifications, or `all: true`. */
export class MarkReadBody extends OmitType(c.MarkNotificationsReadV1, ['actor'] as const) {}
export class PreferencesBody extends OmitType(c.UpdateNotificationPreferencesV1, [
  'actor',
] as const) {}
export class TemplateKindParams extends PickType(c.ResetTemplateV1, ['kind'] as const) {}
/** The template's three parts (Handlebars); the HTML part escapes every `{{variable}}`. */
export class TemplateBody extends OmitType(c.UpdateTemplateV1, ['actor', 'kind'] as const) {}
/** Parts to preview instead of the saved ones (an edit not saved yet); left out: the saved part. */
export class PreviewTemplateBody extends OmitType(c.PreviewTemplateV1, [
  'actor',
  'kind',
] as const) {}
export class SuppressionParams extends PickType(c.ClearSuppressionV1, ['address'] as const) {}
export class AutoResponderBody extends OmitType(c.SetAutoResponderV1, ['actor'] as const) {}
export class Cleared {
  cleared: boolean;
}
