import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsISO8601,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ActorRequest } from '../common';

/** Mail to the customer of a ticket. */
export const CUSTOMER_NOTIFICATION_KINDS = [
  'customer_reply',
  'solve_summary',
  'auto_response',
  'out_of_hours',
  'continue_by_mail',
  'chat_transcript',
] as const;
export type CustomerNotificationKind = (typeof CUSTOMER_NOTIFICATION_KINDS)[number];

/** Notifications to agents: always in-app, by email too as their preferences say. */
export const AGENT_NOTIFICATION_KINDS = [
  'assigned',
  'participant_added',
  'reminder_due',
  'team_new_ticket',
  'access_requested',
] as const;
export type AgentNotificationKind = (typeof AGENT_NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KINDS = [
  ...CUSTOMER_NOTIFICATION_KINDS,
  ...AGENT_NOTIFICATION_KINDS,
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** An in-app notification of an agent. */
export class NotificationV1 {
  id: string;
  kind: AgentNotificationKind;
  ticketId: string | null;
  ticketNumber: number | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export class NotificationListV1 {
  items: NotificationV1[];
  /** The caller's unread notifications in all. */
  unread: number;
}

export class UnreadCountV1 {
  unread: number;
}

export const LIST_NOTIFICATIONS_V1 = 'helpdesk.qry.notification.list.v1';
/** The calling agent's notifications, newest first. */
export class ListNotificationsV1 extends ActorRequest {
  @IsOptional()
  @IsBoolean()
  unreadOnly?: boolean;

  /** Only those created before this time (the last `createdAt` of the previous page). */
  @IsOptional()
  @IsISO8601({ strict: true })
  before?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export const COUNT_UNREAD_NOTIFICATIONS_V1 = 'helpdesk.qry.notification.count-unread.v1';
export class CountUnreadNotificationsV1 extends ActorRequest {}

export const MARK_NOTIFICATIONS_READ_V1 = 'helpdesk.cmd.notification.mark-read.v1';
/** Marks these of the caller's notifications read, or all of them; answers the unread left. */
export class MarkNotificationsReadV1 extends ActorRequest {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids?: string[];

  @IsOptional()
  @IsBoolean()
  all?: boolean;
}

/** One template of a workspace: its own version, or the default. */
export class NotificationTemplateV1 {
  kind: NotificationKind;
  /** Plain text, one line. */
  subject: string;
  /** Plain text. */
  text: string;
  /** HTML; every `{{variable}}` is escaped. */
  html: string;
  /** false: the default, as shipped. */
  custom: boolean;
  updatedAt: string | null;
}

export class NotificationTemplateListV1 {
  items: NotificationTemplateV1[];
  /** The variables a template may use. */
  variables: string[];
}

export const LIST_TEMPLATES_V1 = 'helpdesk.qry.notification.list-templates.v1';
export class ListTemplatesV1 extends ActorRequest {}

export class TemplatePartsV1 {
  @IsString()
  @MaxLength(998)
  subject: string;

  @IsString()
  @MaxLength(100_000)
  text: string;

  @IsString()
  @MaxLength(200_000)
  html: string;
}

export const UPDATE_TEMPLATE_V1 = 'helpdesk.cmd.notification.update-template.v1';
/** An admin's own version of a template (Handlebars); a template that does not compile is refused. */
export class UpdateTemplateV1 extends ActorRequest {
  @IsIn(NOTIFICATION_KINDS)
  kind: NotificationKind;

  @IsString()
  @MaxLength(998)
  subject: string;

  @IsString()
  @MaxLength(100_000)
  text: string;

  @IsString()
  @MaxLength(200_000)
  html: string;
}

export const RESET_TEMPLATE_V1 = 'helpdesk.cmd.notification.reset-template.v1';
/** Back to the default. */
export class ResetTemplateV1 extends ActorRequest {
  @IsIn(NOTIFICATION_KINDS)
  kind: NotificationKind;
}

export const PREVIEW_TEMPLATE_V1 = 'helpdesk.qry.notification.preview-template.v1';
/** Renders a template with sample values: the workspace's own, or the parts given (an edit). */
export class PreviewTemplateV1 extends ActorRequest {
  @IsIn(NOTIFICATION_KINDS)
  kind: NotificationKind;

  @IsOptional()
  @IsString()
  @MaxLength(998)
  subject?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  text?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200_000)
  html?: string;
}

export class RenderedTemplateV1 {
  subject: string;
  text: string;
  html: string;
}

export class SuppressedAddressV1 {
  address: string;
  /** The relay's answer that suppressed it. */
  reason: string;
  createdAt: string;
}

export class SuppressionListV1 {
  items: SuppressedAddressV1[];
}

export const LIST_SUPPRESSIONS_V1 = 'helpdesk.qry.notification.list-suppressions.v1';
export class ListSuppressionsV1 extends ActorRequest {}

export const CLEAR_SUPPRESSION_V1 = 'helpdesk.cmd.notification.clear-suppression.v1';
/** Mail may go to this address again. */
export class ClearSuppressionV1 extends ActorRequest {
  @IsEmail({ require_tld: false })
  address: string;
}

export class NotificationPreferencesV1 {
  /** Which agent notifications also come by email (all come in-app). */
  emailKinds: AgentNotificationKind[];
}

export const GET_NOTIFICATION_PREFERENCES_V1 = 'helpdesk.qry.notification.get-preferences.v1';
export class GetNotificationPreferencesV1 extends ActorRequest {}

export const UPDATE_NOTIFICATION_PREFERENCES_V1 = 'helpdesk.cmd.notification.update-preferences.v1';
export class UpdateNotificationPreferencesV1 extends ActorRequest {
  @IsArray()
  @ArrayMaxSize(AGENT_NOTIFICATION_KINDS.length)
  @IsIn(AGENT_NOTIFICATION_KINDS, { each: true })
  emailKinds: AgentNotificationKind[];
}

export class AutoResponderV1 {
  address: string;
  enabled: boolean;
}

export const SET_AUTO_RESPONDER_V1 = 'helpdesk.cmd.notification.set-auto-responder.v1';
/** Turns the auto-responder of one inbound mailbox on or off (off by default). */
export class SetAutoResponderV1 extends ActorRequest {
  @IsEmail({ require_tld: false })
  address: string;

  @IsBoolean()
  enabled: boolean;
}

export const NOTIFICATION_CREATED_V1 = 'helpdesk.evt.notification.created.v1';
/** An agent got an in-app notification: chat-gateway pushes it to their desks. */
export class NotificationCreatedV1 {
  @IsUUID()
  agentId: string;

  @IsObject()
  notification: NotificationV1;
}
