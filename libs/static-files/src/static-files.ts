import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file under `root` that a URL path names, or undefined when it names none: outside `root`
 * (`..`, encoded or not), a dotfile, or not decodable. A folder stands for its index.html.
 */
export function fileFor(root: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  if (path.includes('\0') || path.split('/').some((part) => part.startsWith('.') && part !== ''))
    return undefined;
  const base = resolve(root);
  const file = resolve(base, `.${path}`);
  if (file !== base && !file.startsWith(base + sep)) return undefined;
  return path.endsWith('/') ? join(file, 'index.html') : file;
}

/**
 * Vite names the desk's outputs `assets/<name>-<hash>.<ext>` and the chat widget's
 * `widget/<name>-<hash>.js`: a new build means a new name.
 */
const HASHED_ASSET = /^\/(assets|widget)\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export interface ServeOptions {
  /**
   * Answer index.html for a GET of a path that names no file and looks like a page of the app
   * (no extension): the single-page app's own routes (`/tickets/22`) survive a reload.
   */
  spaFallback?: boolean;
  /** Headers for HTML answers (e.g. the page's Content-Security-Policy). */
  htmlHeaders?: Record<string, string>;
  /** Headers for every answer (e.g. the chat widget's, which other sites load). */
  headers?: Record<string, string>;
}

/** How long a browser may keep a file: hashed assets for a year, everything else revalidated. */
export function cacheControlFor(urlPath: string): string {
  return HASHED_ASSET.test(urlPath) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Serves a GET or HEAD for a file of `root`. Answers whether it did: anything else (another
 * method, no such file) is left to the caller, which answers 404 or passes it on.
 */
export async function serveStatic(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
  options: ServeOptions = {},
): Promise<boolean> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const urlPath = (request.url ?? '/').split('?')[0] ?? '/';
  let file = fileFor(root, urlPath);
  if (!file) return false;
  let info = await stat(file).catch(() => undefined);
  if (!info?.isFile() && options.spaFallback && isAppRoute(urlPath)) {
    file = join(resolve(root), 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info?.isFile()) return false;
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  response.writeHead(200, {
    'content-type': type,
    'content-length': info.size,
    'cache-control': file.endsWith('.html') ? 'no-cache' : cacheControlFor(urlPath),
    'x-content-type-options': 'nosniff',
    ...options.headers,
    ...(type.startsWith('text/html') ? options.htmlHeaders : {}),
  });
  if (request.method === 'HEAD') {
    response.end();
    return true;
  }
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response);
  return true;
}

/** A path the app routes itself: no file extension in its last part (`/tickets/22`, `/admin`). */
export function isAppRoute(urlPath: string): boolean {
  const last = urlPath.split('/').pop() ?? '';
  return !last.includes('.');
}

/**
 * The desk's Content-Security-Policy: scripts only from the desk's own files (no inline script,
 * no eval), no plugins, not framed by others. Inline styles are allowed (a sanitized mail's HTML,
 * shown in a sandboxed `srcdoc` frame that inherits this policy, carries style attributes);
 * images from the desk, data: and blob: URLs (previews), never from a mail's remote hosts.
 */
export function deskContentSecurityPolicy(connectSources: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "script-src-attr 'none'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    ["connect-src 'self'", ...connectSources].join(' '),
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const DESK_CONTENT_SECURITY_POLICY = deskContentSecurityPolicy();

/** What the desk's HTML is served with, by the gateway and the web process alike. */
export const DESK_HTML_HEADERS: Record<string, string> = {
  'content-security-policy': DESK_CONTENT_SECURITY_POLICY,
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * The desk's headers when it also connects to `liveUrl` (chat-gateway's public URL): its origin
 * over HTTP and WebSocket joins connect-src.
 */
export function deskHtmlHeaders(liveUrl?: string): Record<string, string> {
  const sources = liveUrl
    ? [new URL(liveUrl).origin, new URL(liveUrl).origin.replace(/^http/, 'ws')]
    : [];
  return { ...DESK_HTML_HEADERS, 'content-security-policy': deskContentSecurityPolicy(sources) };
}
