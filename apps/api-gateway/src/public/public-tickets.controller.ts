import { Controller, Get, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { RateLimitGuard } from '../auth/auth-throttler.guard';
import { Public } from '../auth/auth.decorators';
import { PublicRateLimit } from './public-throttlers';
import { PublicReplyDto, PublicTicketDto } from './public-ticket.dto';
import { PublicTicketsService } from './public-tickets.service';

/**
 * The customers' public ticket page, without login; limited per client address. The token is
 * read raw (not validated into a 400): a malformed token is just another unknown one, a 404.
 */
@ApiTags('public')
@Public()
@SkipThrottle({ ip: true, account: true })
@UseGuards(RateLimitGuard)
@Controller('api/v1/public/tickets')
export class PublicTicketsController {
  constructor(private readonly tickets: PublicTicketsService) {}

  /** Status, subject, number and the public messages. */
  @PublicRateLimit('read')
  @Get(':token')
  view(@Param('token') token: string): Promise<PublicTicketDto> {
    return this.tickets.view(token);
  }

  /** The customer's reply: `{ body }`, or multipart with `body` and files. */
  @ApiConsumes('application/json', 'multipart/form-data')
  // The handler reads the request itself (a multipart form is streamed), so no parameter
  // tells the document the body: it is declared here, one schema for both content types.
  @ApiBody({
    schema: {
      type: 'object',
      required: ['body'],
      properties: {
        body: { type: 'string', minLength: 1, maxLength: 100_000 },
        attachments: {
          type: 'array',
          items: { type: 'string', format: 'binary' },
          description:
            'Multipart only: the files, within the workspace’s limits (any field name is taken).',
        },
      },
    },
  })
  @PublicRateLimit('post')
  @Post(':token/messages')
  @HttpCode(201)
  reply(@Param('token') token: string, @Req() request: Request): Promise<PublicReplyDto> {
    return this.tickets.reply(token, request);
  }

  @PublicRateLimit('read')
  @Get(':token/attachments/:key')
  download(
    @Param('token') token: string,
    @Param('key') key: string,
    @Res() response: Response,
  ): Promise<void> {
    // The key is only compared with this ticket's attachments, never used as a path.
    return this.tickets.download(token, key, response);
  }
}
