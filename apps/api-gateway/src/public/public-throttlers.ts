import { ExecutionContext, SetMetadata } from '@nestjs/common';
import { ThrottlerOptions } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { ApiGatewayConfig } from '../config';

const PUBLIC_RATE_LIMIT = 'public:rate-limit';

export type PublicRateLimitKind = 'read' | 'post';

/** Which per-address budget of the public page a route spends. */
export const PublicRateLimit = (kind: PublicRateLimitKind) => SetMetadata(PUBLIC_RATE_LIMIT, kind);

function kindOf(context: ExecutionContext): PublicRateLimitKind | undefined {
  return Reflect.getMetadata(PUBLIC_RATE_LIMIT, context.getHandler()) as
    PublicRateLimitKind | undefined;
}

/**
 * The public page's limits, per client address and per minute: one budget for reads (the page
 * and its downloads together, whichever route), one for replies. Registered beside the login
 * limits in the one ThrottlerModule; each applies only to routes marked @PublicRateLimit.
 */
export function publicThrottlers(config: ApiGatewayConfig): ThrottlerOptions[] {
  const budget = (kind: PublicRateLimitKind, limit: number): ThrottlerOptions => ({
    name: `public-${kind}`,
    ttl: 60_000,
    limit,
    skipIf: (context) => kindOf(context) !== kind,
    // Not per route (the default): a reader of the page and its files spends one budget.
    generateKey: (_context, tracker, name) =>
      createHash('sha256').update(`${name}-${tracker}`).digest('hex'),
  });
  return [
    budget('read', config.PUBLIC_READS_PER_MINUTE),
    budget('post', config.PUBLIC_POSTS_PER_MINUTE),
  ];
}
