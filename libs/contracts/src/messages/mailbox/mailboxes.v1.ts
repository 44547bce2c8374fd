import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { ActorRequest } from '../common';

/** An inbound address: mail to it becomes tickets of its workspace (and team, when set). */
export class MailboxV1 {
  id: string;
  workspaceId: string;
  address: string;
  name: string;
  teamId: string | null;
  /** Largest mail this mailbox takes, under the server's own limit; null: the server's. */
  maxMessageBytes: number | null;
  createdAt: string;
}

export const UPSERT_MAILBOX_V1 = 'helpdesk.cmd.mailbox.upsert.v1';
/** Creates the mailbox for this address, or updates it (admins only). */
export class UpsertMailboxV1 extends ActorRequest {
  @IsEmail()
  address: string;

  @IsString()
  @Length(1, 200)
  name: string;

  @IsOptional()
  @IsUUID()
  teamId?: string;

  /** Largest mail accepted for this mailbox (refused with 552 while it streams). */
  @IsOptional()
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  maxMessageBytes?: number;
}

export const LIST_MAILBOXES_V1 = 'helpdesk.qry.mailbox.list.v1';
export class ListMailboxesV1 extends ActorRequest {}

export class MailboxListV1 {
  items: MailboxV1[];
}

export const INBOUND_MAIL_STATUSES = ['pending', 'done', 'parked', 'held'] as const;
export type InboundMailStatus = (typeof INBOUND_MAIL_STATUSES)[number];

/** A mail mail-ingest received, as the admin sees it (never its content). */
export class InboundMailV1Summary {
  id: string;
  mailboxAddress: string;
  recipient: string;
  mailFrom: string;
  size: number;
  /** pending: waiting or retrying; done; parked: kept failing (see lastError); held: a loop. */
  status: InboundMailStatus;
  outcome: string | null;
  attempts: number;
  lastError: string | null;
  ticketId: string | null;
  receivedAt: string;
  processedAt: string | null;
}

export class InboundMailListV1 {
  items: InboundMailV1Summary[];
}

export const LIST_INBOUND_MAILS_V1 = 'helpdesk.qry.inbound-mail.list.v1';
/** The workspace's received mail, newest first, by status (admins only). */
export class ListInboundMailsV1 extends ActorRequest {
  @IsOptional()
  @IsIn(INBOUND_MAIL_STATUSES)
  status?: InboundMailStatus;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export const REPLAY_INBOUND_MAIL_V1 = 'helpdesk.cmd.inbound-mail.replay.v1';
/**
 * Processes a parked or held mail again from its raw bytes (admins only): after a fix, or to let
 * a mail held as a loop through. A mail already on a ticket is not added twice.
 */
export class ReplayInboundMailV1 extends ActorRequest {
  @IsUUID()
  mailId: string;
}
