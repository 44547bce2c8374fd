import { useState } from 'react';
import { VIEWS, type Ticket, type ViewCounts, type ViewName } from '../api/types';
import { useToasts } from '../components/Toasts';
import { useDesk } from '../session/session-context';

export interface ViewFilters {
  solvedByMe: boolean;
  label: string;
}

/** The five views with their counts, quick accept, and the Solved view's filters. */
export function ViewsNav(props: {
  view: ViewName | undefined;
  counts: ViewCounts | undefined;
  filters: ViewFilters;
  onView(view: ViewName): void;
  onFilters(filters: ViewFilters): void;
  onAccepted(tickets: Ticket[]): void;
}) {
  const { session } = useDesk();
  const toasts = useToasts();
  const [custom, setCustom] = useState('');

  const accept = async (count: number) => {
    try {
      const result = await session.call((api) =>
        api.POST('/api/v1/tickets/quick-accept', { body: { count } }),
      );
      toasts.info(
        result.items.length === 0
          ? 'No ticket to accept.'
          : `Accepted ${result.items.length} ticket${result.items.length === 1 ? '' : 's'}.`,
      );
      props.onAccepted(result.items);
    } catch (error) {
      toasts.error(error);
    }
  };

  return (
    <>
      <ul className="views">
        {VIEWS.map((name) => {
          const count = props.counts?.[name];
          return (
            <li key={name}>
              <button
                type="button"
                className="view"
                aria-current={props.view === name ? 'page' : undefined}
                onClick={() => props.onView(name)}
              >
                <span>{viewTitle(name)}</span>
                <span className="count" data-testid={`count-${name}`}>
                  {count === undefined ? '…' : count >= 1000 ? '1,000+' : count}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {props.view === 'solved' && (
        <fieldset className="filters">
          <legend>Solved filters</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={props.filters.solvedByMe}
              onChange={(event) =>
                props.onFilters({ ...props.filters, solvedByMe: event.target.checked })
              }
            />
            Solved by me
          </label>
          <label>
            Label
            <input
              type="text"
              value={props.filters.label}
              onChange={(event) => props.onFilters({ ...props.filters, label: event.target.value })}
            />
          </label>
        </fieldset>
      )}
      <section className="quick-accept" aria-label="Quick accept">
        <h2>Quick accept</h2>
        <p className="hint">The oldest tickets of your teams.</p>
        <div className="button-row">
          {[3, 5, 10].map((count) => (
            <button key={count} type="button" onClick={() => void accept(count)}>
              {count}
            </button>
          ))}
        </div>
        <form
          className="button-row"
          onSubmit={(event) => {
            event.preventDefault();
            const count = Number(custom);
            if (Number.isInteger(count) && count > 0) void accept(count);
          }}
        >
          <label className="visually-hidden" htmlFor="quick-accept-custom">
            How many tickets
          </label>
          <input
            id="quick-accept-custom"
            type="number"
            min={1}
            max={50}
            placeholder="n"
            value={custom}
            onChange={(event) => setCustom(event.target.value)}
          />
          <button type="submit">Accept</button>
        </form>
      </section>
    </>
  );
}

export function viewTitle(view: ViewName): string {
  return { new: 'New', open: 'Open (mine)', team: 'Team', pending: 'Pending', solved: 'Solved' }[
    view
  ];
}
