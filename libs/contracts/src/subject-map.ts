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
import * as wire from './messages/ticket/ticket.v1';

type Class<T> = new () => T;

/** Commands and queries: request/reply subjects with their request and reply types. */
export interface RequestMap {
  [CREATE_WORKSPACE_V1]: { request: CreateWorkspaceV1; reply: WorkspaceV1 };
  [directory.UPSERT_AGENT_V1]: { request: directory.UpsertAgentV1; reply: directory.AgentV1 };
  [mailboxes.UPSERT_MAILBOX_V1]: { request: mailboxes.UpsertMailboxV1; reply: mailboxes.MailboxV1 };
  [mailboxes.LIST_MAILBOXES_V1]: {
    request: mailboxes.ListMailboxesV1;
    reply: mailboxes.MailboxListV1;
  };
  [directory.SET_AVAILABILITY_V1]: {
    request: directory.SetAvailabilityV1;
    reply: directory.AgentV1;
  };
  [directory.CREATE_TEAM_V1]: { request: directory.CreateTeamV1; reply: directory.TeamV1 };
  [directory.LIST_AGENTS_V1]: { request: directory.ListAgentsV1; reply: directory.AgentListV1 };
  [directory.GET_AGENT_V1]: { request: directory.GetAgentV1; reply: directory.AgentV1 };
  [settings.GET_WORKSPACE_SETTINGS_V1]: {
    request: settings.GetWorkspaceSettingsV1;
    reply: settings.WorkspaceSettingsV1;
  };
  [settings.UPDATE_WORKSPACE_SETTINGS_V1]: {
    request: settings.UpdateWorkspaceSettingsV1;
    reply: settings.WorkspaceSettingsV1;
  };
  [auth.SET_CREDENTIALS_V1]: { request: auth.SetCredentialsV1; reply: { agentId: string } };
  [labels.LIST_LABELS_V1]: { request: labels.ListLabelsV1; reply: labels.LabelListV1 };
  [directory.LIST_TEAMS_V1]: { request: directory.ListTeamsV1; reply: directory.TeamListV1 };
  [customers.UPDATE_CUSTOMER_V1]: {
    request: customers.UpdateCustomerV1;
    reply: customers.CustomerV1;
  };
  [customers.LINK_CUSTOMER_V1]: { request: customers.LinkCustomerV1; reply: customers.CustomerV1 };
  [customers.GET_CUSTOMER_V1]: {
    request: customers.GetCustomerV1;
    reply: customers.CustomerWithTicketsV1;
  };
  [create.CREATE_TICKET_V1]: { request: create.CreateTicketV1; reply: wire.TicketSummaryV1 };
  [reply.REPLY_TICKET_V1]: { request: reply.ReplyTicketV1; reply: wire.MessageAddedReplyV1 };
  [reply.ADD_NOTE_V1]: { request: reply.AddNoteV1; reply: wire.MessageAddedReplyV1 };
  [cmd.CLAIM_TICKET_V1]: { request: cmd.ClaimTicketV1; reply: wire.TicketSummaryV1 };
  [cmd.QUICK_ACCEPT_V1]: { request: cmd.QuickAcceptV1; reply: wire.TicketListV1 };
  [cmd.ASSIGN_TICKET_V1]: { request: cmd.AssignTicketV1; reply: wire.TicketSummaryV1 };
  [cmd.RETURN_TICKET_V1]: { request: cmd.ReturnTicketV1; reply: wire.TicketSummaryV1 };
  [cmd.SET_PENDING_V1]: { request: cmd.SetPendingV1; reply: wire.TicketSummaryV1 };
  [cmd.SET_AUTO_SOLVE_V1]: { request: cmd.SetAutoSolveV1; reply: wire.TicketSummaryV1 };
  [cmd.SOLVE_TICKET_V1]: { request: cmd.SolveTicketV1; reply: wire.TicketSummaryV1 };
  [cmd.REOPEN_TICKET_V1]: { request: cmd.ReopenTicketV1; reply: wire.TicketSummaryV1 };
  [cmd.SET_PRIORITY_V1]: { request: cmd.SetPriorityV1; reply: wire.TicketSummaryV1 };
  [cmd.CHANGE_LABELS_V1]: { request: cmd.ChangeLabelsV1; reply: wire.TicketSummaryV1 };
  [cmd.CHANGE_PARTICIPANTS_V1]: { request: cmd.ChangeParticipantsV1; reply: wire.TicketSummaryV1 };
  [cmd.REQUEST_ACCESS_V1]: { request: cmd.RequestAccessV1; reply: { requestId: string } };
  [cmd.DECIDE_ACCESS_V1]: { request: cmd.DecideAccessV1; reply: wire.TicketSummaryV1 };
  [cmd.MARK_READ_V1]: { request: cmd.MarkReadV1; reply: wire.TicketSummaryV1 };
  [cmd.DELETE_TICKET_V1]: { request: cmd.DeleteTicketV1; reply: wire.TicketSummaryV1 };
  [cmd.RESTORE_TICKET_V1]: { request: cmd.RestoreTicketV1; reply: wire.TicketSummaryV1 };
  [cmd.MERGE_TICKET_V1]: { request: cmd.MergeTicketV1; reply: wire.TicketSummaryV1 };
  [cmd.CONVERT_TO_MAIL_V1]: { request: cmd.ConvertToMailV1; reply: wire.TicketSummaryV1 };
  [cmd.ANSWER_LATER_V1]: { request: cmd.AnswerLaterV1; reply: wire.TicketSummaryV1 };
  [cmd.SCHEDULE_INTAKE_CLOSE_V1]: {
    request: cmd.ScheduleIntakeCloseV1;
    reply: { closesAt: string };
  };
  [cmd.ROTATE_PUBLIC_TOKEN_V1]: {
    request: cmd.RotatePublicTokenV1;
    reply: { publicToken: string };
  };
  [cmd.GET_TICKET_V1]: { request: cmd.GetTicketV1; reply: wire.TicketDetailV1 };
  [cmd.GET_TICKET_BY_NUMBER_V1]: { request: cmd.GetTicketByNumberV1; reply: wire.TicketDetailV1 };
  [cmd.GET_TICKET_BY_TOKEN_V1]: { request: cmd.GetTicketByTokenV1; reply: wire.PublicTicketV1 };
  [cmd.LIST_VIEW_V1]: { request: cmd.ListViewV1; reply: search.TicketPageV1 };
  [attachments.FIND_ATTACHMENT_V1]: {
    request: attachments.FindAttachmentV1;
    reply: wire.AttachmentRefV1;
  };
  [cmd.VIEW_COUNTS_V1]: { request: cmd.ViewCountsV1; reply: search.ViewCountsReplyV1 };
  [search.SEARCH_TICKETS_V1]: { request: search.SearchTicketsV1; reply: search.TicketPageV1 };
  [canned.CREATE_CANNED_REPLY_V1]: {
    request: canned.CreateCannedReplyV1;
    reply: canned.CannedReplyV1;
  };
  [canned.UPDATE_CANNED_REPLY_V1]: {
    request: canned.UpdateCannedReplyV1;
    reply: canned.CannedReplyV1;
  };
  [canned.DELETE_CANNED_REPLY_V1]: {
    request: canned.DeleteCannedReplyV1;
    reply: { deleted: true };
  };
  [canned.LIST_CANNED_REPLIES_V1]: {
    request: canned.ListCannedRepliesV1;
    reply: canned.CannedReplyListV1;
  };
  [canned.RENDER_CANNED_REPLY_V1]: {
    request: canned.RenderCannedReplyV1;
    reply: canned.RenderedCannedReplyV1;
  };
  'helpdesk.qry.api-gateway.ping.v1': { request: PingV1; reply: PongV1 };
  'helpdesk.qry.ticket-core.ping.v1': { request: PingV1; reply: PongV1 };
  'helpdesk.qry.mail-ingest.ping.v1': { request: PingV1; reply: PongV1 };
  'helpdesk.qry.chat-gateway.ping.v1': { request: PingV1; reply: PongV1 };
  'helpdesk.qry.notification.ping.v1': { request: PingV1; reply: PongV1 };
  'helpdesk.qry.knowledge-base.ping.v1': { request: PingV1; reply: PongV1 };
}

/** Events: JetStream subjects with their payload (the envelope's `data`). */
export interface EventMap {
  [WORKSPACE_CREATED_V1]: WorkspaceCreatedV1;
  [evt.TICKET_CREATED_V1]: evt.TicketCreatedV1;
  [evt.TICKET_CLAIMED_V1]: evt.TicketClaimedV1;
  [evt.TICKET_ASSIGNED_V1]: evt.TicketAssignedV1;
  [evt.TICKET_RETURNED_V1]: evt.TicketReturnedV1;
  [evt.TICKET_STATUS_CHANGED_V1]: evt.TicketStatusChangedV1;
  [evt.TICKET_MESSAGE_ADDED_V1]: evt.TicketMessageAddedV1;
  [evt.TICKET_NOTE_ADDED_V1]: evt.TicketNoteAddedV1;
  [evt.TICKET_LABELS_CHANGED_V1]: evt.TicketLabelsChangedV1;
  [evt.TICKET_PARTICIPANTS_CHANGED_V1]: evt.TicketParticipantsChangedV1;
  [evt.TICKET_PRIORITY_CHANGED_V1]: evt.TicketPriorityChangedV1;
  [evt.TICKET_SOLVED_V1]: evt.TicketSolvedV1;
  [evt.TICKET_REOPENED_V1]: evt.TicketReopenedV1;
  [evt.TICKET_REMINDER_DUE_V1]: evt.TicketReminderDueV1;
  [evt.TICKET_MERGED_V1]: evt.TicketMergedV1;
  [evt.TICKET_DELETED_V1]: evt.TicketDeletedV1;
  [evt.TICKET_RESTORED_V1]: evt.TicketRestoredV1;
  [evt.TICKET_INTAKE_CLOSED_V1]: evt.TicketIntakeClosedV1;
  [evt.CUSTOMER_UPDATED_V1]: evt.CustomerUpdatedV1;
}

export type RequestSubject = keyof RequestMap;
export type RequestOf<S extends RequestSubject> = RequestMap[S]['request'];
export type ReplyOf<S extends RequestSubject> = RequestMap[S]['reply'];
export type EventSubject = keyof EventMap;
export type EventOf<S extends EventSubject> = EventMap[S];

/** The payload class of every request subject, for validation where a message arrives. */
export const requestClasses: { [S in RequestSubject]: Class<RequestOf<S>> } = {
  [CREATE_WORKSPACE_V1]: CreateWorkspaceV1,
  [directory.UPSERT_AGENT_V1]: directory.UpsertAgentV1,
  [mailboxes.UPSERT_MAILBOX_V1]: mailboxes.UpsertMailboxV1,
  [mailboxes.LIST_MAILBOXES_V1]: mailboxes.ListMailboxesV1,
  [directory.SET_AVAILABILITY_V1]: directory.SetAvailabilityV1,
  [directory.CREATE_TEAM_V1]: directory.CreateTeamV1,
  [directory.LIST_AGENTS_V1]: directory.ListAgentsV1,
  [directory.GET_AGENT_V1]: directory.GetAgentV1,
  [settings.GET_WORKSPACE_SETTINGS_V1]: settings.GetWorkspaceSettingsV1,
  [settings.UPDATE_WORKSPACE_SETTINGS_V1]: settings.UpdateWorkspaceSettingsV1,
  [auth.SET_CREDENTIALS_V1]: auth.SetCredentialsV1,
  [labels.LIST_LABELS_V1]: labels.ListLabelsV1,
  [directory.LIST_TEAMS_V1]: directory.ListTeamsV1,
  [customers.UPDATE_CUSTOMER_V1]: customers.UpdateCustomerV1,
  [customers.LINK_CUSTOMER_V1]: customers.LinkCustomerV1,
  [customers.GET_CUSTOMER_V1]: customers.GetCustomerV1,
  [create.CREATE_TICKET_V1]: create.CreateTicketV1,
  [reply.REPLY_TICKET_V1]: reply.ReplyTicketV1,
  [reply.ADD_NOTE_V1]: reply.AddNoteV1,
  [cmd.CLAIM_TICKET_V1]: cmd.ClaimTicketV1,
  [cmd.QUICK_ACCEPT_V1]: cmd.QuickAcceptV1,
  [cmd.ASSIGN_TICKET_V1]: cmd.AssignTicketV1,
  [cmd.RETURN_TICKET_V1]: cmd.ReturnTicketV1,
  [cmd.SET_PENDING_V1]: cmd.SetPendingV1,
  [cmd.SET_AUTO_SOLVE_V1]: cmd.SetAutoSolveV1,
  [cmd.SOLVE_TICKET_V1]: cmd.SolveTicketV1,
  [cmd.REOPEN_TICKET_V1]: cmd.ReopenTicketV1,
  [cmd.SET_PRIORITY_V1]: cmd.SetPriorityV1,
  [cmd.CHANGE_LABELS_V1]: cmd.ChangeLabelsV1,
  [cmd.CHANGE_PARTICIPANTS_V1]: cmd.ChangeParticipantsV1,
  [cmd.REQUEST_ACCESS_V1]: cmd.RequestAccessV1,
  [cmd.DECIDE_ACCESS_V1]: cmd.DecideAccessV1,
  [cmd.MARK_READ_V1]: cmd.MarkReadV1,
  [cmd.DELETE_TICKET_V1]: cmd.DeleteTicketV1,
  [cmd.RESTORE_TICKET_V1]: cmd.RestoreTicketV1,
  [cmd.MERGE_TICKET_V1]: cmd.MergeTicketV1,
  [cmd.CONVERT_TO_MAIL_V1]: cmd.ConvertToMailV1,
  [cmd.ANSWER_LATER_V1]: cmd.AnswerLaterV1,
  [cmd.SCHEDULE_INTAKE_CLOSE_V1]: cmd.ScheduleIntakeCloseV1,
  [cmd.ROTATE_PUBLIC_TOKEN_V1]: cmd.RotatePublicTokenV1,
  [cmd.GET_TICKET_V1]: cmd.GetTicketV1,
  [cmd.GET_TICKET_BY_NUMBER_V1]: cmd.GetTicketByNumberV1,
  [cmd.GET_TICKET_BY_TOKEN_V1]: cmd.GetTicketByTokenV1,
  [cmd.LIST_VIEW_V1]: cmd.ListViewV1,
  [attachments.FIND_ATTACHMENT_V1]: attachments.FindAttachmentV1,
  [cmd.VIEW_COUNTS_V1]: cmd.ViewCountsV1,
  [search.SEARCH_TICKETS_V1]: search.SearchTicketsV1,
  [canned.CREATE_CANNED_REPLY_V1]: canned.CreateCannedReplyV1,
  [canned.UPDATE_CANNED_REPLY_V1]: canned.UpdateCannedReplyV1,
  [canned.DELETE_CANNED_REPLY_V1]: canned.DeleteCannedReplyV1,
  [canned.LIST_CANNED_REPLIES_V1]: canned.ListCannedRepliesV1,
  [canned.RENDER_CANNED_REPLY_V1]: canned.RenderCannedReplyV1,
  ...(Object.fromEntries(SERVICE_NAMES.map((service) => [pingSubject(service), PingV1])) as {
    [S in ReturnType<typeof pingSubject>]: Class<PingV1>;
  }),
};

/** The payload class of every event subject, for validation before a consumer acts. */
export const eventClasses: { [S in EventSubject]: Class<EventOf<S>> } = {
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
};
