import { Client } from 'pg';
import { expect } from '@jest/globals';
import { expectWith } from '@switchboard/testing';
import { Http } from './gateway-stack';

export interface SentReply {
  body: string;
  status: number;
}

/**
 * Replies to one ticket sent one after another from a few agents' tabs, for as long as a test
 * takes something away (PostgreSQL, a service) and brings it back.
 */
export class ReplyLoad {
  readonly replies: SentReply[] = [];
  private running = true;
  private readonly tabs: Promise<void>[];

  constructor(http: Http, ticketId: string, tabs = 3) {
    this.tabs = Array.from({ length: tabs }, async (_, tab) => {
      for (let index = 0; this.running; index++) {
        const body = `Reply ${index} from tab ${tab}`;
        const { status } = await http.post(`/api/v1/tickets/${ticketId}/replies`, { body });
        this.replies.push({ body, status });
        // Paces the load while every answer is an instant error; not a wait for a condition.
        if (status >= 500) await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
  }

  answered(status: number): number {
    return this.replies.filter((reply) => reply.status === status).length;
  }

  /** Ends the load after each tab's request in flight; answers every reply sent. */
  async stop(): Promise<SentReply[]> {
    this.running = false;
    await Promise.all(this.tabs);
    return this.replies;
  }
}

export interface StoredReply {
  body: string;
  /** History rows and outbox events that name the message: 1 and 1 when it was written whole. */
  history: number;
  events: number;
}

/** The load's replies as stored on the ticket, by body, with their history and events. */
async function storedReplies(db: Client, ticketId: string): Promise<Map<string, StoredReply>> {
  const { rows } = await db.query<StoredReply>(
    `SELECT m.body_text AS body,
            (SELECT count(*)::int FROM ticket_core.ticket_history h
              WHERE h.changes->'message'->>'after' = m.id::text) AS history,
            (SELECT count(*)::int FROM ticket_core.outbox o
              WHERE o.envelope->'data'->'message'->>'id' = m.id::text) AS events
       FROM ticket_core.messages m WHERE m.ticket_id = $1 AND m.body_text LIKE 'Reply %'`,
    [ticketId],
  );
  const stored = new Map(rows.map((row) => [row.body, row]));
  if (stored.size !== rows.length) throw new Error('a reply was stored twice');
  return stored;
}

/**
 * Every reply answered 201 was written once, with its history and its event. One answered 5xx
 * may still have been written (its commit can succeed after the answer was lost): whole, then.
 */
export async function expectRepliesStoredWhole(
  db: Client,
  ticketId: string,
  replies: SentReply[],
): Promise<void> {
  const stored = await storedReplies(db, ticketId);
  for (const reply of replies.filter(({ status }) => status === 201)) {
    expectWith(reply.body, stored.has(reply.body)).toBe(true);
  }
  for (const reply of stored.values()) expect(reply).toMatchObject({ history: 1, events: 1 });
}
