import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { KbPagesService, RenderedPage } from './kb-pages.service';

/**
 * The public help center, server-rendered so that it is fast and indexable: `/kb/<workspace>`,
 * its categories, articles, search and sitemap. HTML, so not in the API's document.
 */
@ApiExcludeController()
@Public()
@SkipThrottle({ ip: true, account: true })
@Controller('kb/:workspace')
export class KbPagesController {
  constructor(private readonly pages: KbPagesService) {}

  @Get()
  async index(@Param('workspace') workspace: string, @Res() response: Response): Promise<void> {
    send(response, await this.pages.index(workspace));
  }

  @Get('search')
  async search(
    @Param('workspace') workspace: string,
    @Query('q') query: unknown,
    @Res() response: Response,
  ): Promise<void> {
    send(response, await this.pages.search(workspace, query), 'no-store');
  }

  @Get('sitemap.xml')
  async sitemap(@Param('workspace') workspace: string, @Res() response: Response): Promise<void> {
    send(response, await this.pages.sitemap(workspace));
  }

  @Get('categories/:slug')
  async category(
    @Param('workspace') workspace: string,
    @Param('slug') slug: string,
    @Res() response: Response,
  ): Promise<void> {
    send(response, await this.pages.category(workspace, slug));
  }

  @Get('articles/:slug')
  async article(
    @Param('workspace') workspace: string,
    @Param('slug') slug: string,
    @Res() response: Response,
  ): Promise<void> {
    send(response, await this.pages.article(workspace, slug));
  }
}

/** Pages are public and change rarely: caches may keep them a minute. */
function send(response: Response, page: RenderedPage, cache = 'public, max-age=60'): void {
  response
    .status(page.status)
    .type(page.contentType)
    .setHeader('cache-control', page.status === 200 ? cache : 'no-store')
    .send(page.body);
}
