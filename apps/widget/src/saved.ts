/**
 * What the widget keeps in the host page's localStorage, per widget key: the chat's session
 * token and the last message number (a reload resumes, and the server sends only what came
 * after), and the conversation as shown, so that a reload shows the history at once.
 */
export type Entry =
  | {
      kind: 'message';
      seq: number;
      id: string;
      author: 'customer' | 'agent' | 'system' | 'assistant';
      name: string | null;
      text: string;
      files: { name: string; url: string }[];
    }
  /** The customer's line that is not (yet) a stored message: on its way, an intake answer. */
  | { kind: 'local'; text: string; clientId?: string; pending?: boolean; failed?: string }
  /** What the server said outside the conversation: the out-of-hours questions. */
  | { kind: 'notice'; text: string };

export interface Saved {
  sessionToken: string;
  lastSeq: number;
  /** The ticket's public link token: files go through the public ticket route with it. */
  ticketToken: string | null;
  intake: 'asking' | 'collecting' | 'ended' | null;
  entries: Entry[];
  open: boolean;
}

/** The newest lines kept; older ones are still in the ticket. */
const KEPT_ENTRIES = 200;

const keyOf = (widgetKey: string) => `switchboard-widget:${widgetKey}`;

export function load(widgetKey: string): Saved | undefined {
  try {
    const saved = JSON.parse(localStorage.getItem(keyOf(widgetKey)) ?? 'null') as Saved | null;
    return saved?.sessionToken ? saved : undefined;
  } catch {
    return undefined; // storage disabled, or not ours: a fresh chat
  }
}

export function save(widgetKey: string, saved: Saved): void {
  try {
    const entries = saved.entries.slice(-KEPT_ENTRIES);
    if (saved.sessionToken)
      localStorage.setItem(keyOf(widgetKey), JSON.stringify({ ...saved, entries }));
  } catch {
    // Full or disabled storage: the chat goes on, only a reload will not resume it.
  }
}

export function forget(widgetKey: string): void {
  try {
    localStorage.removeItem(keyOf(widgetKey));
  } catch {
    // nothing kept, nothing to forget
  }
}

/** The workspace's colour, for the loader to paint the launcher before the widget connects. */
export function saveLook(widgetKey: string, colour: string): void {
  try {
    localStorage.setItem(`switchboard-widget-look:${widgetKey}`, colour);
  } catch {
    // storage disabled or full: the launcher keeps our colour until the widget connects
  }
}
