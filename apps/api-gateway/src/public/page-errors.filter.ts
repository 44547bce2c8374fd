import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { ErrorCode } from '@switchboard/contracts';
import { ServiceException } from '@switchboard/messaging';
import type { Response } from 'express';
import { HttpErrorsFilter } from '../http/http-errors.filter';
import { tooManyRequestsPage } from './public-pages.html';
import { sendPage } from './send-page';

/** Past a per-address limit a person gets a page (with Retry-After); anything else as everywhere. */
@Catch()
export class PageErrorsFilter implements ExceptionFilter {
  private readonly everywhere = new HttpErrorsFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof ServiceException && exception.code === ErrorCode.RATE_LIMITED) {
      sendPage(host.switchToHttp().getResponse<Response>(), {
        status: 429,
        html: tooManyRequestsPage(),
      });
      return;
    }
    this.everywhere.catch(exception, host);
  }
}
