/**
 * The wire contract. Subjects are frozen: never rename one in place; a breaking change is a new
 * version (`.v2`) published beside the old one. Each subject decides its payload type here, so the
 * publish, request and subscribe helpers are type-checked against it.
 */
import { PingV1, PongV1, SERVICE_NAMES, pingSubject } from './messages/system/ping.v1';
import {
  CREATE_WORKSPACE_V1,
  CreateWorkspaceV1,
  WorkspaceV1,
} from './messages/workspace/create-workspace.v1';
import {
  WORKSPACE_CREATED_V1,
  WorkspaceCreatedV1,
} from './messages/workspace/workspace-created.v1';
import * as auth from './messages/auth/credentials.v1';
import * as canned from './messages/canned-reply/canned-replies.v1';
import * as widget from './messages/chat/widget.v1';
import * as customers from './messages/customer/customers.v1';
import * as directory from './messages/directory/directory.v1';
import * as mailboxes from './messages/mailbox/mailboxes.v1';
import * as settings from './messages/workspace/workspace-settings.v1';
import * as attachments from './messages/ticket/attachments.v1';
import * as create from './messages/ticket/create-ticket.v1';
import * as reply from './messages/ticket/reply-ticket.v1';
import * as search from './messages/ticket/search-tickets.v1';
import * as cmd from './messages/ticket/ticket-commands.v1';
import * as evt from './messages/ticket/ticket-events.v1';
import * as labels from './messages/ticket/labels.v1';
import * as mail from './messages/ticket/mail.v1';
import * as notify from './messages/notification/notifications.v1';
import * as wire from './messages/ticket/ticket.v1';
import * as kb from './messages/knowledge-base/knowledge-base.v1';
import * as kbEvt from './messages/knowledge-base/knowledge-base-events.v1';
import { FIND_WORKSPACE_V1, FindWorkspaceV1 } from './messages/workspace/find-workspace.v1';

type Class<T> = new () => T;

/**
 * One request subject: the class its payload is validated against where it arrives, and (for
 * the compiler only) the type of its reply.
 */
export interface RequestRoute<Request, Reply> {
  readonly request: Class<Request>;
  readonly reply?: Reply;
}

/** The reply type of a route: `route(CreateWorkspaceV1, returns<WorkspaceV1>())`. */
const returns = <Reply>() => undefined as Reply | undefined;
const route = <Request, Reply>(
  request: Class<Request>,
  _reply: Reply | undefined,
): RequestRoute<Request, Reply> => ({ request });

/**
 * Commands and queries: every request/reply subject, once. The type map (`RequestMap`) and the
 * runtime class map (`requestClasses`) are both read off this table.
 */
export const requestRoutes = {
  [CREATE_WORKSPACE_V1]: route(CreateWorkspaceV1, returns<WorkspaceV1>()),
  [FIND_WORKSPACE_V1]: route(FindWorkspaceV1, returns<WorkspaceV1>()),
  [directory.UPSERT_AGENT_V1]: route(directory.UpsertAgentV1, returns<directory.AgentV1>()),
  [mailboxes.UPSERT_MAILBOX_V1]: route(mailboxes.UpsertMailboxV1, returns<mailboxes.MailboxV1>()),
  [mailboxes.LIST_MAILBOXES_V1]: route(
    mailboxes.ListMailboxesV1,
    returns<mailboxes.MailboxListV1>(),
  ),
  [mailboxes.LIST_INBOUND_MAILS_V1]: route(
    mailboxes.ListInboundMailsV1,
    returns<mailboxes.InboundMailListV1>(),
  ),
  [mailboxes.REPLAY_INBOUND_MAIL_V1]: route(
    mailboxes.ReplayInboundMailV1,
    returns<mailboxes.InboundMailV1Summary>(),
  ),
  [directory.SET_AVAILABILITY_V1]: route(directory.SetAvailabilityV1, returns<directory.AgentV1>()),
  [directory.CREATE_TEAM_V1]: route(directory.CreateTeamV1, returns<directory.TeamV1>()),
  [directory.UPDATE_TEAM_V1]: route(directory.UpdateTeamV1, returns<directory.TeamV1>()),
  [directory.LIST_AGENTS_V1]: route(directory.ListAgentsV1, returns<directory.AgentListV1>()),
  [directory.GET_AGENT_V1]: route(directory.GetAgentV1, returns<directory.AgentV1>()),
  [settings.GET_WORKSPACE_SETTINGS_V1]: route(
    settings.GetWorkspaceSettingsV1,
    returns<settings.WorkspaceSettingsV1>(),
  ),
  [settings.UPDATE_WORKSPACE_SETTINGS_V1]: route(
    settings.UpdateWorkspaceSettingsV1,
    returns<settings.WorkspaceSettingsV1>(),
  ),
  [auth.SET_CREDENTIALS_V1]: route(auth.SetCredentialsV1, returns<{ agentId: string }>()),
  [auth.VERIFY_ACCESS_TOKEN_V1]: route(
    auth.VerifyAccessTokenV1,
    returns<auth.VerifiedAccessTokenV1>(),
  ),
  [widget.GET_WIDGET_SETTINGS_V1]: route(
    widget.GetWidgetSettingsV1,
    returns<widget.WidgetSettingsV1>(),
  ),
  [widget.UPDATE_WIDGET_SETTINGS_V1]: route(
    widget.UpdateWidgetSettingsV1,
    returns<widget.WidgetSettingsV1>(),
  ),
  [labels.LIST_LABELS_V1]: route(labels.ListLabelsV1, returns<labels.LabelListV1>()),
  [directory.LIST_TEAMS_V1]: route(directory.ListTeamsV1, returns<directory.TeamListV1>()),
  [customers.UPDATE_CUSTOMER_V1]: route(
    customers.UpdateCustomerV1,
    returns<customers.CustomerV1>(),
  ),
  [customers.LINK_CUSTOMER_V1]: route(customers.LinkCustomerV1, returns<customers.CustomerV1>()),
  [customers.GET_CUSTOMER_V1]: route(
    customers.GetCustomerV1,
    returns<customers.CustomerWithTicketsV1>(),
  ),
  [create.CREATE_TICKET_V1]: route(create.CreateTicketV1, returns<wire.TicketSummaryV1>()),
  [reply.REPLY_TICKET_V1]: route(reply.ReplyTicketV1, returns<wire.MessageAddedReplyV1>()),
  [reply.ADD_NOTE_V1]: route(reply.AddNoteV1, returns<wire.MessageAddedReplyV1>()),
  [cmd.CLAIM_TICKET_V1]: route(cmd.ClaimTicketV1, returns<wire.TicketSummaryV1>()),
  [cmd.QUICK_ACCEPT_V1]: route(cmd.QuickAcceptV1, returns<wire.TicketListV1>()),
  [cmd.ASSIGN_TICKET_V1]: route(cmd.AssignTicketV1, returns<wire.TicketSummaryV1>()),
  [cmd.RETURN_TICKET_V1]: route(cmd.ReturnTicketV1, returns<wire.TicketSummaryV1>()),
  [cmd.SET_PENDING_V1]: route(cmd.SetPendingV1, returns<wire.TicketSummaryV1>()),
  [cmd.SET_AUTO_SOLVE_V1]: route(cmd.SetAutoSolveV1, returns<wire.TicketSummaryV1>()),
  [cmd.SOLVE_TICKET_V1]: route(cmd.SolveTicketV1, returns<wire.TicketSummaryV1>()),
  [cmd.REOPEN_TICKET_V1]: route(cmd.ReopenTicketV1, returns<wire.TicketSummaryV1>()),
  [cmd.SET_PRIORITY_V1]: route(cmd.SetPriorityV1, returns<wire.TicketSummaryV1>()),
  [cmd.CHANGE_LABELS_V1]: route(cmd.ChangeLabelsV1, returns<wire.TicketSummaryV1>()),
  [cmd.CHANGE_PARTICIPANTS_V1]: route(cmd.ChangeParticipantsV1, returns<wire.TicketSummaryV1>()),
  [cmd.SEND_TRANSCRIPT_V1]: route(cmd.SendTranscriptV1, returns<{ recipient: string }>()),
  [cmd.REQUEST_ACCESS_V1]: route(cmd.RequestAccessV1, returns<{ requestId: string }>()),
  [cmd.DECIDE_ACCESS_V1]: route(cmd.DecideAccessV1, returns<wire.TicketSummaryV1>()),
  [cmd.MARK_READ_V1]: route(cmd.MarkReadV1, returns<wire.TicketSummaryV1>()),
  [cmd.DELETE_TICKET_V1]: route(cmd.DeleteTicketV1, returns<wire.TicketSummaryV1>()),
  [cmd.RESTORE_TICKET_V1]: route(cmd.RestoreTicketV1, returns<wire.TicketSummaryV1>()),
  [cmd.MERGE_TICKET_V1]: route(cmd.MergeTicketV1, returns<wire.TicketSummaryV1>()),
  [cmd.CONVERT_TO_MAIL_V1]: route(cmd.ConvertToMailV1, returns<wire.TicketSummaryV1>()),
  [cmd.ANSWER_LATER_V1]: route(cmd.AnswerLaterV1, returns<wire.TicketSummaryV1>()),
  [cmd.SCHEDULE_INTAKE_CLOSE_V1]: route(cmd.ScheduleIntakeCloseV1, returns<{ closesAt: string }>()),
  [cmd.ROTATE_PUBLIC_TOKEN_V1]: route(cmd.RotatePublicTokenV1, returns<{ publicToken: string }>()),
  [cmd.GET_TICKET_V1]: route(cmd.GetTicketV1, returns<wire.TicketDetailV1>()),
  [cmd.GET_TICKET_MESSAGES_V1]: route(cmd.GetTicketMessagesV1, returns<wire.TicketMessagesV1>()),
  [cmd.GET_TICKET_BY_NUMBER_V1]: route(cmd.GetTicketByNumberV1, returns<wire.TicketDetailV1>()),
  [cmd.GET_TICKET_BY_TOKEN_V1]: route(cmd.GetTicketByTokenV1, returns<wire.PublicTicketV1>()),
  [cmd.LIST_VIEW_V1]: route(cmd.ListViewV1, returns<search.TicketPageV1>()),
  [mail.FIND_TICKET_BY_MAIL_V1]: route(mail.FindTicketByMailV1, returns<mail.FoundTicketV1>()),
  [mail.RECORD_DELIVERY_V1]: route(mail.RecordDeliveryV1, returns<mail.DeliveryRecordedV1>()),
  [mail.RECORD_DELIVERIES_V1]: route(mail.RecordDeliveriesV1, returns<mail.DeliveriesRecordedV1>()),
  [attachments.FIND_ATTACHMENT_V1]: route(
    attachments.FindAttachmentV1,
    returns<wire.AttachmentRefV1>(),
  ),
  [attachments.KEYS_IN_USE_V1]: route(
    attachments.KeysInUseV1,
    returns<attachments.KeysInUseReplyV1>(),
  ),
  [cmd.VIEW_COUNTS_V1]: route(cmd.ViewCountsV1, returns<search.ViewCountsReplyV1>()),
  [search.SEARCH_TICKETS_V1]: route(search.SearchTicketsV1, returns<search.TicketPageV1>()),
  [canned.CREATE_CANNED_REPLY_V1]: route(
    canned.CreateCannedReplyV1,
    returns<canned.CannedReplyV1>(),
  ),
  [canned.UPDATE_CANNED_REPLY_V1]: route(
    canned.UpdateCannedReplyV1,
    returns<canned.CannedReplyV1>(),
  ),
  [canned.DELETE_CANNED_REPLY_V1]: route(canned.DeleteCannedReplyV1, returns<{ deleted: true }>()),
  [canned.LIST_CANNED_REPLIES_V1]: route(
    canned.ListCannedRepliesV1,
    returns<canned.CannedReplyListV1>(),
  ),
  [canned.RENDER_CANNED_REPLY_V1]: route(
    canned.RenderCannedReplyV1,
    returns<canned.RenderedCannedReplyV1>(),
  ),
  [notify.LIST_NOTIFICATIONS_V1]: route(
    notify.ListNotificationsV1,
    returns<notify.NotificationListV1>(),
  ),
  [notify.COUNT_UNREAD_NOTIFICATIONS_V1]: route(
    notify.CountUnreadNotificationsV1,
    returns<notify.UnreadCountV1>(),
  ),
  [notify.MARK_NOTIFICATIONS_READ_V1]: route(
    notify.MarkNotificationsReadV1,
    returns<notify.UnreadCountV1>(),
  ),
  [notify.LIST_TEMPLATES_V1]: route(
    notify.ListTemplatesV1,
    returns<notify.NotificationTemplateListV1>(),
  ),
  [notify.UPDATE_TEMPLATE_V1]: route(
    notify.UpdateTemplateV1,
    returns<notify.NotificationTemplateV1>(),
  ),
  [notify.RESET_TEMPLATE_V1]: route(
    notify.ResetTemplateV1,
    returns<notify.NotificationTemplateV1>(),
  ),
  [notify.PREVIEW_TEMPLATE_V1]: route(
    notify.PreviewTemplateV1,
    returns<notify.RenderedTemplateV1>(),
  ),
  [notify.LIST_SUPPRESSIONS_V1]: route(
    notify.ListSuppressionsV1,
    returns<notify.SuppressionListV1>(),
  ),
  [notify.CLEAR_SUPPRESSION_V1]: route(notify.ClearSuppressionV1, returns<{ cleared: boolean }>()),
  [notify.GET_NOTIFICATION_PREFERENCES_V1]: route(
    notify.GetNotificationPreferencesV1,
    returns<notify.NotificationPreferencesV1>(),
  ),
  [notify.UPDATE_NOTIFICATION_PREFERENCES_V1]: route(
    notify.UpdateNotificationPreferencesV1,
    returns<notify.NotificationPreferencesV1>(),
  ),
  [notify.SET_AUTO_RESPONDER_V1]: route(
    notify.SetAutoResponderV1,
    returns<notify.AutoResponderV1>(),
  ),
  [kb.CREATE_KB_CATEGORY_V1]: route(kb.CreateKbCategoryV1, returns<kb.KbCategoryV1>()),
  [kb.UPDATE_KB_CATEGORY_V1]: route(kb.UpdateKbCategoryV1, returns<kb.KbCategoryV1>()),
  [kb.DELETE_KB_CATEGORY_V1]: route(kb.DeleteKbCategoryV1, returns<{ deleted: true }>()),
  [kb.LIST_KB_CATEGORIES_V1]: route(kb.ListKbCategoriesV1, returns<kb.KbCategoryListV1>()),
  [kb.CREATE_KB_ARTICLE_V1]: route(kb.CreateKbArticleV1, returns<kb.KbArticleV1>()),
  [kb.UPDATE_KB_ARTICLE_V1]: route(kb.UpdateKbArticleV1, returns<kb.KbArticleV1>()),
  [kb.GET_KB_ARTICLE_V1]: route(kb.GetKbArticleV1, returns<kb.KbArticleV1>()),
  [kb.DELETE_KB_ARTICLE_V1]: route(kb.DeleteKbArticleV1, returns<{ deleted: true }>()),
  [kb.PUBLISH_KB_ARTICLE_V1]: route(kb.PublishKbArticleV1, returns<kb.KbArticleV1>()),
  [kb.UNPUBLISH_KB_ARTICLE_V1]: route(kb.UnpublishKbArticleV1, returns<kb.KbArticleV1>()),
  [kb.ARCHIVE_KB_ARTICLE_V1]: route(kb.ArchiveKbArticleV1, returns<kb.KbArticleV1>()),
  [kb.LIST_KB_ARTICLES_V1]: route(kb.ListKbArticlesV1, returns<kb.KbArticleListV1>()),
  [kb.LIST_KB_REVISIONS_V1]: route(kb.ListKbRevisionsV1, returns<kb.KbRevisionListV1>()),
  [kb.GET_KB_REVISION_V1]: route(kb.GetKbRevisionV1, returns<kb.KbRevisionV1>()),
  [kb.COMPARE_KB_REVISIONS_V1]: route(kb.CompareKbRevisionsV1, returns<kb.KbRevisionDiffV1>()),
  [kb.RESTORE_KB_REVISION_V1]: route(kb.RestoreKbRevisionV1, returns<kb.KbArticleV1>()),
  [kb.SEARCH_KB_V1]: route(kb.SearchKbV1, returns<kb.KbSearchResultV1>()),
  [kb.SUGGEST_KB_ARTICLES_V1]: route(kb.SuggestKbArticlesV1, returns<kb.KbSearchResultV1>()),
  [kb.GET_KB_SETTINGS_V1]: route(kb.GetKbSettingsV1, returns<kb.KbSettingsV1>()),
  [kb.UPDATE_KB_SETTINGS_V1]: route(kb.UpdateKbSettingsV1, returns<kb.KbSettingsV1>()),
  [kb.PUBLIC_KB_INDEX_V1]: route(kb.PublicKbIndexV1, returns<kb.KbPublicIndexV1>()),
  [kb.PUBLIC_KB_CATEGORY_V1]: route(kb.PublicKbCategoryV1, returns<kb.KbPublicCategoryV1>()),
  [kb.PUBLIC_KB_ARTICLE_V1]: route(kb.PublicKbArticleV1, returns<kb.KbPublicArticleV1>()),
  [kb.PUBLIC_KB_SEARCH_V1]: route(kb.PublicKbSearchV1, returns<kb.KbSearchResultV1>()),
  [kb.PUBLIC_KB_SITEMAP_V1]: route(kb.PublicKbSitemapV1, returns<kb.KbSitemapV1>()),
  ...(Object.fromEntries(
    SERVICE_NAMES.map((service) => [pingSubject(service), route(PingV1, returns<PongV1>())]),
  ) as { [S in ReturnType<typeof pingSubject>]: RequestRoute<PingV1, PongV1> }),
};

/** Events: every JetStream subject with the class of its payload (the envelope's `data`), once. */
export const eventClasses = {
  [WORKSPACE_CREATED_V1]: WorkspaceCreatedV1,
  [evt.TICKET_CREATED_V1]: evt.TicketCreatedV1,
  [evt.TICKET_CLAIMED_V1]: evt.TicketClaimedV1,
  [evt.TICKET_ASSIGNED_V1]: evt.TicketAssignedV1,
  [evt.TICKET_RETURNED_V1]: evt.TicketReturnedV1,
  [evt.TICKET_STATUS_CHANGED_V1]: evt.TicketStatusChangedV1,
  [evt.TICKET_MESSAGE_ADDED_V1]: evt.TicketMessageAddedV1,
  [evt.TICKET_NOTE_ADDED_V1]: evt.TicketNoteAddedV1,
  [evt.TICKET_LABELS_CHANGED_V1]: evt.TicketLabelsChangedV1,
  [evt.TICKET_PARTICIPANTS_CHANGED_V1]: evt.TicketParticipantsChangedV1,
  [evt.TICKET_PRIORITY_CHANGED_V1]: evt.TicketPriorityChangedV1,
  [evt.TICKET_SOLVED_V1]: evt.TicketSolvedV1,
  [evt.TICKET_REOPENED_V1]: evt.TicketReopenedV1,
  [evt.TICKET_REMINDER_DUE_V1]: evt.TicketReminderDueV1,
  [evt.TICKET_MERGED_V1]: evt.TicketMergedV1,
  [evt.TICKET_DELETED_V1]: evt.TicketDeletedV1,
  [evt.TICKET_RESTORED_V1]: evt.TicketRestoredV1,
  [evt.TICKET_INTAKE_CLOSED_V1]: evt.TicketIntakeClosedV1,
  [evt.CUSTOMER_UPDATED_V1]: evt.CustomerUpdatedV1,
  [evt.TICKET_CHANNEL_CHANGED_V1]: evt.TicketChannelChangedV1,
  [evt.TICKET_ACCESS_REQUESTED_V1]: evt.TicketAccessRequestedV1,
  [evt.TICKET_TRANSCRIPT_REQUESTED_V1]: evt.TicketTranscriptRequestedV1,
  [notify.NOTIFICATION_CREATED_V1]: notify.NotificationCreatedV1,
  [kbEvt.KB_ARTICLE_PUBLISHED_V1]: kbEvt.KbArticlePublishedV1,
  [kbEvt.KB_ARTICLE_UPDATED_V1]: kbEvt.KbArticleUpdatedV1,
  [kbEvt.KB_ARTICLE_ARCHIVED_V1]: kbEvt.KbArticleArchivedV1,
};

type Routes = typeof requestRoutes;
export type RequestSubject = keyof Routes;
export type RequestMap = {
  [S in RequestSubject]: Routes[S] extends RequestRoute<infer Request, infer Reply>
    ? { request: Request; reply: Reply }
    : never;
};
export type RequestOf<S extends RequestSubject> = RequestMap[S]['request'];
export type ReplyOf<S extends RequestSubject> = RequestMap[S]['reply'];
export type EventSubject = keyof typeof eventClasses;
export type EventMap = { [S in EventSubject]: InstanceType<(typeof eventClasses)[S]> };
export type EventOf<S extends EventSubject> = EventMap[S];

/** The payload class of every request subject, for validation where a message arrives. */
export const requestClasses = Object.fromEntries(
  Object.entries(requestRoutes).map(([subject, { request }]) => [subject, request]),
) as { [S in RequestSubject]: Class<RequestOf<S>> };
