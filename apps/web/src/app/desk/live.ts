import { io, type Socket } from 'socket.io-client';

/**
 * Where the desk learns that tickets changed: chat-gateway's socket when the server names it
 * (`GET /api/v1/desk/config`), else a poll every `intervalMs` (while the tab is visible, and at
 * once when it becomes visible again). Either says "something may have changed" and the desk
 * reloads the counts, the list and the open ticket.
 */
export interface LiveSource {
  subscribe(onChange: () => void): () => void;
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

/**
 * chat-gateway's `/agent` namespace: a ticket change or new view counts says "something changed"
 * at once (a burst is one reload). The socket asks for the session's current token each time it
 * connects, so it reconnects with a fresh one after the server closes it at the old one's expiry.
 * A slow poll stays beside it for changes a disconnect hid.
 */
export function socketSource(liveUrl: string, token: () => string | undefined): LiveSource {
  return {
    subscribe(onChange) {
      let pending: ReturnType<typeof setTimeout> | undefined;
      const changed = () => {
        pending ??= setTimeout(() => {
          pending = undefined;
          onChange();
        }, 200);
      };
      const socket: Socket = io(`${liveUrl.replace(/\/+$/, '')}/agent`, {
        transports: ['websocket'],
        auth: (send) => send({ token: token() }),
      });
      socket.on('ticket:event', changed);
      socket.on('views:counts', changed);
      socket.on('auth:expired', () => socket.connect());
      socket.on('disconnect', (reason) => {
        if (reason === 'io server disconnect') socket.connect();
      });
      const unpoll = pollingSource(SOCKET_FALLBACK_POLL_MS).subscribe(onChange);
      return () => {
        clearTimeout(pending);
        unpoll();
        socket.close();
      };
    },
  };
}
