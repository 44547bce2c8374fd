import { OmitType } from '@nestjs/swagger';
import { UpdateWorkspaceSettingsV1 } from '@switchboard/contracts';

/** Fields left out stay as they are. */
export class UpdateSettingsBody extends OmitType(UpdateWorkspaceSettingsV1, ['actor'] as const) {}
