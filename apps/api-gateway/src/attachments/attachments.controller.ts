import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Actor, AttachmentInputV1, FIND_ATTACHMENT_V1 } from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import type { Request, Response } from 'express';
import { CurrentActor } from '../auth/auth.decorators';
import { AttachmentDownloadService } from './attachment-download.service';
import { AttachmentException } from './attachment.exception';
import { AttachmentUploadService } from './attachment-upload.service';
import { AttachmentKeyParams, DownloadQuery } from './attachments.dto';

/** Agents' uploads (then referenced in a reply's `attachments`) and downloads. */
@ApiTags('attachments')
@ApiBearerAuth()
@Controller('api/v1/attachments')
export class AttachmentsController {
  constructor(
    private readonly uploads: AttachmentUploadService,
    private readonly downloads: AttachmentDownloadService,
    private readonly rpc: NatsRpcClient,
  ) {}

  /**
   * One file in the multipart field `file`, streamed to storage within the workspace's size and
   * type limits (413, 415). Answers the attachment to pass in a reply.
   */
  @ApiConsumes('multipart/form-data')
  // The handler streams the request itself: no parameter tells the document the body.
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @Post()
  async upload(@CurrentActor() actor: Actor, @Req() request: Request): Promise<AttachmentInputV1> {
    const limits = await this.uploads.limitsFor(actor);
    return this.uploads.receive(
      request,
      limits,
      { maxFiles: 1, maxFields: 0, maxFieldBytes: 0 },
      async (form) => {
        if (form.files.length === 0)
          throw AttachmentException.invalid('file', 'a file is required');
        return form.files[0];
      },
    );
  }

  /** The bytes of an attachment of a message the caller can see; 404 otherwise. */
  @Get(':key')
  async download(
    @CurrentActor() actor: Actor,
    @Param() params: AttachmentKeyParams,
    @Query() query: DownloadQuery,
    @Res() response: Response,
  ): Promise<void> {
    const attachment = await this.rpc.request(FIND_ATTACHMENT_V1, {
      actor,
      key: params.key,
      name: query.name,
      contentType: query.type,
    });
    await this.downloads.send(response, attachment);
  }
}
