import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { serveStatic } from '@switchboard/static-files';

/** Where the loader's source says chat-gateway is, replaced when it is served. */
const CHAT_URL_MARK = '__SWITCHBOARD_CHAT_URL__';

/**
 * Other sites load these files (`<script src=".../widget.js">`, and the widget it imports as a
 * module, which the browser fetches with CORS): open to every origin, with no credentials.
 * Helmet's `Cross-Origin-Resource-Policy: same-origin` would block them on the sites.
 */
export const WIDGET_FILE_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'cross-origin-resource-policy': 'cross-origin',
};

/**
 * The loader with chat-gateway's public URL written in, or none (the widget then asks the
 * desk's own host, where an Ingress routes `/socket.io` to chat-gateway). The URL sits in a
 * string of the script: only a URL that cannot end that string is written.
 */
export function loaderSource(widgetDir: string, chatUrl?: string): string {
  const source = readFileSync(join(widgetDir, 'widget.js'), 'utf8');
  const url = chatUrl ? new URL(chatUrl).href.replace(/\/+$/, '') : '';
  if (/[`'"\\$\s]/.test(url)) throw new Error(`CHAT_PUBLIC_URL cannot be written into widget.js`);
  return source.replace(CHAT_URL_MARK, url);
}

/**
 * Serves the chat widget (dist/widget): the loader at `/widget.js`, which sites paste and which
 * so keeps its name (cached for five minutes: a new build reaches sites that soon), and the
 * widget's hashed files under `/widget/`, cached for good.
 */
export function widgetFilesMiddleware(widgetDir: string, chatUrl?: string) {
  const loader = Buffer.from(loaderSource(widgetDir, chatUrl));
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.path === '/widget.js') {
      response.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'content-length': loader.length,
        'cache-control': 'public, max-age=300',
        'x-content-type-options': 'nosniff',
        ...WIDGET_FILE_HEADERS,
      });
      response.end(request.method === 'HEAD' ? undefined : loader);
      return;
    }
    serveStatic(widgetDir, request, response, { headers: WIDGET_FILE_HEADERS }).then(
      (served) => (served ? undefined : next()),
      (error: unknown) => next(error),
    );
  };
}

/**
 * The widget on another site sends files through the public ticket route and reads its answer
 * (or its error). The ticket's link token in the path is the only credential, so any origin may
 * call it, without cookies; the route's own per-address limits still apply.
 */
export function publicTicketsCors(request: Request, response: Response, next: NextFunction) {
  response.setHeader('access-control-allow-origin', '*');
  if (request.method === 'OPTIONS') {
    response.setHeader('access-control-allow-methods', 'GET, POST');
    response.setHeader('access-control-allow-headers', 'content-type');
    response.setHeader('access-control-max-age', '600');
    response.status(204).end();
    return;
  }
  next();
}
