import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { SITE_CSS, SITE_CSS_PATH, SITE_ICON, SITE_ICON_PATH } from './site-assets';

/** The customer-facing pages' stylesheet and icon: public, cached for an hour and a day. */
@ApiExcludeController()
@Public()
@SkipThrottle({ ip: true, account: true })
@Controller()
export class SiteAssetsController {
  @Get(SITE_CSS_PATH.slice(1))
  stylesheet(@Res() response: Response): void {
    response.type('text/css').setHeader('cache-control', 'public, max-age=3600').send(SITE_CSS);
  }

  @Get(SITE_ICON_PATH.slice(1))
  icon(@Res() response: Response): void {
    response
      .type('image/svg+xml')
      .setHeader('cache-control', 'public, max-age=86400')
      .send(SITE_ICON);
  }
}
