import { describe, expect, it } from '@jest/globals';
import * as c from '@switchboard/contracts';
import { articlePage, searchPage, sitemapXml } from './kb-pages.html';

const site = {
  path: '/kb/acme',
  canonicalBase: 'https://help.acme.test/kb/acme',
  name: 'Acme "<Inc>"',
};

describe('help center pages', () => {
  it('escapes titles, descriptions and the query; keeps the sanitized body as is', () => {
    const page = articlePage(site, {
      title: '<script>alert(1)</script>',
      slug: 'x',
      bodyHtml: '<p><strong>safe</strong></p>',
      excerpt: '"><img src=x onerror=alert(1)>',
      categoryId: null,
      updatedAt: '2026-12-07T10:00:00.000Z',
    });
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('<p><strong>safe</strong></p>');
    expect(page).toContain('Acme &quot;&lt;Inc&gt;&quot;');
    expect(page).toMatch(
      /<link rel="canonical" href="https:\/\/help\.acme\.test\/kb\/acme\/articles\/x"/,
    );
  });

  it('keeps search pages out of the index and echoes the query escaped', () => {
    const result: c.KbSearchResultV1 = { items: [], searchedFor: '' };
    const page = searchPage(site, '"><b>x', result);
    expect(page).toContain('noindex');
    expect(page).not.toContain('<b>x');
    expect(page).toContain('&quot;&gt;&lt;b&gt;x');
  });

  it('lists the home, categories and articles in the sitemap', () => {
    const xml = sitemapXml(site, {
      categories: [{ slug: 'billing', updatedAt: '2026-12-01T00:00:00.000Z' }],
      articles: [{ slug: 'refunds', updatedAt: '2026-12-02T00:00:00.000Z' }],
    });
    expect(xml).toContain('<loc>https://help.acme.test/kb/acme</loc>');
    expect(xml).toContain(
      '<loc>https://help.acme.test/kb/acme/categories/billing</loc><lastmod>2026-12-01</lastmod>',
    );
    expect(xml).toContain('<loc>https://help.acme.test/kb/acme/articles/refunds</loc>');
  });
});
