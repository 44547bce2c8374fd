import {
  Controller,
  Get,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { RateLimitGuard } from '../auth/auth-throttler.guard';
import { Public } from '../auth/auth.decorators';
import { PageErrorsFilter } from './page-errors.filter';
import { PublicPagesService } from './public-pages.service';
import { PublicRateLimit } from './public-throttlers';
import { sendPage } from './send-page';

/**
 * The customer's HTML pages, on the same per-address budgets as the JSON routes: the ticket
 * page at its public link and the web contact form. HTML, so not in the API's document.
 */
@ApiExcludeController()
@Public()
@SkipThrottle({ ip: true, account: true })
@UseGuards(RateLimitGuard)
@UseFilters(PageErrorsFilter)
@Controller()
export class PublicPagesController {
  constructor(private readonly pages: PublicPagesService) {}

  @PublicRateLimit('read')
  @Get('t/:token')
  async ticket(
    @Param('token') token: string,
    @Query('sent') sent: unknown,
    @Query('created') created: unknown,
    @Res() response: Response,
  ): Promise<void> {
    sendPage(
      response,
      await this.pages.ticket(token, { sent: sent === '1', created: created === '1' }),
    );
  }

  @PublicRateLimit('post')
  @Post('t/:token')
  async reply(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    sendPage(response, await this.pages.reply(token, request));
  }

  /** `?embed=1`: the same form for another site's iframe. */
  @PublicRateLimit('read')
  @Get('contact/:slug')
  async contactForm(
    @Param('slug') slug: string,
    @Query('embed') embed: unknown,
    @Res() response: Response,
  ): Promise<void> {
    sendPage(response, await this.pages.contactForm(slug, embed === '1'));
  }

  @PublicRateLimit('post')
  @Post('contact/:slug')
  async contact(
    @Param('slug') slug: string,
    @Query('embed') embed: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    sendPage(response, await this.pages.contactSubmit(slug, embed === '1', request));
  }
}
