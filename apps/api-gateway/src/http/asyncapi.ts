import { INestApplication, Logger } from '@nestjs/common';
import { asyncApiDocument } from '@switchboard/contracts';
import type { Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const ASYNCAPI_JSON_PATH = 'api/asyncapi.json';
export const ASYNCAPI_PAGE_PATH = 'api/asyncapi';

type Channel = { address: string; title: string; description: string };
type Operation = { action: 'send' | 'receive'; channel: { $ref: string } };
export type AsyncApi = {
  info: { title: string; version: string };
  channels: Record<string, Channel>;
  operations: Record<string, Operation>;
};

/**
 * The committed asyncapi.json (at the repository root, /app in the image), found upwards from
 * here. Its reply types are named from libs/contracts' source, which dist/ no longer has; without
 * the file the document is generated, with those names left out.
 */
function loadDocument(): AsyncApi {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'asyncapi.json');
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as AsyncApi;
  }
  new Logger('AsyncAPI').warn('asyncapi.json not found: serving a document without reply types');
  return asyncApiDocument() as AsyncApi;
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );

/** A page for people: every subject with its kind, payload and description; no scripts. */
export function asyncApiPage(document: AsyncApi): string {
  const rows = Object.values(document.operations).map((operation) => {
    const channel = document.channels[operation.channel.$ref.split('/').pop()!];
    const kind =
      operation.action === 'receive'
        ? 'event'
        : channel.address.startsWith('helpdesk.cmd.')
          ? 'command'
          : 'query';
    return `<tr><td><code>${escape(channel.address)}</code></td><td>${kind}</td><td>${escape(channel.title)}</td><td>${escape(channel.description)}</td></tr>`;
  });
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escape(document.info.title)}</title>
<style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}</style>
</head>
<body>
<h1>${escape(document.info.title)} ${escape(document.info.version)}</h1>
<p>The full AsyncAPI 3 document, with every payload schema: <a href="/${ASYNCAPI_JSON_PATH}">/${ASYNCAPI_JSON_PATH}</a>.</p>
<table>
<thead><tr><th>Subject</th><th>Kind</th><th>Payload</th><th>Description</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</body>
</html>
`;
}

/**
 * Serves the NATS interface's AsyncAPI document at /api/asyncapi.json and a readable page of it
 * at /api/asyncapi: plain routes like the OpenAPI document's, so no auth and not in openapi.json.
 */
export function serveAsyncApi(app: INestApplication): void {
  const document = loadDocument();
  const page = asyncApiPage(document);
  const http = app.getHttpAdapter();
  http.get(`/${ASYNCAPI_JSON_PATH}`, (_request: Request, response: Response) => {
    response.json(document);
  });
  http.get(`/${ASYNCAPI_PAGE_PATH}`, (_request: Request, response: Response) => {
    response.type('html').send(page);
  });
}
