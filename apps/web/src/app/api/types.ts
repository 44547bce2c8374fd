import type { ApiSchema } from '@switchboard/api-client';

/** The API's shapes the desk uses, by the names the OpenAPI document gives them. */
export type Ticket = ApiSchema<'TicketSummaryV1'>;
export type TicketDetail = ApiSchema<'TicketDetailV1'>;
export type TicketPage = ApiSchema<'TicketPageV1'>;
export type Message = ApiSchema<'MessageV1'>;
export type HistoryEntry = ApiSchema<'HistoryEntryV1'>;
export type ViewCounts = ApiSchema<'ViewCountsReplyV1'>;
export type Agent = ApiSchema<'AgentV1'>;
export type Team = ApiSchema<'TeamV1'>;
export type Me = ApiSchema<'Me'>;
export type TokenPair = ApiSchema<'TokenPair'>;
export type CannedReply = ApiSchema<'CannedReplyV1'>;
export type Customer = ApiSchema<'CustomerWithTicketsV1'>;
export type Settings = ApiSchema<'WorkspaceSettingsV1'>;
export type Mailbox = ApiSchema<'MailboxV1'>;
export type ApiToken = ApiSchema<'ApiTokenView'>;
export type Integration = ApiSchema<'IntegrationView'>;
export type CreatedIntegration = ApiSchema<'CreatedIntegration'>;
export type AttachmentRef = ApiSchema<'AttachmentRefV1'>;
export type Priority = Ticket['priority'];
export type Role = Agent['role'];
export type IntegrationRole = Integration['role'];

export const VIEWS = ['new', 'open', 'team', 'pending', 'solved'] as const;
export type ViewName = (typeof VIEWS)[number];
