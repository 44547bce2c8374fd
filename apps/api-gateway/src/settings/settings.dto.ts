import { OmitType } from '@nestjs/swagger';
import { UpdateWidgetSettingsV1, UpdateWorkspaceSettingsV1 } from '@switchboard/contracts';

/** Fields left out stay as they are. */
export class UpdateSettingsBody extends OmitType(UpdateWorkspaceSettingsV1, ['actor'] as const) {}

/** Fields left out stay as they are; `rotateKey` gives the widget a new key. */
export class UpdateWidgetBody extends OmitType(UpdateWidgetSettingsV1, ['actor'] as const) {}
