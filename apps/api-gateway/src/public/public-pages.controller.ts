import {
  ArgumentsHost,
  Catch,
  Controller,
  ExceptionFilter,
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
import { ErrorCode } from '@switchboard/contracts';
import { ServiceException } from '@switchboard/messaging';
import type { Request, Response } from 'express';
import { RateLimitGuard } from '../auth/auth-throttler.guard';
import { Public } from '../auth/auth.decorators';
import { HttpErrorsFilter } from '../http/http-errors.filter';
import { tooManyRequestsPage } from './public-pages.html';
import { PageAnswer, PublicPagesService } from './public-pages.service';
import { PublicRateLimit } from './public-throttlers';

/** Past a per-address limit a person gets a page (with Retry-After); anything else as everywhere. */
@Catch()
class PageErrorsFilter implements ExceptionFilter {
  private readonly everywhere = new HttpErrorsFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof ServiceException && exception.code === ErrorCode.RATE_LIMITED) {
      send(host.switchToHttp().getResponse<Response>(), {
        status: 429,
        html: tooManyRequestsPage(),
      });
      return;
    }
    this.everywhere.catch(exception, host);
  }
}

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
    @Res() response: Response,
  ): Promise<void> {
    send(response, await this.pages.ticket(token, sent === '1'));
  }

  @PublicRateLimit('post')
  @Post('t/:token')
  async reply(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    send(response, await this.pages.reply(token, request));
  }

  /** `?embed=1`: the same form for another site's iframe. */
  @PublicRateLimit('read')
  @Get('contact/:slug')
  async contactForm(
    @Param('slug') slug: string,
    @Query('embed') embed: unknown,
    @Res() response: Response,
  ): Promise<void> {
    send(response, await this.pages.contactForm(slug, embed === '1'));
  }

  @PublicRateLimit('post')
  @Post('contact/:slug')
  async contact(
    @Param('slug') slug: string,
    @Query('embed') embed: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    send(response, await this.pages.contactSubmit(slug, embed === '1', request));
  }
}

/**
 * No script at all, style from our own stylesheet only. Framing is refused but for the embeddable
 * contact form; the referrer stays on this site (the ticket page's address is its credential).
 */
function send(response: Response, page: PageAnswer): void {
  response.setHeader('cache-control', 'no-store').setHeader('referrer-policy', 'same-origin');
  if ('redirect' in page) {
    response.redirect(303, page.redirect);
    return;
  }
  const ancestors = page.frameable ? '*' : "'none'";
  response.setHeader(
    'content-security-policy',
    `default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors ${ancestors}`,
  );
  if (page.frameable) response.removeHeader('x-frame-options');
  else response.setHeader('x-frame-options', 'DENY');
  response.status(page.status).type('html').send(page.html);
}
