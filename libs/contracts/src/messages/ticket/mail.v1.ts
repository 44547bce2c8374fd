import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Actor } from '../../actor';
import { ActorRequest } from '../common';

/**
 * Which ticket, if any, holds one of these mail Message-IDs (inbound ones as they arrived,
 * outbound ones as notification recorded them): mail-ingest's threading by In-Reply-To and
 * References. Matches within the actor's workspace only.
 */
export const FIND_TICKET_BY_MAIL_V1 = 'helpdesk.qry.ticket.find-by-mail.v1';
export class FindTicketByMailV1 extends ActorRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(998, { each: true })
  messageIds: string[];
}
export class FoundTicketV1 {
  /** null when no message of the workspace has any of the ids. */
  ticketId: string | null;
  number: number | null;
}

export const DELIVERY_STATES = ['queued', 'sent', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * What became of a message sent by mail: notification records `queued`, `sent` (with the
 * Message-ID it sent, so replies thread back) and `failed`; mail-ingest records `failed` from a
 * bounce. The message is named by its id, or by the Message-ID of the mail that carried it. A
 * failure also leaves a system note on the ticket, so agents see it in the conversation.
 */
export class DeliveryReportV1 {
  @IsUUID()
  ticketId: string;

  @ValidateIf((report: DeliveryReportV1) => report.mailMessageId === undefined)
  @IsUUID()
  messageId?: string;

  @ValidateIf((report: DeliveryReportV1) => report.messageId === undefined)
  @IsString()
  @MaxLength(998)
  mailMessageId?: string;

  @IsIn(DELIVERY_STATES)
  state: DeliveryState;

  /** The address the mail went to. */
  @IsOptional()
  @IsString()
  @MaxLength(320)
  recipient?: string;

  /** Why it failed: the SMTP answer or the bounce's diagnostic. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

/** One outcome (mail-ingest's bounces). */
export const RECORD_DELIVERY_V1 = 'helpdesk.cmd.ticket.record-delivery.v1';
export class RecordDeliveryV1 extends DeliveryReportV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => Actor)
  actor: Actor;
}
export class DeliveryRecordedV1 {
  messageId: string;
  state: DeliveryState;
}

/**
 * Many outcomes of one workspace at once (notification reports a sending round's): the same
 * as RECORD_DELIVERY_V1 for each, in one request instead of one per mail.
 */
export const RECORD_DELIVERIES_V1 = 'helpdesk.cmd.ticket.record-deliveries.v1';
export class RecordDeliveriesV1 extends ActorRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DeliveryReportV1)
  deliveries: DeliveryReportV1[];
}
export class DeliveriesRecordedV1 {
  /** Each report's message, in order; null where the message is gone (a purged ticket). */
  messageIds: (string | null)[];
}

export const AUTH_RESULTS = [
  'pass',
  'fail',
  'softfail',
  'neutral',
  'none',
  'policy',
  'temperror',
  'permerror',
] as const;
export type AuthResult = (typeof AUTH_RESULTS)[number];

/** SPF, DKIM and DMARC as mail-ingest found them for an inbound mail. */
export class MailAuthenticationV1 {
  @IsIn(AUTH_RESULTS)
  spf: AuthResult;

  @IsIn(AUTH_RESULTS)
  dkim: AuthResult;

  @IsIn(AUTH_RESULTS)
  dmarc: AuthResult;
}

export const THREADING_RULES = ['token', 'references', 'subject'] as const;
export type ThreadingRule = (typeof THREADING_RULES)[number];

/** What else an inbound mail said, kept on its message for the desk. */
export class InboundMailV1 {
  @IsOptional()
  @IsString()
  @MaxLength(998)
  from?: string;

  @IsOptional()
  @IsString()
  @MaxLength(998)
  replyTo?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(998, { each: true })
  to?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(998, { each: true })
  cc?: string[];

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MailAuthenticationV1)
  authentication?: MailAuthenticationV1;

  /** The quoted history below the new text, kept apart from the body. */
  @IsOptional()
  @IsString()
  @MaxLength(1_000_000)
  quotedText?: string;

  /**
   * Automatic mail (Auto-Submitted, Precedence bulk/list/junk, a null return path, a mailer
   * daemon, a loop): nothing automatic may answer it (auto-responder, acknowledgements).
   */
  @IsOptional()
  @IsBoolean()
  noAutoReply?: boolean;

  /** The rule that put this mail on its ticket; absent when it started the ticket. */
  @IsOptional()
  @IsIn(THREADING_RULES)
  threadedBy?: ThreadingRule;
}

/** What became of a message sent by mail (RECORD_DELIVERY_V1), as the desk shows it. */
export class MessageDeliveryV1 {
  state: DeliveryState;
  recipient: string | null;
  reason: string | null;
  at: string;
}
