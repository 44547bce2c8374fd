import { Injectable } from '@nestjs/common';
import * as c from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';

/** Kept this long: a renamed agent or a moved public page shows in mail within a minute. */
const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

/**
 * What notification asks ticket-core (the owner) about, through its queries, never its tables:
 * a workspace's settings (the public page's base URL), agents (name and email), teams (members),
 * a ticket's public transcript. Settings, agents and mailboxes are cached briefly: a burst of
 * replies asks once.
 */
@Injectable()
export class TicketCoreDirectory {
  private readonly cache = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(private readonly rpc: NatsRpcClient) {}

  settings(workspaceId: string): Promise<c.WorkspaceSettingsV1> {
    return this.cached(`settings:${workspaceId}`, () =>
      this.rpc.request(c.GET_WORKSPACE_SETTINGS_V1, { actor: system(workspaceId) }),
    );
  }

  agent(workspaceId: string, agentId: string): Promise<c.AgentV1> {
    return this.cached(`agent:${agentId}`, () =>
      this.rpc.request(c.GET_AGENT_V1, { actor: system(workspaceId), agentId }),
    );
  }

  /** Not cached: a ticket for a team just joined must reach its new member. */
  async teamMembers(workspaceId: string, teamId: string): Promise<string[]> {
    const teams = await this.rpc.request(c.LIST_TEAMS_V1, { actor: system(workspaceId) });
    return teams.items.find((team) => team.id === teamId)?.memberIds ?? [];
  }

  /** The customer's view of a ticket (no internal notes), never cached: the transcript grows. */
  publicTicket(token: string): Promise<c.PublicTicketV1> {
    return this.rpc.request(c.GET_TICKET_BY_TOKEN_V1, { token });
  }

  /** The inbound mailbox a ticket came to (its customer's replies go back there), if any. */
  async mailbox(workspaceId: string, ticketId: string): Promise<string | null> {
    const ticket = await this.cached(`ticket:${ticketId}`, () =>
      this.rpc.request(c.GET_TICKET_V1, { actor: system(workspaceId), ticketId }),
    );
    return ticket.mailboxAddress;
  }

  /** `{{ticket_url}}`: the public ticket page the web app serves. */
  async ticketUrl(workspaceId: string, publicToken: string): Promise<string> {
    const { publicBaseUrl } = await this.settings(workspaceId);
    return `${publicBaseUrl.replace(/\/+$/, '')}/t/${publicToken}`;
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && now - hit.at < TTL_MS) return hit.value as Promise<T>;
    const value = load();
    // A failed lookup is not kept: the next mail asks again.
    value.catch(() => this.cache.get(key)?.value === value && this.cache.delete(key));
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(key, { at: now, value });
    return value;
  }
}

export function system(workspaceId: string): c.Actor {
  return { kind: 'system', workspaceId, teamIds: [] };
}
