import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import * as c from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { CurrentActor } from '../auth/auth.decorators';
import { ListNotificationsQuery, MarkReadBody, PreferencesBody } from './notifications.dto';

/** The caller's in-app notifications (notification's), and which of them also come by email. */
@ApiTags('notifications')
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly rpc: NatsRpcClient) {}

  /** Newest first, with the number unread; `before` pages on from the last `createdAt`. */
  @Get()
  list(
    @CurrentActor() actor: c.Actor,
    @Query() query: ListNotificationsQuery,
  ): Promise<c.NotificationListV1> {
    return this.rpc.request(c.LIST_NOTIFICATIONS_V1, { ...query, actor });
  }

  @Get('unread-count')
  unreadCount(@CurrentActor() actor: c.Actor): Promise<c.UnreadCountV1> {
    return this.rpc.request(c.COUNT_UNREAD_NOTIFICATIONS_V1, { actor });
  }

  /** Answers the number still unread. */
  @Post('read')
  @HttpCode(200)
  markRead(@CurrentActor() actor: c.Actor, @Body() body: MarkReadBody): Promise<c.UnreadCountV1> {
    return this.rpc.request(c.MARK_NOTIFICATIONS_READ_V1, { ...body, actor });
  }

  @Get('preferences')
  preferences(@CurrentActor() actor: c.Actor): Promise<c.NotificationPreferencesV1> {
    return this.rpc.request(c.GET_NOTIFICATION_PREFERENCES_V1, { actor });
  }

  @Put('preferences')
  updatePreferences(
    @CurrentActor() actor: c.Actor,
    @Body() body: PreferencesBody,
  ): Promise<c.NotificationPreferencesV1> {
    return this.rpc.request(c.UPDATE_NOTIFICATION_PREFERENCES_V1, { ...body, actor });
  }
}
