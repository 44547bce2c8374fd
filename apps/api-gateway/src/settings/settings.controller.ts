import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import * as c from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { UpdateSettingsBody } from './settings.dto';

/** The caller's workspace: settings (every agent reads, admins change) and its labels. */
@ApiTags('workspace')
@Controller('api/v1')
export class SettingsController {
  constructor(private readonly rpc: NatsRpcClient) {}

  /** Business hours, attachment limits, reopen window, archive and intake timings, public URL. */
  @Get('settings')
  get(@CurrentActor() actor: c.Actor): Promise<c.WorkspaceSettingsV1> {
    return this.rpc.request(c.GET_WORKSPACE_SETTINGS_V1, { actor });
  }

  @Roles('admin')
  @Patch('settings')
  update(
    @CurrentActor() actor: c.Actor,
    @Body() body: UpdateSettingsBody,
  ): Promise<c.WorkspaceSettingsV1> {
    return this.rpc.request(c.UPDATE_WORKSPACE_SETTINGS_V1, { ...body, actor });
  }

  /** Every label given to a ticket of the workspace, by name. */
  @Get('labels')
  labels(@CurrentActor() actor: c.Actor): Promise<c.LabelListV1> {
    return this.rpc.request(c.LIST_LABELS_V1, { actor });
  }
}
