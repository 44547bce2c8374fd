import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import type { Logger } from 'pino';
import { DESK_HTML_HEADERS, serveStatic } from '@switchboard/static-files';

/** Same shape as the services' terminus answers, so every `/health/*` reads alike. */
const HEALTHY = JSON.stringify({ status: 'ok', info: {}, error: {}, details: {} });

function answer(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/**
 * The web process: its built files and `/health/live` and `/health/ready`, which need nothing
 * but the process itself (no database, no NATS).
 */
export function createWebServer(publicDir: string, logger: Logger): Server {
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/health/live' || path === '/health/ready') {
      answer(response, 200, 'application/json; charset=utf-8', HEALTHY);
      return;
    }
    if (
      await serveStatic(publicDir, request, response, {
        spaFallback: true,
        htmlHeaders: DESK_HTML_HEADERS,
      })
    )
      return;
    answer(response, 404, 'text/plain; charset=utf-8', 'Not found\n');
  };
  return createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      logger.error({ err: error, url: request.url }, 'request failed');
      if (!response.headersSent) answer(response, 500, 'text/plain; charset=utf-8', 'Error\n');
      else response.destroy();
    });
  });
}
