import { AttachmentRefV1, MessageV1, PublicTicketV1, Status } from '@switchboard/contracts';
import { IsString, Length } from 'class-validator';

/** A customer's reply from the public page (JSON, or the `body` field of a multipart form). */
export class PublicReplyBody {
  @IsString()
  @Length(1, 100_000)
  body: string;
}

/*
 * The answers are classes, not interfaces, so that the OpenAPI document describes their fields
 * (the swagger plugin metadata is generated for classes only). They are never instantiated.
 */

export class PublicAttachmentDto {
  key: string;
  name: string;
  contentType: string;
  size: number;
  /** Where the page downloads it (through the token, never a static folder). */
  url: string;
}

export class PublicMessageDto {
  id: string;
  author: MessageV1['authorKind'];
  /** A signing agent's name; null otherwise. */
  authorName: string | null;
  bodyText: string;
  bodyHtml: string | null;
  attachments: PublicAttachmentDto[];
  createdAt: string;
}

/** What the customer sees: no internal notes, agent emails or internal ids (message ids only). */
export class PublicTicketDto {
  number: number;
  subject: string;
  status: Status;
  createdAt: string;
  messages: PublicMessageDto[];
}

export class PublicReplyDto {
  /** The ticket the reply landed on: a follow-up ticket when the old one was solved too long ago. */
  ticket: {
    number: number;
    status: Status;
    /** The link token of that ticket's page (a follow-up ticket has its own). */
    token: string;
  };
  message: PublicMessageDto;
}

type PublicMessageSource = Pick<
  MessageV1,
  'id' | 'authorKind' | 'authorName' | 'bodyText' | 'bodyHtml' | 'attachments' | 'createdAt'
>;

function toPublicAttachment(token: string, attachment: AttachmentRefV1): PublicAttachmentDto {
  return {
    key: attachment.key,
    name: attachment.name,
    contentType: attachment.contentType,
    size: attachment.size,
    url: `/api/v1/public/tickets/${token}/attachments/${attachment.key}`,
  };
}

/** Field by field, so that nothing added to the wire type reaches the customer by accident. */
export function toPublicMessage(token: string, message: PublicMessageSource): PublicMessageDto {
  return {
    id: message.id,
    author: message.authorKind,
    authorName: message.authorKind === 'agent' ? message.authorName : null,
    bodyText: message.bodyText,
    bodyHtml: message.bodyHtml,
    attachments: message.attachments.map((attachment) => toPublicAttachment(token, attachment)),
    createdAt: message.createdAt,
  };
}

export function toPublicTicket(token: string, ticket: PublicTicketV1): PublicTicketDto {
  return {
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    createdAt: ticket.createdAt,
    messages: ticket.messages.map((message) => toPublicMessage(token, message)),
  };
}
