import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { runWithCorrelation, sanitizeCorrelationId } from './correlation';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Takes the caller's `x-request-id` (or makes one), echoes it on the response and makes it the
 * correlation id for everything the request does. Installed first, before any other middleware.
 */
export function httpCorrelationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const id = sanitizeCorrelationId(req.headers[REQUEST_ID_HEADER]) ?? randomUUID();
  (req as Request & { id: string }).id = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  runWithCorrelation(id, next);
}
