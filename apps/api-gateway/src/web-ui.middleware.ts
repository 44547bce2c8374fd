import type { NextFunction, Request, Response } from 'express';
import { deskHtmlHeaders, serveStatic } from '@switchboard/static-files';

/**
 * What the gateway answers itself: the web UI never shadows these, even with a file so named.
 * `t` is the customer's ticket page (the link in notifications), `contact` the web form, `pages`
 * their stylesheet.
 */
const GATEWAY_PATHS = /^\/(api|health|metrics|kb|t|contact|pages)(\/|$)/;

/**
 * Serves the web UI's build (dist/web, written by `vite build`) at `/`, the same files the web
 * process serves: the desk's own routes fall back to index.html, hashed assets are cached for
 * good, the page carries the desk's Content-Security-Policy (which lets it reach chat-gateway's
 * `liveUrl` when one is set). Only that folder: attachments go
 * through the API's authorized route, never through a static folder.
 */
export function webUiMiddleware(publicDir: string, liveUrl?: string) {
  const htmlHeaders = deskHtmlHeaders(liveUrl);
  return (request: Request, response: Response, next: NextFunction): void => {
    if (GATEWAY_PATHS.test(request.path)) return next();
    serveStatic(publicDir, request, response, {
      spaFallback: true,
      htmlHeaders,
    }).then(
      (served) => (served ? undefined : next()),
      (error: unknown) => next(error),
    );
  };
}
