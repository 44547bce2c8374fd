import { Type } from 'class-transformer';
import {
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { TicketRequest } from '../common';
import { InboundMailV1 } from './mail.v1';

export const REPLY_TICKET_V1 = 'helpdesk.cmd.ticket.reply.v1';
export const ADD_NOTE_V1 = 'helpdesk.cmd.ticket.add-note.v1';

export class MailHeadersV1 {
  @IsOptional()
  @IsString()
  @MaxLength(998)
  messageId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(998)
  inReplyTo?: string;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(998, { each: true })
  references?: string[];

  /** Sender, recipients, authentication results and quoted history of an inbound mail. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => InboundMailV1)
  inbound?: InboundMailV1;
}

export class AttachmentInputV1 {
  @IsString()
  @Length(1, 200)
  key: string;

  @IsString()
  @Length(1, 255)
  name: string;

  @IsString()
  @Length(1, 255)
  contentType: string;

  @IsInt()
  @Min(0)
  size: number;
}

/**
 * A public message. Who wrote it follows from the actor: an agent's reply, a customer's reply
 * (pending or solved tickets reopen), or the system's.
 */
export class ReplyTicketV1 extends TicketRequest {
  @IsString()
  @Length(1, 1_000_000)
  body: string;

  @IsOptional()
  @IsString()
  @MaxLength(2_000_000)
  bodyHtml?: string;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AttachmentInputV1)
  attachments?: AttachmentInputV1[];

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MailHeadersV1)
  mail?: MailHeadersV1;
}

/** An internal note: agents only, never sent or shown to the customer. */
export class AddNoteV1 extends TicketRequest {
  @IsString()
  @Length(1, 1_000_000)
  body: string;
}
