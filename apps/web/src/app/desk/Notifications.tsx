import { useCallback, useEffect, useState } from 'react';
import type { ApiSchema } from '@switchboard/api-client';
import { Dialog } from '../components/Dialog';
import { formatTime } from '../components/format';
import { useToasts } from '../components/Toasts';
import { useDesk } from '../session/session-context';
import type { LiveSource } from './live';

type Notification = ApiSchema<'NotificationV1'>;

/**
 * The bell: the agent's unread in-app notifications, counted in the top bar and listed in a
 * dialog. The count is read again on every desk reload and at once when the socket pushes one.
 */
export function NotificationsButton(props: {
  live: LiveSource | undefined;
  tick: number;
  onOpen(ticketId: string): void;
}) {
  const { session } = useDesk();
  const toasts = useToasts();
  const [unread, setUnread] = useState(0);
  const [pushed, setPushed] = useState(0);
  const [list, setList] = useState<Notification[]>();
  const [open, setOpen] = useState(false);

  useEffect(
    () => props.live?.onNotification?.(() => setPushed((value) => value + 1)),
    [props.live],
  );
  useEffect(() => {
    let current = true;
    session
      .call((api) => api.GET('/api/v1/notifications/unread-count'))
      .then((value) => current && setUnread(value.unread))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [session, props.tick, pushed]);

  const load = useCallback(() => {
    session
      .call((api) => api.GET('/api/v1/notifications', { params: { query: { limit: 30 } } }))
      .then((value) => {
        setList(value.items);
        setUnread(value.unread);
      })
      .catch((error: unknown) => toasts.error(error));
  }, [session, toasts]);
  useEffect(() => {
    if (open) load();
  }, [open, load, pushed]);

  const markRead = async (body: { ids: string[] } | { all: true }) => {
    try {
      const value = await session.call((api) => api.POST('/api/v1/notifications/read', { body }));
      setUnread(value.unread);
      load();
    } catch (error) {
      toasts.error(error);
    }
  };

  return (
    <>
      <button
        type="button"
        className="bell"
        aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
        onClick={() => setOpen(true)}
      >
        Notifications
        {unread > 0 && (
          <span className="count" data-testid="unread-notifications">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <Dialog title="Notifications" onClose={() => setOpen(false)}>
          {list === undefined ? (
            <p className="empty">Loading…</p>
          ) : list.length === 0 ? (
            <p className="empty">Nothing yet: assignments, mentions and reminders show here.</p>
          ) : (
            <ul className="notifications">
              {list.map((item) => (
                <li key={item.id} className={item.readAt ? 'read' : 'unread'}>
                  <button
                    type="button"
                    onClick={() => {
                      if (!item.readAt) void markRead({ ids: [item.id] });
                      if (item.ticketId) props.onOpen(item.ticketId);
                      setOpen(false);
                    }}
                  >
                    <strong>{item.title}</strong>
                    <span>{item.body}</span>
                    <time dateTime={item.createdAt}>{formatTime(item.createdAt)}</time>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {unread > 0 && (
            <button type="button" onClick={() => void markRead({ all: true })}>
              Mark all read
            </button>
          )}
        </Dialog>
      )}
    </>
  );
}
