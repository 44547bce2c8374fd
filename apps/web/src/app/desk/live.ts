/**
 * Where the desk learns that tickets changed. Today a poll: every `intervalMs` (while the tab is
 * visible, and at once when it becomes visible again) it says "something may have changed" and
 * the desk reloads the counts, the list and the open ticket. When chat-gateway's socket.io
 * stream exists, a `LiveSource` on socket.io-client replaces it without touching the screens.
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
