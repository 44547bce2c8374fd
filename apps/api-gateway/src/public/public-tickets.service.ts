import { Injectable, Logger } from '@nestjs/common';
import {
  Actor,
  AttachmentInputV1,
  ErrorCode,
  GET_TICKET_BY_TOKEN_V1,
  GET_TICKET_V1,
  PublicTicketV1,
  REPLY_TICKET_V1,
} from '@switchboard/contracts';
import { NatsRpcClient, ServiceException, validatePayload } from '@switchboard/messaging';
import type { Request, Response } from 'express';
import { AttachmentDownloadService } from '../attachments/attachment-download.service';
import { AttachmentException } from '../attachments/attachment.exception';
import { AttachmentUploadService } from '../attachments/attachment-upload.service';
import { ApiGatewayConfig } from '../config';
import {
  PublicReplyBody,
  PublicReplyDto,
  PublicTicketDto,
  toPublicMessage,
  toPublicTicket,
} from './public-ticket.dto';

/** Public tokens are 32 base64url characters; the contract accepts 22 to 100. */
const TOKEN = /^[A-Za-z0-9_-]{22,100}$/;

/** The ticket the link names, as the gateway acts for its holder. */
interface LinkedTicket {
  page: PublicTicketV1;
  ticketId: string;
  workspaceId: string;
  customerId: string;
}

/**
 * The customer's public ticket page (PRODUCT §6). Holding the unguessable token is the
 * permission: a reply is sent as that ticket's customer, like any customer reply. Unknown,
 * rotated and deleted tokens all answer the same 404.
 */
@Injectable()
export class PublicTicketsService {
  private readonly logger = new Logger(PublicTicketsService.name);

  constructor(
    private readonly rpc: NatsRpcClient,
    private readonly uploads: AttachmentUploadService,
    private readonly downloads: AttachmentDownloadService,
    private readonly config: ApiGatewayConfig,
  ) {}

  async view(token: string): Promise<PublicTicketDto> {
    const { page } = await this.linked(token);
    return toPublicTicket(token, page);
  }

  /**
   * `{ body }` as JSON, or a multipart form with `body` and files within the workspace's limits.
   * The files and the reply are one unit: a refused form, body or reply leaves no file stored.
   */
  async reply(token: string, request: Request): Promise<PublicReplyDto> {
    const ticket = await this.linked(token);
    if (!request.is('multipart/form-data')) return this.send(token, ticket, request.body, []);
    const system: Actor = { kind: 'system', workspaceId: ticket.workspaceId, teamIds: [] };
    const limits = await this.uploads.limitsFor(system);
    return this.uploads.receive(
      request,
      limits,
      { maxFiles: this.config.ATTACHMENT_MAX_FILES, maxFields: 1, maxFieldBytes: 400_000 },
      (form) => this.send(token, ticket, form.fields, form.files),
    );
  }

  private async send(
    token: string,
    ticket: LinkedTicket,
    fields: unknown,
    attachments: AttachmentInputV1[],
  ): Promise<PublicReplyDto> {
    const { body } = await validatePayload(PublicReplyBody, fields ?? {});
    const customer: Actor = {
      kind: 'customer',
      workspaceId: ticket.workspaceId,
      customerId: ticket.customerId,
      teamIds: [],
    };
    const added = await this.rpc.request(REPLY_TICKET_V1, {
      actor: customer,
      ticketId: ticket.ticketId,
      body,
      attachments,
    });
    const landedOn = await this.tokenOf(token, ticket, added.ticket.id);
    return {
      ticket: { number: added.ticket.number, status: added.ticket.status, token: landedOn },
      message: toPublicMessage(landedOn, added.message),
    };
  }

  /**
   * The link of the ticket a reply landed on: the one replied to, or the follow-up ticket that
   * a reply after the reopen window starts, whose page (and the reply's files) is at its own link.
   */
  private async tokenOf(token: string, ticket: LinkedTicket, landedOnId: string): Promise<string> {
    if (landedOnId === ticket.ticketId) return token;
    const system: Actor = { kind: 'system', workspaceId: ticket.workspaceId, teamIds: [] };
    // The reply is stored by now: a failure here must not fail the request (nor remove its files).
    return this.rpc
      .request(GET_TICKET_V1, { actor: system, ticketId: landedOnId })
      .then((followUp) => followUp.publicToken)
      .catch((error: Error) => {
        this.logger.warn(`the follow-up ticket ${landedOnId}'s link: ${error.message}`);
        return token;
      });
  }

  /** Only a file of one of this ticket's public messages. */
  async download(token: string, key: string, response: Response): Promise<void> {
    const { page } = await this.linked(token);
    const attachment = page.messages
      .flatMap((message) => message.attachments)
      .find((candidate) => candidate.key === key);
    if (!attachment) throw AttachmentException.notFound();
    await this.downloads.send(response, attachment);
  }

  private async linked(token: string): Promise<LinkedTicket> {
    if (!TOKEN.test(token)) throw notFound();
    const page = await this.rpc.request(GET_TICKET_BY_TOKEN_V1, { token }).catch((error) => {
      throw (error as ServiceException).code === ErrorCode.NOT_FOUND ? notFound() : error;
    });
    const { ticketId, workspaceId, customerId } = page;
    if (!ticketId || !workspaceId || !customerId) {
      // ticket-core older than this gateway: the page can be shown, nothing done for its holder.
      throw new ServiceException(ErrorCode.UNAVAILABLE, 'ticket-core does not name the ticket');
    }
    return { page, ticketId, workspaceId, customerId };
  }
}

/** The same answer whatever the reason: a token that never existed, was rotated or deleted. */
function notFound(): ServiceException {
  return new ServiceException(ErrorCode.NOT_FOUND, 'ticket not found');
}
