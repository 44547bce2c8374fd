import * as c from '@switchboard/contracts';
import { NatsController, OnRequest } from '@switchboard/messaging';
import { SuppressionList } from './outgoing-mail/suppression-list';
import { PreferencesService, requireAdmin } from './preferences/preferences.service';
import { TemplatesService } from './templates/templates.service';
import { InAppNotifications } from './in-app/in-app-notifications.service';

/** notification's commands and queries: in-app notifications, preferences, templates, suppressions. */
@NatsController()
export class NotificationsNatsController {
  constructor(
    private readonly inApp: InAppNotifications,
    private readonly preferences: PreferencesService,
    private readonly templates: TemplatesService,
    private readonly suppressions: SuppressionList,
  ) {}

  @OnRequest(c.LIST_NOTIFICATIONS_V1)
  list(query: c.ListNotificationsV1) {
    return this.inApp.list(query);
  }

  @OnRequest(c.COUNT_UNREAD_NOTIFICATIONS_V1)
  countUnread(query: c.CountUnreadNotificationsV1) {
    return this.inApp.countUnread(query);
  }

  @OnRequest(c.MARK_NOTIFICATIONS_READ_V1)
  markRead(command: c.MarkNotificationsReadV1) {
    return this.inApp.markRead(command);
  }

  @OnRequest(c.GET_NOTIFICATION_PREFERENCES_V1)
  getPreferences(query: c.GetNotificationPreferencesV1) {
    return this.preferences.get(query);
  }

  @OnRequest(c.UPDATE_NOTIFICATION_PREFERENCES_V1)
  updatePreferences(command: c.UpdateNotificationPreferencesV1) {
    return this.preferences.update(command);
  }

  @OnRequest(c.SET_AUTO_RESPONDER_V1)
  setAutoResponder(command: c.SetAutoResponderV1) {
    return this.preferences.setAutoResponder(command);
  }

  @OnRequest(c.LIST_TEMPLATES_V1)
  listTemplates(query: c.ListTemplatesV1) {
    return this.templates.list(query);
  }

  @OnRequest(c.UPDATE_TEMPLATE_V1)
  updateTemplate(command: c.UpdateTemplateV1) {
    return this.templates.update(command);
  }

  @OnRequest(c.RESET_TEMPLATE_V1)
  resetTemplate(command: c.ResetTemplateV1) {
    return this.templates.reset(command);
  }

  @OnRequest(c.PREVIEW_TEMPLATE_V1)
  previewTemplate(query: c.PreviewTemplateV1) {
    return this.templates.preview(query);
  }

  @OnRequest(c.LIST_SUPPRESSIONS_V1)
  async listSuppressions(query: c.ListSuppressionsV1): Promise<c.SuppressionListV1> {
    requireAdmin(query.actor);
    return { items: await this.suppressions.list(query.actor.workspaceId) };
  }

  @OnRequest(c.CLEAR_SUPPRESSION_V1)
  async clearSuppression(command: c.ClearSuppressionV1): Promise<{ cleared: boolean }> {
    requireAdmin(command.actor);
    return { cleared: await this.suppressions.clear(command.actor.workspaceId, command.address) };
  }
}
