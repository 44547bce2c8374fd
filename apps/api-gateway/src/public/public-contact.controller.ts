import { Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request } from 'express';
import { RateLimitGuard } from '../auth/auth-throttler.guard';
import { Public } from '../auth/auth.decorators';
import { PublicContactDto, PublicContactFormDto } from './public-contact.dto';
import { PublicContactService } from './public-contact.service';
import { PublicRateLimit } from './public-throttlers';

/**
 * The web contact form for a site's own form: fetch a form token, then post the fields with it
 * (no sooner than 2 seconds, no later than a day). Limited per client address like the ticket page.
 */
@ApiTags('public')
@Public()
@SkipThrottle({ ip: true, account: true })
@UseGuards(RateLimitGuard)
@Controller('api/v1/public/contact')
export class PublicContactController {
  constructor(private readonly contact: PublicContactService) {}

  /** The workspace's name and a fresh form token. */
  @PublicRateLimit('read')
  @Get(':slug')
  form(@Param('slug') slug: string): Promise<PublicContactFormDto> {
    return this.contact.form(slug);
  }

  /** Creates a `web` ticket from the customer with that email; 403 when the form token or the honeypot refuses it. */
  @ApiConsumes('application/json', 'multipart/form-data')
  // Read by the handler itself (a multipart form is streamed): one schema for both types.
  @ApiBody({
    schema: {
      type: 'object',
      required: ['name', 'email', 'subject', 'message', 'formToken'],
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 200 },
        email: { type: 'string', format: 'email', maxLength: 320 },
        subject: { type: 'string', minLength: 1, maxLength: 500 },
        message: { type: 'string', minLength: 1, maxLength: 100_000 },
        formToken: { type: 'string', description: 'From GET /api/v1/public/contact/{slug}.' },
        website: { type: 'string', description: 'The honeypot: leave it out or empty.' },
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
  @Post(':slug')
  @HttpCode(201)
  async submit(@Param('slug') slug: string, @Req() request: Request): Promise<PublicContactDto> {
    const { number, status, link } = await this.contact.submit(slug, request);
    return { number, status, link };
  }
}
