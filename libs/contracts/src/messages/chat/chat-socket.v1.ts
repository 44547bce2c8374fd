import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import type { AttachmentRefV1 } from '../ticket/ticket.v1';
import type { TicketSnapshotV1 } from '../ticket/ticket-events.v1';

/*
 * What the chat widget and the agent desk send to chat-gateway over socket.io, validated like
 * every NATS payload. Events the server sends carry `seq`: the message's place in the ticket's
 * history as its reader sees it, so a client that reconnects says the last one it has and
 * receives the rest from ticket-core, not from a replica's memory.
 */

/** Longest chat message, in characters: longer ones are refused with an error event. */
export const CHAT_MESSAGE_MAX_LENGTH = 10_000;

const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** What a customer's socket offers when it connects (socket.io `auth`). */
export class CustomerHandshakeV1 {
  @IsString()
  @Length(8, 100)
  widgetKey: string;

  /** From an earlier `chat:started`: resumes that chat after a reload or reconnect. */
  @IsOptional()
  @IsString()
  @Length(20, 100)
  sessionToken?: string;

  /** The last `seq` the widget has; it is sent every later message of the chat. */
  @IsOptional()
  @IsInt()
  @Min(0)
  lastSeq?: number;

  /**
   * The company's own backend vouches for the visitor: `identityHash` is the HMAC-SHA256 of
   * `externalId:email` with the workspace's identity secret, in hex. Optional; without it the
   * visitor is anonymous, and a wrong hash refuses the connection.
   */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;

  @IsOptional()
  @IsString()
  @Length(64, 64)
  identityHash?: string;
}

export class StartChatV1 {
  @Matches(CLIENT_ID, { message: 'clientId must be 1-64 letters, digits, - or _' })
  clientId: string;

  @IsString()
  @Length(1, CHAT_MESSAGE_MAX_LENGTH)
  body: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;
}

/** Out of hours: asking whether to leave a message, collecting it, or over. */
export type IntakeStateV1 = 'asking' | 'collecting' | 'ended';

export class ChatStartedV1 {
  /** Keep it (the widget stores it) to resume the chat on reload. */
  sessionToken: string;
  /** Null while an out-of-hours chat asks whether to leave a message. */
  ticketNumber: number | null;
  /** Null for a live chat. */
  intake: IntakeStateV1 | null;
  /**
   * The ticket's public link token, once there is a ticket: the widget sends files through the
   * public ticket route (`POST /api/v1/public/tickets/<token>/messages`) and downloads them from
   * it, like the customer's public ticket page. Also sent in `chat:session` on every connect,
   * since an agent may rotate it.
   */
  ticketToken: string | null;
}

/** The `chat:intake` event: where an out-of-hours chat is, and what to show the customer. */
export class ChatIntakeV1 {
  state: IntakeStateV1;
  text: string;
}

export class SendChatMessageV1 {
  /** Made by the client; sending the same id again never makes a second message. */
  @Matches(CLIENT_ID, { message: 'clientId must be 1-64 letters, digits, - or _' })
  clientId: string;

  @IsString()
  @Length(1, CHAT_MESSAGE_MAX_LENGTH)
  body: string;
}

export class ChatMessageSentV1 {
  /** Null for an answer to the out-of-hours question (YES, NO), which is no message. */
  messageId: string | null;
  /** True when this client id had been sent before: the first message stands. */
  duplicate: boolean;
}

/** `chat:transcript`: mail the conversation to the chat's customer email. */
export class RequestTranscriptV1 {
  /** Made by the client: the same id again on the same socket (a resend) mails nothing more. */
  @Matches(CLIENT_ID, { message: 'clientId must be 1-64 letters, digits, - or _' })
  clientId: string;
}

/** `chat:transcript`'s answer: where it goes. */
export class TranscriptRequestedV1 {
  recipient: string;
}

export class TypingV1 {
  @IsBoolean()
  typing: boolean;
}

/** One message as a socket receives it. */
export class ChatMessageEventV1 {
  seq: number;
  id: string;
  ticketId: string;
  visibility: 'public' | 'internal';
  authorKind: 'customer' | 'agent' | 'system' | 'assistant';
  authorId: string | null;
  /** The agent's name when they sign replies. */
  authorName: string | null;
  bodyText: string;
  attachments: AttachmentRefV1[];
  createdAt: string;
}

/**
 * A change to a ticket an agent may see, for the desk's lists and counts (`ticket:events`, a
 * list of them, sent at most every 100 ms): the event's short type and the ticket as it is now.
 * The messages themselves go to the sockets that joined the ticket (`ticket:message`).
 */
export class TicketChangeV1 {
  type: string;
  ticket: TicketSnapshotV1;
}

/** What an agent's socket offers when it connects (socket.io `auth`). */
export class AgentHandshakeV1 {
  @IsString()
  @Length(1, 4096)
  token: string;
}

export class AgentTicketV1 {
  @IsUUID()
  ticketId: string;
}

export class JoinTicketV1 extends AgentTicketV1 {
  /** The last `seq` the desk has of this ticket; the messages after it are sent. */
  @IsOptional()
  @IsInt()
  @Min(0)
  lastSeq?: number;
}

export class AgentTypingV1 extends AgentTicketV1 {
  @IsBoolean()
  typing: boolean;
}

export class AgentReplyV1 extends AgentTicketV1 {
  @Matches(CLIENT_ID, { message: 'clientId must be 1-64 letters, digits, - or _' })
  clientId: string;

  @IsString()
  @Length(1, CHAT_MESSAGE_MAX_LENGTH)
  body: string;

  /** An internal note instead of a public reply. */
  @IsOptional()
  @IsBoolean()
  internal?: boolean;

  /**
   * The last `seq` the agent had seen: a reply is refused as `stale` when the customer wrote
   * since, so the agent reads it first.
   */
  @IsInt()
  @Min(0)
  seenSeq: number;
}

export class SetPresenceV1 {
  @IsIn(['online', 'away'])
  availability: 'online' | 'away';
}

export class RefreshTokenV1 {
  @IsString()
  @Length(1, 4096)
  token: string;
}

/** Why the server refused what a socket sent: the `error` event, or the ack of a request. */
export class SocketErrorV1 {
  code: string;
  message: string;
  /** The event the error answers. */
  event?: string;
}
