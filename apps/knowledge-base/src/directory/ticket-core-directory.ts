import { Injectable } from '@nestjs/common';
import * as c from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';

/** A renamed slug or a moved public base URL shows in links within a minute. */
const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

const system = (workspaceId: string): c.Actor => ({ kind: 'system', workspaceId, teamIds: [] });

/**
 * What knowledge-base asks ticket-core (the owner of workspaces and tickets) over NATS, never its
 * tables: a ticket's messages (for suggestions, read as the caller), and the
 * workspace's slug and public base URL (for article links). The workspace facts are cached.
 */
@Injectable()
export class TicketCoreDirectory {
  private readonly cache = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(private readonly rpc: NatsRpcClient) {}

  /** Read as the caller: ticket-core answers NOT_FOUND for a ticket they may not see. */
  ticket(actor: c.Actor, ticketId: string): Promise<c.TicketDetailV1> {
    return this.rpc.request(c.GET_TICKET_V1, { actor, ticketId });
  }

  /** `https://help.acme.test/kb/acme`: where the workspace's public knowledge base lives. */
  publicBase(workspaceId: string): Promise<string> {
    return this.cached(`base:${workspaceId}`, async () => {
      const [workspace, settings] = await Promise.all([
        this.rpc.request(c.FIND_WORKSPACE_V1, { workspaceId }),
        this.rpc.request(c.GET_WORKSPACE_SETTINGS_V1, { actor: system(workspaceId) }),
      ]);
      return `${settings.publicBaseUrl.replace(/\/+$/, '')}/kb/${workspace.slug}`;
    });
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && now - hit.at < TTL_MS) return hit.value as Promise<T>;
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    const value = load();
    this.cache.set(key, { at: now, value });
    // A failed lookup is not kept: the next call asks again.
    value.catch(() => this.cache.delete(key));
    return value;
  }
}
