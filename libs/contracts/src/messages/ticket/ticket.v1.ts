import type { Channel, Priority, Status } from '../common';
import { InboundMailV1, MessageDeliveryV1 } from './mail.v1';

/** A ticket as lists show it. */
export class TicketSummaryV1 {
  id: string;
  workspaceId: string;
  number: number;
  channel: Channel;
  subject: string;
  status: Status;
  priority: Priority;
  teamId: string | null;
  assigneeId: string | null;
  customer: { id: string; name: string | null; email: string | null };
  labels: string[];
  participantIds: string[];
  createdAt: string;
  updatedAt: string;
  lastActivityAt: string;
  remindAt: string | null;
  autoSolveAt: string | null;
  solvedAt: string | null;
  solvedBy: string | null;
  archived: boolean;
  deleted: boolean;
  unread: boolean;
  version: number;
}

export class MessageV1 {
  id: string;
  visibility: 'public' | 'internal';
  authorKind: 'customer' | 'agent' | 'system' | 'assistant';
  authorId: string | null;
  /** Shown to the customer when the agent signs replies; null otherwise. */
  authorName: string | null;
  bodyText: string;
  bodyHtml: string | null;
  attachments: AttachmentRefV1[];
  /** Mail headers, for a message that came or went by email; null for any other. */
  mail: MessageMailV1 | null;
  createdAt: string;
}

/** The mail headers of a message (threading replies by Message-ID, In-Reply-To, References). */
export class MessageMailV1 {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** For an inbound mail: sender, recipients, SPF/DKIM/DMARC, quoted history, threading rule. */
  inbound: InboundMailV1 | null;
  /** For a message sent by mail: queued, sent or failed (with the reason). */
  delivery: MessageDeliveryV1 | null;
}

export class AttachmentRefV1 {
  key: string;
  name: string;
  contentType: string;
  size: number;
}

export class HistoryEntryV1 {
  id: string;
  actorKind: string;
  actorId: string | null;
  action: string;
  changes: Record<string, { before: unknown; after: unknown }>;
  createdAt: string;
}

/** One ticket with everything the desk shows about it. */
export class TicketDetailV1 extends TicketSummaryV1 {
  originIp: string | null;
  userAgent: string | null;
  mailboxAddress: string | null;
  firstResponseAt: string | null;
  lastCustomerMessageAt: string | null;
  lastAgentMessageAt: string | null;
  mergedIntoId: string | null;
  followUpOfId: string | null;
  publicToken: string;
  messages: MessageV1[];
  history: HistoryEntryV1[];
  accessRequests: { id: string; agentId: string; status: string; createdAt: string }[];
}

/** Messages of one reader's history after the first `after` of them (GetTicketMessagesV1). */
export class TicketMessagesV1 {
  after: number;
  messages: MessageV1[];
}

/** What the customer's public page shows: no internal notes, no agent emails. */
export class PublicTicketV1 {
  /**
   * For the gateway only, which acts for the link's holder (a customer reply, a download): it
   * must never pass them on to the customer.
   */
  ticketId?: string;
  workspaceId?: string;
  customerId?: string;
  number: number;
  subject: string;
  status: Status;
  createdAt: string;
  messages: {
    id: string;
    authorKind: 'customer' | 'agent' | 'system' | 'assistant';
    /** The agent's name when they sign replies, else null. */
    authorName: string | null;
    bodyText: string;
    bodyHtml: string | null;
    attachments: AttachmentRefV1[];
    createdAt: string;
  }[];
}

export class TicketListV1 {
  items: TicketSummaryV1[];
}

export class MessageAddedReplyV1 {
  ticket: TicketSummaryV1;
  message: MessageV1;
}
