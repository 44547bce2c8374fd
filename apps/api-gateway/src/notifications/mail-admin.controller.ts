import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import * as c from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import {
  AutoResponderBody,
  Cleared,
  PreviewTemplateBody,
  SuppressionParams,
  TemplateBody,
  TemplateKindParams,
} from './notifications.dto';

/** Outgoing mail for admins: templates (edit, preview, reset), the suppression list, auto-responders. */
@ApiTags('mail')
@Roles('admin')
@Controller('api/v1/mail')
export class MailAdminController {
  constructor(private readonly rpc: NatsRpcClient) {}

  /** Every template: the workspace's own or the default, and the variables they may use. */
  @Get('templates')
  templates(@CurrentActor() actor: c.Actor): Promise<c.NotificationTemplateListV1> {
    return this.rpc.request(c.LIST_TEMPLATES_V1, { actor });
  }

  @Put('templates/:kind')
  updateTemplate(
    @CurrentActor() actor: c.Actor,
    @Param() params: TemplateKindParams,
    @Body() body: TemplateBody,
  ): Promise<c.NotificationTemplateV1> {
    return this.rpc.request(c.UPDATE_TEMPLATE_V1, { ...body, kind: params.kind, actor });
  }

  /** Back to the default. */
  @Delete('templates/:kind')
  resetTemplate(
    @CurrentActor() actor: c.Actor,
    @Param() params: TemplateKindParams,
  ): Promise<c.NotificationTemplateV1> {
    return this.rpc.request(c.RESET_TEMPLATE_V1, { kind: params.kind, actor });
  }

  /** Renders with sample values (a customer name with markup shows the escaping). */
  @Post('templates/:kind/preview')
  @HttpCode(200)
  preview(
    @CurrentActor() actor: c.Actor,
    @Param() params: TemplateKindParams,
    @Body() body: PreviewTemplateBody,
  ): Promise<c.RenderedTemplateV1> {
    return this.rpc.request(c.PREVIEW_TEMPLATE_V1, { ...body, kind: params.kind, actor });
  }

  /** Addresses that bounced hard: nothing is sent to them until cleared. */
  @Get('suppressions')
  suppressions(@CurrentActor() actor: c.Actor): Promise<c.SuppressionListV1> {
    return this.rpc.request(c.LIST_SUPPRESSIONS_V1, { actor });
  }

  @Delete('suppressions/:address')
  clearSuppression(
    @CurrentActor() actor: c.Actor,
    @Param() params: SuppressionParams,
  ): Promise<Cleared> {
    return this.rpc.request(c.CLEAR_SUPPRESSION_V1, { address: params.address, actor });
  }

  /** Answer new mail to this mailbox automatically (off by default). */
  @Put('auto-responders')
  autoResponder(
    @CurrentActor() actor: c.Actor,
    @Body() body: AutoResponderBody,
  ): Promise<c.AutoResponderV1> {
    return this.rpc.request(c.SET_AUTO_RESPONDER_V1, { ...body, actor });
  }
}
