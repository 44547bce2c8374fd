import type { Ticket } from '../api/types';
import { formatAge } from '../components/format';

/** One page of a view or a search; each row opens its ticket. */
export function TicketList(props: {
  title: string;
  items: Ticket[];
  loading: boolean;
  error: string | undefined;
  selectedId: string | undefined;
  onOpen(ticket: Ticket): void;
  onClearSearch?(): void;
  onLoadMore?(): void;
}) {
  return (
    <>
      <div className="pane-header">
        <h2>{props.title}</h2>
        {props.onClearSearch && (
          <button type="button" onClick={props.onClearSearch}>
            Back to the view
          </button>
        )}
      </div>
      {props.error && (
        <p className="error" role="alert">
          {props.error}
        </p>
      )}
      {props.loading && <p className="empty">Loading…</p>}
      {!props.loading && !props.error && props.items.length === 0 && (
        <p className="empty">No tickets here.</p>
      )}
      <ul className="tickets">
        {props.items.map((ticket) => (
          <li key={ticket.id}>
            <button
              type="button"
              className={`ticket-row${ticket.unread ? ' unread' : ''}`}
              aria-current={ticket.id === props.selectedId ? 'true' : undefined}
              onClick={() => props.onOpen(ticket)}
            >
              <span className="row-top">
                <span className="number">#{ticket.number}</span>
                <span className="subject">{ticket.subject}</span>
              </span>
              <span className="row-bottom">
                <span>{ticket.customer?.name ?? ticket.customer?.email ?? 'Unknown customer'}</span>
                <span className={`badge priority-${ticket.priority}`}>{ticket.priority}</span>
                <span className="badge">{ticket.channel}</span>
                {ticket.remindAt && ticket.status === 'pending' && (
                  <span className="badge">
                    until {new Date(ticket.remindAt).toLocaleDateString()}
                  </span>
                )}
                <span className="age">{formatAge(ticket.lastActivityAt)}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {props.onLoadMore && props.items.length > 0 && (
        <button type="button" className="load-more" onClick={props.onLoadMore}>
          Load more
        </button>
      )}
    </>
  );
}
