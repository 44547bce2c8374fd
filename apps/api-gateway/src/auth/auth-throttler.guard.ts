import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { ErrorCode } from '@switchboard/contracts';
import { ServiceException } from '@switchboard/messaging';
import type { Response } from 'express';

/** Throttling answered as RATE_LIMITED (429) with a plain Retry-After, whichever limit hit. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new ServiceException(
      ErrorCode.RATE_LIMITED,
      `too many attempts; retry in ${retryAfter} s`,
      {
        retryAfterSeconds: retryAfter,
      },
    );
  }
}
