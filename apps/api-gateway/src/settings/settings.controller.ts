import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import * as c from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { UpdateSettingsBody, UpdateWidgetBody } from './settings.dto';

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

  /**
   * The chat widget (chat-gateway's): the key to embed, the sites allowed to embed it, its look,
   * and the secret the company's backend signs visitor identities with.
   */
  @Roles('admin')
  @Get('settings/widget')
  widget(@CurrentActor() actor: c.Actor): Promise<c.WidgetSettingsV1> {
    return this.rpc.request(c.GET_WIDGET_SETTINGS_V1, { actor });
  }

  @Roles('admin')
  @Patch('settings/widget')
  updateWidget(
    @CurrentActor() actor: c.Actor,
    @Body() body: UpdateWidgetBody,
  ): Promise<c.WidgetSettingsV1> {
    return this.rpc.request(c.UPDATE_WIDGET_SETTINGS_V1, { ...body, actor });
  }

  /** Every label given to a ticket of the workspace, by name. */
  @Get('labels')
  labels(@CurrentActor() actor: c.Actor): Promise<c.LabelListV1> {
    return this.rpc.request(c.LIST_LABELS_V1, { actor });
  }
}
