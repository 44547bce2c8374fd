import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as c from '@switchboard/contracts';
import { waitFor } from '@switchboard/testing';
import {
  GatewayStack,
  LoggedInAgent,
  WorkspaceSetup,
  customerTicket,
  newAgent,
  newWorkspace,
  startGatewayStack,
} from './gateway-stack';

/*
 * The knowledge base through its public edges: the agents' REST API and the customers' help
 * center pages, with the real ticket-core (workspaces, tickets) and knowledge-base processes.
 */
describe('knowledge base through api-gateway', () => {
  let stack: GatewayStack;
  let setup: WorkspaceSetup;
  let admin: LoggedInAgent;
  let agent: LoggedInAgent;
  let otherAdmin: LoggedInAgent;

  const create = async (who: LoggedInAgent, fields: Record<string, unknown>) => {
    const created = await who.http.post<c.KbArticleV1>('/api/v1/kb/articles', fields);
    expect(created.status).toBe(201);
    return created.body;
  };
  const publish = async (who: LoggedInAgent, fields: Record<string, unknown>) => {
    const article = await create(who, fields);
    const published = await who.http.post<c.KbArticleV1>(
      `/api/v1/kb/articles/${article.id}/publish`,
    );
    expect(published.status).toBe(200);
    return published.body;
  };

  beforeAll(async () => {
    stack = await startGatewayStack(
      'kb',
      {},
      {
        apps: ['ticket-core', 'knowledge-base', 'api-gateway'],
      },
    );
    setup = await newWorkspace(stack, 'acme');
    await stack.nats.rpc.request(c.UPDATE_WORKSPACE_SETTINGS_V1, {
      actor: setup.system,
      publicBaseUrl: 'https://help.acme.test',
    });
    admin = await newAgent(stack, setup, { name: 'Ada', email: 'ada@acme.test', role: 'admin' });
    agent = await newAgent(stack, setup, { name: 'Bo', email: 'bo@acme.test', role: 'agent' });
    const other = await newWorkspace(stack, 'globex');
    otherAdmin = await newAgent(stack, other, {
      name: 'Gil',
      email: 'gil@globex.test',
      role: 'admin',
    });
    await publish(admin, {
      title: 'How to reset your password',
      slug: 'reset-password',
      tags: ['account'],
      bodyMarkdown: 'Open **Settings** and click the reset link. <script>alert(1)</script>',
    });
    await publish(admin, {
      title: 'Escalation of locked accounts',
      slug: 'locked-accounts',
      visibility: 'internal',
      bodyMarkdown: 'A locked password reset goes to the second level.',
    });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('writes articles for editors only, with revisions to compare and restore', async () => {
    const refused = await agent.http.post('/api/v1/kb/articles', {
      title: 'Nope',
      slug: 'nope',
      bodyMarkdown: '',
    });
    expect(refused.status).toBe(403);
    const article = await create(admin, { title: 'Shipping', slug: 'shipping', bodyMarkdown: 'a' });
    const saved = await admin.http.patch<c.KbArticleV1>(`/api/v1/kb/articles/${article.id}`, {
      bodyMarkdown: 'b',
      expectedVersion: 1,
    });
    expect(saved.body.version).toBe(2);
    const diff = await admin.http.get<c.KbRevisionDiffV1>(
      `/api/v1/kb/articles/${article.id}/compare?from=1&to=2`,
    );
    expect(diff.body.lines).toEqual([
      { op: 'remove', text: 'a' },
      { op: 'add', text: 'b' },
    ]);
    const restored = await admin.http.post<c.KbArticleV1>(
      `/api/v1/kb/articles/${article.id}/revisions/1/restore`,
    );
    expect(restored.body).toMatchObject({ version: 3, bodyMarkdown: 'a' });
    const revisions = await admin.http.get<c.KbRevisionListV1>(
      `/api/v1/kb/articles/${article.id}/revisions`,
    );
    expect(revisions.body.items.map((revision) => revision.version)).toEqual([3, 2, 1]);
  });

  it('searches with typos forgiven; agents also find internal articles', async () => {
    const search = await agent.http.get<c.KbSearchResultV1>(
      '/api/v1/kb/search?query=pasword+reset',
    );
    expect(search.status).toBe(200);
    expect(search.body.items.map((item) => item.slug)).toEqual([
      'reset-password',
      'locked-accounts',
    ]);
    expect(search.body.items[0].publicUrl).toBe(
      'https://help.acme.test/kb/acme/articles/reset-password',
    );
  });

  it("suggests articles for a ticket from its customer's messages", async () => {
    const ticket = await customerTicket(stack, setup, {
      subject: 'Cannot log in',
      body: 'I forgot my password, how do I reset it?',
    });
    const suggestions = await agent.http.get<c.KbSearchResultV1>(
      `/api/v1/kb/suggestions/${ticket.id}`,
    );
    expect(suggestions.status).toBe(200);
    expect(suggestions.body.items[0]?.slug).toBe('reset-password');
    expect(suggestions.body.items[0].headline).toContain('<mark>');
  });

  it('serves the help center: published public articles only, escaped and sanitized', async () => {
    const home = await fetch(`${stack.gateway.url}/kb/acme`);
    expect(home.status).toBe(200);
    const homeHtml = await home.text();
    expect(homeHtml).toContain('/kb/acme/articles/reset-password');
    expect(homeHtml).not.toContain('locked-accounts');

    const page = await fetch(`${stack.gateway.url}/kb/acme/articles/reset-password`);
    const html = await page.text();
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('<title>How to reset your password');
    expect(html).toMatch(
      /<link rel="canonical" href="https:\/\/help\.acme\.test\/kb\/acme\/articles\/reset-password"/,
    );
    expect(html).toMatch(/<meta name="description" content="Open Settings and click/);
    expect(html).not.toContain('<script>');

    const internal = await fetch(`${stack.gateway.url}/kb/acme/articles/locked-accounts`);
    expect(internal.status).toBe(404);

    const search = await fetch(
      `${stack.gateway.url}/kb/acme/search?q=${encodeURIComponent('<b>pasword</b>')}`,
    );
    const searchHtml = await search.text();
    expect(searchHtml).toContain('reset-password');
    expect(searchHtml).not.toContain('locked-accounts');
    expect(searchHtml).toContain('&lt;b&gt;pasword&lt;/b&gt;');
    expect(searchHtml).not.toContain('<b>pasword');

    const sitemap = await fetch(`${stack.gateway.url}/kb/acme/sitemap.xml`);
    expect(sitemap.headers.get('content-type')).toContain('application/xml');
    expect(await sitemap.text()).toContain(
      '<loc>https://help.acme.test/kb/acme/articles/reset-password</loc>',
    );
  });

  it("never reaches another workspace's articles (404)", async () => {
    const mine = await admin.http.get<c.KbArticleListV1>('/api/v1/kb/articles');
    const id = mine.body.items[0].id;
    expect((await otherAdmin.http.get(`/api/v1/kb/articles/${id}`)).status).toBe(404);
    expect(
      (await otherAdmin.http.patch(`/api/v1/kb/articles/${id}`, { title: 'mine now' })).status,
    ).toBe(404);
    expect((await fetch(`${stack.gateway.url}/kb/globex/articles/reset-password`)).status).toBe(
      404,
    );
    expect((await fetch(`${stack.gateway.url}/kb/no-such-workspace`)).status).toBe(404);
  });

  it('publishes its article events to JetStream through the outbox', async () => {
    const article = await publish(admin, { title: 'Evented', slug: 'evented', bodyMarkdown: 'x' });
    await waitFor(
      async () => {
        const { rows } = await stack.db.query(
          `SELECT 1 FROM knowledge_base.outbox
            WHERE subject = $1 AND envelope->'data'->>'articleId' = $2 AND sent_at IS NOT NULL`,
          [c.KB_ARTICLE_PUBLISHED_V1, article.id],
        );
        return rows.length === 1;
      },
      { description: 'the published event relayed' },
    );
  });
});
