import { Type } from 'class-transformer';
import {
  IsArray,
  IsEmail,
  IsIn,
  IsIP,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ActorRequest, CHANNELS, type Channel, PRIORITIES, type Priority } from '../common';
import { AttachmentInputV1, MailHeadersV1 } from './reply-ticket.v1';

export const CREATE_TICKET_V1 = 'helpdesk.cmd.ticket.create.v1';

/** Who the ticket is from: linked to an existing customer by email or external id, else created. */
export class CustomerRefV1 {
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class CreateTicketV1 extends ActorRequest {
  @IsIn(CHANNELS)
  channel: Channel;

  @IsString()
  @Length(1, 500)
  subject: string;

  /** The first message; for chat and mail it is the customer's, for manual the agent's. */
  @IsOptional()
  @IsString()
  @MaxLength(1_000_000)
  body?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2_000_000)
  bodyHtml?: string;

  /** Files of the first message, stored beforehand (the gateway's uploads, mail's attachments). */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AttachmentInputV1)
  attachments?: AttachmentInputV1[];

  @IsObject()
  @ValidateNested()
  @Type(() => CustomerRefV1)
  customer: CustomerRefV1;

  @IsOptional()
  @IsUUID()
  teamId?: string;

  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  labels?: string[];

  @IsOptional()
  @IsIP()
  originIp?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  userAgent?: string;

  @IsOptional()
  @IsEmail()
  mailboxAddress?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MailHeadersV1)
  mail?: MailHeadersV1;
}
