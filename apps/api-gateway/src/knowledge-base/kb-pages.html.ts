import * as c from '@switchboard/contracts';
import { Trusted, escapeHtml, html, trusted } from '../http/html';
import { SITE_CSS_PATH, SITE_ICON_PATH } from '../http/site-assets';

export interface PageSite {
  /** `/kb/acme`: links between the pages. */
  path: string;
  /** `https://help.acme.test/kb/acme`: canonical links and the sitemap. */
  canonicalBase: string;
  name: string;
}

interface Page {
  title: string;
  description: string;
  /** Relative to the site: `/articles/reset-password`; '' for the home page. */
  canonical: string;
  body: Trusted;
  noindex?: boolean;
}

export function layout(site: PageSite, page: Page, query = ''): string {
  return `<!doctype html>${
    html`<html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${page.title}</title>
        <meta name="description" content="${page.description}" />
        <link rel="canonical" href="${site.canonicalBase + page.canonical}" />
        ${page.noindex ? trusted('<meta name="robots" content="noindex">') : ''}
        <link rel="stylesheet" href="${SITE_CSS_PATH}" />
        <link rel="icon" href="${SITE_ICON_PATH}" type="image/svg+xml" />
      </head>
      <body class="page">
        <header class="kb-header">
          <a href="${site.path}"><strong>${site.name}</strong> help center</a>
          <form class="kb-search" action="${site.path}/search" method="get" role="search">
            <input
              type="search"
              name="q"
              value="${query}"
              aria-label="Search the help center"
              placeholder="Search"
            />
            <button type="submit">Search</button>
          </form>
        </header>
        <main>${page.body}</main>
      </body>
    </html>`.html
  }`;
}

const articleLinks = (site: PageSite, articles: c.KbArticleSummaryV1[]) =>
  articles.map(
    (article) =>
      html`<li><a href="${site.path}/articles/${article.slug}">${article.title}</a></li>`,
  );

const categoryLinks = (site: PageSite, categories: c.KbCategoryV1[]) =>
  categories.map(
    (category) =>
      html`<li><a href="${site.path}/categories/${category.slug}">${category.name}</a></li>`,
  );

export function indexPage(site: PageSite, index: c.KbPublicIndexV1): string {
  const top = index.categories.filter((category) => category.parentId === null);
  return layout(site, {
    title: `${site.name} help center`,
    description: `Answers and guides from ${site.name}.`,
    canonical: '',
    body: html`<h1>How can we help?</h1>
      <h2>Categories</h2>
      <ul>
        ${categoryLinks(site, top)}
      </ul>
      <h2>Latest articles</h2>
      <ul>
        ${articleLinks(site, index.articles)}
      </ul>`,
  });
}

export function categoryPage(site: PageSite, page: c.KbPublicCategoryV1): string {
  return layout(site, {
    title: `${page.category.name} · ${site.name} help center`,
    description: page.category.description || `Articles about ${page.category.name}.`,
    canonical: `/categories/${page.category.slug}`,
    body: html`<h1>${page.category.name}</h1>
      <p>${page.category.description}</p>
      ${
        page.children.length
          ? html`<ul>
              ${categoryLinks(site, page.children)}
            </ul>`
          : ''
      }
      <ul>
        ${articleLinks(site, page.articles)}
      </ul>`,
  });
}

export function articlePage(site: PageSite, article: c.KbPublicArticleV1): string {
  return layout(site, {
    title: `${article.title} · ${site.name} help center`,
    description: article.excerpt,
    canonical: `/articles/${article.slug}`,
    body: html`<article>
      <h1>${article.title}</h1>
      ${trusted(article.bodyHtml)}
      <p>
        <small
          >Updated
          <time datetime="${article.updatedAt}">${article.updatedAt.slice(0, 10)}</time></small
        >
      </p>
    </article>`,
  });
}

export function searchPage(site: PageSite, query: string, result: c.KbSearchResultV1): string {
  const hits = result.items.map(
    (hit) =>
      html`<li>
        <a href="${site.path}/articles/${hit.slug}">${hit.title}</a><br />${trusted(hit.headline)}
      </li>`,
  );
  return layout(
    site,
    {
      title: `${query ? `${query} · ` : ''}Search · ${site.name} help center`,
      description: `Search the ${site.name} help center.`,
      canonical: '/search',
      noindex: true,
      body: query
        ? html`<h1>Results for “${query}”</h1>
            ${
              hits.length
                ? html`<ul class="hits">
                    ${hits}
                  </ul>`
                : html`<p>No article matches.</p>`
            }`
        : html`<h1>Search</h1>`,
    },
    query,
  );
}

export function notFoundPage(site: PageSite | null): string {
  const body = html`<h1>Not found</h1>
    <p>There is no such page.</p>`;
  if (!site)
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body>${body.html}</body></html>`;
  return layout(site, { title: 'Not found', description: '', canonical: '', body, noindex: true });
}

export function sitemapXml(site: PageSite, sitemap: c.KbSitemapV1): string {
  const url = (path: string, updatedAt?: string) =>
    `<url><loc>${escapeHtml(site.canonicalBase + path)}</loc>${
      updatedAt ? `<lastmod>${updatedAt.slice(0, 10)}</lastmod>` : ''
    }</url>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${[
    url(''),
    ...sitemap.categories.map((entry) => url(`/categories/${entry.slug}`, entry.updatedAt)),
    ...sitemap.articles.map((entry) => url(`/articles/${entry.slug}`, entry.updatedAt)),
  ].join('\n')}</urlset>`;
}
