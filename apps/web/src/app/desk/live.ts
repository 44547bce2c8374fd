import { io, type Socket } from 'socket.io-client';

/**
 * Where the desk learns that tickets changed: chat-gateway's socket when the server names it
 * (`GET /api/v1/desk/config`), else a poll every `intervalMs` (while the tab is visible, and at
 * once when it becomes visible again). Either says "something may have changed" and the desk
 * reloads the counts, the list and the open ticket. Only the socket knows who else is in a
 * ticket and who types, and pushes in-app notifications.
 */
export interface LiveSource {
  subscribe(onChange: () => void): () => void;
  /** Opens a ticket's room: told who else has it open or is typing; tells others this agent types. */
  watchTicket?(ticketId: string, onPeers: (peers: TicketPeers) => void): TicketWatch;
  /** Called for each in-app notification pushed to this agent. */
  onNotification?(listener: () => void): () => void;
}

export interface Peer {
  id: string;
  name: string;
}

/** Everyone in a ticket but the agent themselves. */
export interface TicketPeers {
  viewers: Peer[];
  /** Agents and the customer (id `customer`) typing a reply now. */
  typing: Peer[];
}

export interface TicketWatch {
  typing(typing: boolean): void;
  close(): void;
}

export function pollingSource(intervalMs = 5000): LiveSource {
  return {
    subscribe(onChange) {
      const tick = () => {
        if (document.visibilityState === 'visible') onChange();
      };
      const timer = setInterval(tick, intervalMs);
      document.addEventListener('visibilitychange', tick);
      return () => {
        clearInterval(timer);
        document.removeEventListener('visibilitychange', tick);
      };
    },
  };
}

/** The safety net beside the socket: a change it missed (a reconnect) shows within this. */
const SOCKET_FALLBACK_POLL_MS = 30_000;
/** A typing signal not repeated within this has ended (its "stopped" may have been lost). */
const TYPING_EXPIRES_MS = 6_000;
/** While the agent keeps typing, "typing" is said again this often, not on every key. */
const TYPING_REPEAT_MS = 3_000;

interface TypingEvent {
  ticketId: string;
  from: { kind: 'customer' | 'agent'; id: string; name: string | null };
  typing: boolean;
}

/**
 * chat-gateway's `/agent` namespace: a ticket change or new view counts says "something changed"
 * at once (a burst is one reload). The socket asks for the session's current token each time it
 * connects, so it reconnects with a fresh one after the server closes it at the old one's expiry,
 * and joins the watched tickets' rooms again (a reconnect loses them). A slow poll stays beside
 * it for changes a disconnect hid.
 */
export function socketSource(
  liveUrl: string,
  token: () => string | undefined,
  selfId: string,
): LiveSource {
  let socket: Socket | undefined;
  let users = 0;
  const connection = () => {
    if (!socket) {
      const created = io(`${liveUrl.replace(/\/+$/, '')}/agent`, {
        transports: ['websocket'],
        auth: (send) => send({ token: token() }),
      });
      created.on('auth:expired', () => created.connect());
      created.on('disconnect', (reason) => {
        if (reason === 'io server disconnect') created.connect();
      });
      socket = created;
    }
    users += 1;
    return socket;
  };
  const release = () => {
    users -= 1;
    if (users === 0) {
      socket?.close();
      socket = undefined;
    }
  };

  return {
    subscribe(onChange) {
      const live = connection();
      let pending: ReturnType<typeof setTimeout> | undefined;
      const changed = () => {
        pending ??= setTimeout(() => {
          pending = undefined;
          onChange();
        }, 200);
      };
      live.on('ticket:events', changed);
      live.on('views:counts', changed);
      const unpoll = pollingSource(SOCKET_FALLBACK_POLL_MS).subscribe(onChange);
      return () => {
        clearTimeout(pending);
        unpoll();
        live.off('ticket:events', changed);
        live.off('views:counts', changed);
        release();
      };
    },

    onNotification(listener) {
      const live = connection();
      live.on('notification', listener);
      return () => {
        live.off('notification', listener);
        release();
      };
    },

    watchTicket(ticketId, onPeers) {
      const live = connection();
      let viewers: Peer[] = [];
      const typing = new Map<string, { peer: Peer; expires: ReturnType<typeof setTimeout> }>();
      const tell = () =>
        onPeers({
          viewers: viewers.filter((viewer) => viewer.id !== selfId),
          typing: [...typing.values()].map((entry) => entry.peer),
        });
      const join = () =>
        live.emit('ticket:join', { ticketId }, (answer: { viewers?: Peer[] }) => {
          if (answer?.viewers) {
            viewers = answer.viewers;
            tell();
          }
        });
      const onViewers = (event: { ticketId: string; viewers: Peer[] }) => {
        if (event.ticketId !== ticketId) return;
        viewers = event.viewers;
        tell();
      };
      const onTyping = (event: TypingEvent) => {
        if (event.ticketId !== ticketId) return;
        const id = event.from.kind === 'customer' ? 'customer' : event.from.id;
        clearTimeout(typing.get(id)?.expires);
        typing.delete(id);
        if (event.typing) {
          const peer = { id, name: event.from.name ?? 'The customer' };
          const expires = setTimeout(() => {
            typing.delete(id);
            tell();
          }, TYPING_EXPIRES_MS);
          typing.set(id, { peer, expires });
        }
        tell();
      };
      live.on('connect', join);
      live.on('ticket:viewers', onViewers);
      live.on('ticket:typing', onTyping);
      if (live.connected) join();

      let saidTypingAt = 0;
      return {
        typing(now) {
          if (!live.connected) return;
          if (now && Date.now() - saidTypingAt < TYPING_REPEAT_MS) return;
          if (!now && saidTypingAt === 0) return;
          saidTypingAt = now ? Date.now() : 0;
          live.emit('ticket:typing', { ticketId, typing: now });
        },
        close() {
          for (const entry of typing.values()) clearTimeout(entry.expires);
          live.off('connect', join);
          live.off('ticket:viewers', onViewers);
          live.off('ticket:typing', onTyping);
          if (saidTypingAt) live.emit('ticket:typing', { ticketId, typing: false });
          if (live.connected) live.emit('ticket:leave', { ticketId });
          release();
        },
      };
    },
  };
}
