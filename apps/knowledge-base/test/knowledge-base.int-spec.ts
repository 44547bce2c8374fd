import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as c from '@switchboard/contracts';
import { ErrorCode } from '@switchboard/contracts';
import { NatsConnection } from '@switchboard/messaging';
import { InProcessHarness, rejection, startInProcessHarness } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { knowledgeBaseService } from '../src/service';
import { FakeTicketCore } from './fake-ticket-core';

describe('knowledge-base: articles, revisions, search, suggestions, public queries', () => {
  let h: InProcessHarness;
  let core: FakeTicketCore;
  const workspaceId = randomUUID();
  const otherWorkspaceId = randomUUID();
  const actor = (role: c.Role, workspace = workspaceId): c.Actor => ({
    kind: 'agent',
    workspaceId: workspace,
    agentId: randomUUID(),
    role,
    teamIds: [],
  });
  const admin = actor('admin');
  const agent = actor('agent');
  const customer: c.Actor = {
    kind: 'customer',
    workspaceId,
    customerId: randomUUID(),
    teamIds: [],
  };
  const request = <S extends c.RequestSubject>(subject: S, payload: c.RequestOf<S>) =>
    h.client.rpc.request(subject, payload);

  const publish = async (
    fields: Partial<c.CreateKbArticleV1> & { title: string; slug: string },
  ) => {
    const article = await request(c.CREATE_KB_ARTICLE_V1, {
      actor: admin,
      bodyMarkdown: '',
      ...fields,
    });
    return request(c.PUBLISH_KB_ARTICLE_V1, { actor: admin, articleId: article.id });
  };

  beforeAll(async () => {
    h = await startInProcessHarness(knowledgeBaseService, 'kb');
    core = new FakeTicketCore(h.app.get(NatsConnection)).start();
    core.workspaces.set(workspaceId, 'acme');
    await publish({
      title: 'How to reset your password',
      slug: 'reset-password',
      tags: ['account', 'login'],
      bodyMarkdown:
        'Open **Settings**, choose *Security* and click the reset link.\n\nA new password must have 12 characters.',
    });
    await publish({
      title: 'Invoices and billing',
      slug: 'invoices',
      tags: ['billing'],
      bodyMarkdown: 'Download every invoice as PDF. To change your password, see the account page.',
    });
    await publish({
      title: 'Refund policy for damaged parcels',
      slug: 'refunds',
      tags: ['shipping'],
      bodyMarkdown: 'A parcel that arrives damaged is refunded within 14 days.',
    });
    await publish({
      title: 'Escalating password problems',
      slug: 'internal-escalation',
      visibility: 'internal',
      bodyMarkdown: 'Agents: a locked password reset goes to the second level team.',
    });
  });

  afterAll(async () => {
    core?.stop();
    await h?.close();
  });

  describe('articles and revisions', () => {
    it('creates a draft, keeps every save as a revision, compares and restores', async () => {
      const created = await request(c.CREATE_KB_ARTICLE_V1, {
        actor: admin,
        title: 'Shipping times',
        slug: 'shipping-times',
        bodyMarkdown: 'Parcels take 2 days.\nExpress takes 1 day.',
      });
      expect(created).toMatchObject({ status: 'draft', version: 1, visibility: 'public' });
      expect(created.bodyHtml).toContain('<p>Parcels take 2 days.');

      const updated = await request(c.UPDATE_KB_ARTICLE_V1, {
        actor: admin,
        articleId: created.id,
        bodyMarkdown: 'Parcels take 3 days.\nExpress takes 1 day.',
        expectedVersion: 1,
      });
      expect(updated.version).toBe(2);

      const stale = await rejection(
        request(c.UPDATE_KB_ARTICLE_V1, {
          actor: admin,
          articleId: created.id,
          title: 'Lost update',
          expectedVersion: 1,
        }),
      );
      expect(stale.code).toBe(ErrorCode.CONFLICT);

      const revisions = await request(c.LIST_KB_REVISIONS_V1, {
        actor: admin,
        articleId: created.id,
      });
      expect(revisions.items.map((revision) => revision.version)).toEqual([2, 1]);

      const diff = await request(c.COMPARE_KB_REVISIONS_V1, {
        actor: admin,
        articleId: created.id,
        from: 1,
        to: 2,
      });
      expect(diff.lines).toEqual([
        { op: 'remove', text: 'Parcels take 2 days.' },
        { op: 'add', text: 'Parcels take 3 days.' },
        { op: 'same', text: 'Express takes 1 day.' },
      ]);

      const restored = await request(c.RESTORE_KB_REVISION_V1, {
        actor: admin,
        articleId: created.id,
        version: 1,
      });
      expect(restored).toMatchObject({ version: 3, bodyMarkdown: created.bodyMarkdown });

      await request(c.DELETE_KB_ARTICLE_V1, { actor: admin, articleId: created.id });
      const gone = await rejection(
        request(c.GET_KB_ARTICLE_V1, { actor: admin, articleId: created.id }),
      );
      expect(gone.code).toBe(ErrorCode.NOT_FOUND);
    });

    it('lets only editors write; agents read published articles, internal ones included', async () => {
      const refused = await rejection(
        request(c.CREATE_KB_ARTICLE_V1, { actor: agent, title: 'x', slug: 'x', bodyMarkdown: '' }),
      );
      expect(refused.code).toBe(ErrorCode.FORBIDDEN);
      const draft = await request(c.CREATE_KB_ARTICLE_V1, {
        actor: admin,
        title: 'Unfinished',
        slug: 'unfinished',
        bodyMarkdown: '',
      });
      const hidden = await rejection(
        request(c.GET_KB_ARTICLE_V1, { actor: agent, articleId: draft.id }),
      );
      expect(hidden.code).toBe(ErrorCode.NOT_FOUND);
      const listed = await request(c.LIST_KB_ARTICLES_V1, { actor: agent });
      expect(listed.items.map((item) => item.slug).sort()).toEqual([
        'internal-escalation',
        'invoices',
        'refunds',
        'reset-password',
      ]);
      const asCustomer = await request(c.LIST_KB_ARTICLES_V1, { actor: customer });
      expect(asCustomer.items.map((item) => item.slug)).not.toContain('internal-escalation');
    });

    it('refuses a slug taken in the workspace with CONFLICT', async () => {
      const taken = await rejection(
        request(c.CREATE_KB_ARTICLE_V1, {
          actor: admin,
          title: 'Again',
          slug: 'invoices',
          bodyMarkdown: '',
        }),
      );
      expect(taken.code).toBe(ErrorCode.CONFLICT);
    });

    it('neutralizes script, event handlers and javascript: links in Markdown', async () => {
      const article = await request(c.CREATE_KB_ARTICLE_V1, {
        actor: admin,
        title: 'XSS',
        slug: 'xss',
        bodyMarkdown:
          '<script>alert(1)</script>\n\n<img src="x" onerror="alert(2)">\n\n[click](javascript:alert(3)) <a href="https://ok.test" onclick="alert(4)">ok</a>',
      });
      expect(article.bodyHtml).not.toMatch(/<script|onerror|onclick|javascript:/i);
      expect(article.bodyHtml).toContain('href="https://ok.test"');
    });

    it('keeps categories as a tree, lists by category, and never moves one under itself', async () => {
      const parent = await request(c.CREATE_KB_CATEGORY_V1, {
        actor: admin,
        name: 'Account',
        slug: 'account',
      });
      const child = await request(c.CREATE_KB_CATEGORY_V1, {
        actor: admin,
        name: 'Login',
        slug: 'login',
        parentId: parent.id,
      });
      const cycle = await rejection(
        request(c.UPDATE_KB_CATEGORY_V1, {
          actor: admin,
          categoryId: parent.id,
          parentId: child.id,
        }),
      );
      expect(cycle.code).toBe(ErrorCode.VALIDATION_FAILED);
      const article = await publish({
        title: 'Two-factor login',
        slug: 'two-factor',
        categoryId: child.id,
        bodyMarkdown: 'Use an authenticator app.',
      });
      const listed = await request(c.LIST_KB_ARTICLES_V1, { actor: agent, categoryId: child.id });
      expect(listed.items.map((item) => item.id)).toEqual([article.id]);
      const busy = await rejection(
        request(c.DELETE_KB_CATEGORY_V1, { actor: admin, categoryId: child.id }),
      );
      expect(busy.code).toBe(ErrorCode.CONFLICT);
    });
  });

  describe('search', () => {
    it('ranks a title match over a body match, with highlighted passages', async () => {
      const result = await request(c.SEARCH_KB_V1, { actor: customer, query: 'password' });
      expect(result.items.map((item) => item.slug)).toEqual(['reset-password', 'invoices']);
      expect(result.items[0].rank).toBeGreaterThan(result.items[1].rank);
      expect(result.items[1].headline).toContain('<mark>password</mark>');
      expect(result.items[0].publicUrl).toBe(
        'https://help.acme.test/kb/acme/articles/reset-password',
      );
    });

    it('forgives typos: "pasword reset" finds "password reset"', async () => {
      const result = await request(c.SEARCH_KB_V1, { actor: customer, query: 'pasword reset' });
      expect(result.searchedFor).toBe('password reset');
      expect(result.items[0]?.slug).toBe('reset-password');
    });

    it('finds internal articles for agents only', async () => {
      const asAgent = await request(c.SEARCH_KB_V1, { actor: agent, query: 'escalating' });
      expect(asAgent.items.map((item) => item.slug)).toEqual(['internal-escalation']);
      expect(asAgent.items[0].publicUrl).toBeNull();
      const asCustomer = await request(c.SEARCH_KB_V1, { actor: customer, query: 'escalating' });
      expect(asCustomer.items).toEqual([]);
    });

    it('escapes the article text in passages', async () => {
      await publish({
        title: 'Angle brackets',
        slug: 'angle-brackets',
        bodyMarkdown: 'Type `<b>bracket</b>` when 3 < 4 & the bracket is "open".',
      });
      const result = await request(c.SEARCH_KB_V1, { actor: agent, query: 'bracket' });
      const headline = result.items[0].headline;
      expect(headline.replace(/<\/?mark>/g, '')).not.toMatch(/<|>|"/);
      expect(headline).toContain('<mark>bracket</mark>');
    });

    it('searches in the workspace language once an admin sets it', async () => {
      await request(c.UPDATE_KB_SETTINGS_V1, { actor: admin, language: 'simple' });
      // "the" is an English stop word, an ordinary word in the `simple` configuration.
      const simple = await request(c.SEARCH_KB_V1, { actor: agent, query: 'the' });
      expect(simple.items.map((item) => item.slug)).toContain('invoices');
      await request(c.UPDATE_KB_SETTINGS_V1, { actor: admin, language: 'english' });
      const english = await request(c.SEARCH_KB_V1, { actor: agent, query: 'the' });
      expect(english.items).toEqual([]);
    });
  });

  describe('suggestions', () => {
    it("suggests the top articles for the ticket's recent customer messages", async () => {
      const ticketId = randomUUID();
      core.tickets.set(ticketId, {
        id: ticketId,
        subject: 'Help',
        messages: [
          message(
            'customer',
            'Hello there, yesterday evening my parcel finally arrived but it was badly damaged, ' +
              'so could somebody please arrange a refund',
          ),
          message('agent', 'Sorry to hear that, could you send a photo? password'),
        ],
      });
      const result = await request(c.SUGGEST_KB_ARTICLES_V1, { actor: agent, ticketId });
      expect(result.items[0]?.slug).toBe('refunds');
      expect(result.items[0].headline).toContain('<mark>');
      expect(result.items[0].publicUrl).toBe('https://help.acme.test/kb/acme/articles/refunds');
      expect(result.items.length).toBeLessThanOrEqual(5);
      // Read as the agent: ticket-core's team scoping decides whether they may see the ticket.
      expect(core.ticketReads.at(-1)?.actor).toEqual(agent);
    });
  });

  describe('public queries and isolation', () => {
    it('answers published public articles only', async () => {
      const article = await request(c.PUBLIC_KB_ARTICLE_V1, { workspaceId, slug: 'refunds' });
      expect(article.excerpt).toContain('damaged');
      for (const slug of ['internal-escalation', 'unfinished']) {
        const error = await rejection(request(c.PUBLIC_KB_ARTICLE_V1, { workspaceId, slug }));
        expect(error.code).toBe(ErrorCode.NOT_FOUND);
      }
      const sitemap = await request(c.PUBLIC_KB_SITEMAP_V1, { workspaceId });
      expect(sitemap.articles.map((entry) => entry.slug)).not.toContain('internal-escalation');
    });

    it("never reaches another workspace's articles", async () => {
      const [mine] = (await request(c.LIST_KB_ARTICLES_V1, { actor: admin, status: 'published' }))
        .items;
      const stranger = actor('admin', otherWorkspaceId);
      for (const attempt of [
        request(c.GET_KB_ARTICLE_V1, { actor: stranger, articleId: mine.id }),
        request(c.UPDATE_KB_ARTICLE_V1, { actor: stranger, articleId: mine.id, title: 'taken' }),
        request(c.PUBLISH_KB_ARTICLE_V1, { actor: stranger, articleId: mine.id }),
        request(c.LIST_KB_REVISIONS_V1, { actor: stranger, articleId: mine.id }),
        request(c.DELETE_KB_ARTICLE_V1, { actor: stranger, articleId: mine.id }),
        request(c.PUBLIC_KB_ARTICLE_V1, { workspaceId: otherWorkspaceId, slug: mine.slug }),
      ]) {
        expect((await rejection(attempt)).code).toBe(ErrorCode.NOT_FOUND);
      }
      const search = await request(c.SEARCH_KB_V1, { actor: stranger, query: 'password' });
      expect(search.items).toEqual([]);
    });
  });

  it('writes the published, updated and archived events to its outbox', async () => {
    const article = await publish({ title: 'Evented', slug: 'evented', bodyMarkdown: 'x' });
    await request(c.UPDATE_KB_ARTICLE_V1, { actor: admin, articleId: article.id, title: 'E2' });
    await request(c.ARCHIVE_KB_ARTICLE_V1, { actor: admin, articleId: article.id });
    const { rows } = await h.db.query<{ subject: string }>(
      `SELECT subject FROM knowledge_base.outbox
        WHERE envelope->'data'->>'articleId' = $1 ORDER BY created_at, subject`,
      [article.id],
    );
    expect(rows.map((row) => row.subject)).toEqual([
      c.KB_ARTICLE_PUBLISHED_V1,
      c.KB_ARTICLE_UPDATED_V1,
      c.KB_ARTICLE_ARCHIVED_V1,
    ]);
  });
});

function message(authorKind: 'customer' | 'agent', bodyText: string): c.MessageV1 {
  return {
    id: randomUUID(),
    visibility: 'public',
    authorKind,
    authorId: null,
    authorName: null,
    bodyText,
    bodyHtml: null,
    attachments: [],
    mail: null,
    createdAt: new Date().toISOString(),
  };
}
