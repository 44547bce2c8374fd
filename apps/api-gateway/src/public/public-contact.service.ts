import { Injectable, Logger } from '@nestjs/common';
import {
  Actor,
  AttachmentInputV1,
  CREATE_TICKET_V1,
  ErrorCode,
  FIND_WORKSPACE_V1,
  GET_TICKET_V1,
} from '@switchboard/contracts';
import { NatsRpcClient, ServiceException, validatePayload } from '@switchboard/messaging';
import type { Request } from 'express';
import { isIP } from 'node:net';
import { AttachmentUploadService } from '../attachments/attachment-upload.service';
import { ApiGatewayConfig } from '../config';
import { SLUG } from '../knowledge-base/kb-pages.service';
import { refusalOf, signFormToken } from './contact-form-token';
import { PublicContactBody, PublicContactDto, PublicContactFormDto } from './public-contact.dto';

/** The fields of the form, text and hidden ones. */
const FIELDS = 6;

interface Workspace {
  id: string;
  name: string;
}

/**
 * The web contact form (PRODUCT §6): anyone may write to a workspace; the message becomes a
 * `new` ticket of the `web` channel from the customer with that email (found or created by
 * ticket-core), as the chat widget's and mail's tickets are created, by the system.
 */
@Injectable()
export class PublicContactService {
  private readonly logger = new Logger(PublicContactService.name);

  constructor(
    private readonly rpc: NatsRpcClient,
    private readonly uploads: AttachmentUploadService,
    private readonly config: ApiGatewayConfig,
  ) {}

  async form(slug: string): Promise<PublicContactFormDto> {
    const workspace = await this.workspace(slug);
    return {
      workspace: workspace.name,
      formToken: signFormToken(this.config.JWT_SECRET, workspace.id),
    };
  }

  /**
   * JSON, or a multipart form with the same fields and files within the workspace's limits.
   * `seen` gets the fields as read, for a page that shows them again when they are refused.
   */
  async submit(
    slug: string,
    request: Request,
    seen: (fields: Record<string, unknown>) => void = () => undefined,
  ): Promise<PublicContactDto & { workspace: string }> {
    const workspace = await this.workspace(slug);
    const send = (fields: unknown, files: AttachmentInputV1[]) => {
      if (typeof fields === 'object' && fields !== null) seen(fields as Record<string, unknown>);
      return this.create(workspace, request, fields, files);
    };
    if (!request.is('multipart/form-data')) return send(request.body, []);
    const system: Actor = { kind: 'system', workspaceId: workspace.id, teamIds: [] };
    return this.uploads.receive(
      request,
      await this.uploads.limitsFor(system),
      { maxFiles: this.config.ATTACHMENT_MAX_FILES, maxFields: FIELDS, maxFieldBytes: 400_000 },
      (form) => send(form.fields, form.files),
    );
  }

  private async create(
    workspace: Workspace,
    request: Request,
    fields: unknown,
    attachments: AttachmentInputV1[],
  ): Promise<PublicContactDto & { workspace: string }> {
    const form = await validatePayload(PublicContactBody, fields ?? {});
    const refusal = refusalOf(this.config.JWT_SECRET, workspace.id, form);
    if (refusal) throw new ServiceException(ErrorCode.FORBIDDEN, refusal);
    const system: Actor = { kind: 'system', workspaceId: workspace.id, teamIds: [] };
    const ip = request.ip && isIP(request.ip) ? request.ip : undefined;
    const ticket = await this.rpc.request(CREATE_TICKET_V1, {
      actor: system,
      channel: 'web',
      subject: form.subject,
      body: form.message,
      attachments,
      customer: { email: form.email, name: form.name },
      originIp: ip,
      userAgent: request.get('user-agent')?.slice(0, 1000),
    });
    // The ticket exists by now: not naming its link must not fail the request.
    const link = await this.rpc
      .request(GET_TICKET_V1, { actor: system, ticketId: ticket.id })
      .then((detail) => `/t/${detail.publicToken}`)
      .catch((error: Error) => {
        this.logger.warn(`the public link of ticket ${ticket.id}: ${error.message}`);
        return null;
      });
    return { workspace: workspace.name, number: ticket.number, status: ticket.status, link };
  }

  private async workspace(slug: string): Promise<Workspace> {
    if (!SLUG.test(slug)) throw notFound();
    const workspace = await this.rpc.request(FIND_WORKSPACE_V1, { slug }).catch((error) => {
      throw (error as ServiceException).code === ErrorCode.NOT_FOUND ? notFound() : error;
    });
    return { id: workspace.id, name: workspace.name };
  }
}

function notFound(): ServiceException {
  return new ServiceException(ErrorCode.NOT_FOUND, 'no such contact form');
}
