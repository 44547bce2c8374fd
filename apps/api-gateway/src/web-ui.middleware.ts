import type { NextFunction, Request, Response } from 'express';
import { serveStatic } from '../../web/src/static-files';

/** What the gateway answers itself: the web UI never shadows these, even with a file so named. */
const GATEWAY_PATHS = /^\/(api|health|metrics|kb)(\/|$)/;

/**
 * Serves the web UI's built files (apps/web/public, copied into dist by the build) at `/`, the
 * same files the web process serves. Only that folder: attachments go through the API's
 * authorized route, never through a static folder.
 */
export function webUiMiddleware(publicDir: string) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (GATEWAY_PATHS.test(request.path)) return next();
    serveStatic(publicDir, request, response).then(
      (served) => (served ? undefined : next()),
      (error: unknown) => next(error),
    );
  };
}
