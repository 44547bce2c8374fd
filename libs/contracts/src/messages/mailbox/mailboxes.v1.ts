import { IsEmail, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ActorRequest } from '../common';

/** An inbound address: mail to it becomes tickets of its workspace (and team, when set). */
export class MailboxV1 {
  id: string;
  workspaceId: string;
  address: string;
  name: string;
  teamId: string | null;
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
}

export const LIST_MAILBOXES_V1 = 'helpdesk.qry.mailbox.list.v1';
export class ListMailboxesV1 extends ActorRequest {}

export class MailboxListV1 {
  items: MailboxV1[];
}
