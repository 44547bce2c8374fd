import { Injectable } from '@nestjs/common';
import * as c from '@switchboard/contracts';
import { NatsRpcClient, RemoteError } from '@switchboard/messaging';
import * as pages from './kb-pages.html';

/** A renamed workspace or a moved public base URL shows within a minute. */
const TTL_MS = 60_000;
/** Workspace, category and article slugs alike. */
export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$/;

export interface RenderedPage {
  status: number;
  contentType: string;
  body: string;
}

interface Site extends pages.PageSite {
  workspaceId: string;
}

/**
 * The public help center: knowledge-base answers (published public articles only), rendered
 * here as HTML. The workspace's slug is resolved through ticket-core, the owner of workspaces.
 */
@Injectable()
export class KbPagesService {
  private readonly sites = new Map<string, { at: number; site: Promise<Site | null> }>();

  constructor(private readonly rpc: NatsRpcClient) {}

  index(workspace: string): Promise<RenderedPage> {
    return this.page(workspace, async (site) =>
      pages.indexPage(
        site,
        await this.rpc.request(c.PUBLIC_KB_INDEX_V1, { workspaceId: site.workspaceId }),
      ),
    );
  }

  category(workspace: string, slug: string): Promise<RenderedPage> {
    return this.page(workspace, async (site) =>
      SLUG.test(slug)
        ? pages.categoryPage(
            site,
            await this.rpc.request(c.PUBLIC_KB_CATEGORY_V1, {
              workspaceId: site.workspaceId,
              slug,
            }),
          )
        : null,
    );
  }

  article(workspace: string, slug: string): Promise<RenderedPage> {
    return this.page(workspace, async (site) =>
      SLUG.test(slug)
        ? pages.articlePage(
            site,
            await this.rpc.request(c.PUBLIC_KB_ARTICLE_V1, { workspaceId: site.workspaceId, slug }),
          )
        : null,
    );
  }

  search(workspace: string, query: unknown): Promise<RenderedPage> {
    const text = typeof query === 'string' ? query.trim().slice(0, 500) : '';
    return this.page(workspace, async (site) =>
      pages.searchPage(
        site,
        text,
        text
          ? await this.rpc.request(c.PUBLIC_KB_SEARCH_V1, {
              workspaceId: site.workspaceId,
              query: text,
            })
          : { items: [], searchedFor: '' },
      ),
    );
  }

  sitemap(workspace: string): Promise<RenderedPage> {
    return this.page(
      workspace,
      async (site) =>
        pages.sitemapXml(
          site,
          await this.rpc.request(c.PUBLIC_KB_SITEMAP_V1, { workspaceId: site.workspaceId }),
        ),
      'application/xml; charset=utf-8',
    );
  }

  /** Renders a page of a known workspace; anything unknown (or refused) is the 404 page. */
  private async page(
    workspace: string,
    render: (site: Site) => Promise<string | null>,
    contentType = 'text/html; charset=utf-8',
  ): Promise<RenderedPage> {
    const site = await this.site(workspace);
    const notFound = {
      status: 404,
      contentType: 'text/html; charset=utf-8',
      body: pages.notFoundPage(site),
    };
    if (!site) return notFound;
    try {
      const body = await render(site);
      return body === null ? notFound : { status: 200, contentType, body };
    } catch (error) {
      if (error instanceof RemoteError && error.code === c.ErrorCode.NOT_FOUND) return notFound;
      throw error;
    }
  }

  private site(slug: string): Promise<Site | null> {
    if (!SLUG.test(slug)) return Promise.resolve(null);
    const now = Date.now();
    const hit = this.sites.get(slug);
    if (hit && now - hit.at < TTL_MS) return hit.site;
    if (this.sites.size > 10_000) this.sites.clear();
    const site = this.lookUp(slug);
    this.sites.set(slug, { at: now, site });
    site.catch(() => this.sites.delete(slug));
    return site;
  }

  private async lookUp(slug: string): Promise<Site | null> {
    let workspace: c.WorkspaceV1;
    try {
      workspace = await this.rpc.request(c.FIND_WORKSPACE_V1, { slug });
    } catch (error) {
      if (error instanceof RemoteError && error.code === c.ErrorCode.NOT_FOUND) return null;
      throw error;
    }
    const settings = await this.rpc.request(c.GET_WORKSPACE_SETTINGS_V1, {
      actor: { kind: 'system', workspaceId: workspace.id, teamIds: [] },
    });
    return {
      workspaceId: workspace.id,
      name: workspace.name,
      path: `/kb/${workspace.slug}`,
      canonicalBase: `${settings.publicBaseUrl.replace(/\/+$/, '')}/kb/${workspace.slug}`,
    };
  }
}
