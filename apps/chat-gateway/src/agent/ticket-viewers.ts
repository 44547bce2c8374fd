import { ViewingSignalV1 } from '@switchboard/contracts';

/** How often a replica says again that its agents still have a ticket open. */
export const VIEWING_REPEAT_MS = 30_000;
/** An agent not heard of for this long has left the ticket (their replica went away). */
const VIEWING_EXPIRES_MS = 75_000;

export interface Viewer {
  id: string;
  name: string;
}

/**
 * Who has which ticket open, as every replica hears it from the others' viewing signals. Each
 * replica keeps the whole picture, so a desk joining on any of them is told at once.
 */
export class TicketViewers {
  private readonly tickets = new Map<string, Map<string, Viewer & { seenAt: number }>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes a signal; answers whether the ticket's viewers changed. */
  take(signal: ViewingSignalV1): boolean {
    const viewers = this.tickets.get(signal.ticketId) ?? new Map();
    const known = viewers.has(signal.agent.id);
    if (signal.viewing) {
      viewers.set(signal.agent.id, { ...signal.agent, seenAt: this.now() });
    } else {
      viewers.delete(signal.agent.id);
    }
    if (viewers.size > 0) this.tickets.set(signal.ticketId, viewers);
    else this.tickets.delete(signal.ticketId);
    return known !== signal.viewing;
  }

  of(ticketId: string): Viewer[] {
    const viewers = this.tickets.get(ticketId);
    if (!viewers) return [];
    const fresh = this.now() - VIEWING_EXPIRES_MS;
    for (const [id, viewer] of viewers) if (viewer.seenAt < fresh) viewers.delete(id);
    return [...viewers.values()]
      .map(({ id, name }) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
