import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Ticket, TicketPage, ViewCounts, ViewName } from '../api/types';
import { ToastProvider, useToasts } from '../components/Toasts';
import { Logo } from '../session/LoginPage';
import { useDesk } from '../session/session-context';
import { pollingSource, socketSource, type LiveSource } from './live';
import { NewTicketDialog } from './NewTicketDialog';
import { NotificationsButton } from './Notifications';
import {
  NO_SEARCH_FILTERS,
  SearchFilters,
  searchQuery,
  type SearchFilterValues,
} from './SearchFilters';
import { ShortcutsSheet, useShortcuts, type DeskCommand } from './shortcuts';
import { TicketList } from './TicketList';
import { TicketPane } from './TicketPane';
import { ViewsNav, viewTitle, type ViewFilters } from './ViewsNav';

export function DeskPage(props: { onAdmin(): void; live?: LiveSource }) {
  return (
    <ToastProvider>
      <Desk {...props} />
    </ToastProvider>
  );
}

/** The three panes: views with counts | ticket list | the open ticket with its side panel. */
function Desk(props: { onAdmin(): void; live?: LiveSource }) {
  const { session, me } = useDesk();
  const toasts = useToasts();
  const [view, setView] = useState<ViewName>('new');
  const [filters, setFilters] = useState<ViewFilters>({ solvedByMe: false, label: '' });
  const [search, setSearch] = useState<string>();
  const [searchFilters, setSearchFilters] = useState<SearchFilterValues>(NO_SEARCH_FILTERS);
  const [counts, setCounts] = useState<ViewCounts>();
  const [page, setPage] = useState<TicketPage>();
  const [listError, setListError] = useState<string>();
  const [selectedId, setSelectedId] = useState<string>();
  const [tick, setTick] = useState(0);
  const [command, setCommand] = useState<DeskCommand>();
  const [sheetOpen, setSheetOpen] = useState(false);
  const [composing, setComposing] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  /** chat-gateway's public URL, once the server said it (null: none, the desk polls). */
  const [liveUrl, setLiveUrl] = useState<string | null>();
  useEffect(() => {
    session.api.GET('/api/v1/desk/config').then(
      (result) => setLiveUrl(result.data?.liveUrl ?? null),
      () => setLiveUrl(null),
    );
  }, [session]);
  const live = useMemo(() => {
    if (props.live) return props.live;
    if (liveUrl === undefined) return undefined;
    return liveUrl
      ? socketSource(liveUrl, () => session.currentToken(), me.agent.id)
      : pollingSource();
  }, [props.live, liveUrl, session, me.agent.id]);
  const refresh = useCallback(() => setTick((value) => value + 1), []);

  useEffect(() => live?.subscribe(refresh), [live, refresh]);

  /**
   * One page of the current view (by cursor) or search (by offset). Live reloads fetch the first
   * page again; pages loaded with "Load more" stay until the view, filters or search change.
   */
  const loadPage = useCallback(
    (cursor: string | undefined, offset: number) =>
      search !== undefined
        ? session.call((api) =>
            api.GET('/api/v1/tickets/search', {
              params: { query: { ...searchQuery(search, searchFilters), offset } },
            }),
          )
        : session.call((api) =>
            api.GET('/api/v1/views/{view}', {
              params: {
                path: { view },
                query: {
                  limit: 50,
                  ...(cursor ? { cursor } : {}),
                  ...(view === 'solved' && filters.solvedByMe ? { solvedByMe: true } : {}),
                  ...(view === 'solved' && filters.label ? { label: filters.label } : {}),
                },
              },
            }),
          ),
    [session, search, searchFilters, view, filters],
  );
  const [more, setMore] = useState<{ items: Ticket[]; next: string | undefined; done: boolean }>();
  useEffect(() => setMore(undefined), [loadPage]);

  useEffect(() => {
    let current = true;
    session
      .call((api) => api.GET('/api/v1/views/counts'))
      .then((value) => current && setCounts(value))
      .catch(() => undefined);
    const load = loadPage(undefined, 0);
    load
      .then((value) => {
        if (!current) return;
        setPage(value);
        setListError(undefined);
      })
      .catch((error: unknown) => current && setListError(String((error as Error).message)));
    return () => {
      current = false;
    };
  }, [session, loadPage, tick]);

  const items = useMemo(() => {
    const first = page?.items ?? [];
    const seen = new Set(first.map((ticket) => ticket.id));
    return [...first, ...(more?.items ?? []).filter((ticket) => !seen.has(ticket.id))];
  }, [page, more]);
  const hasMore = more
    ? !more.done
    : page !== undefined &&
      (search !== undefined ? page.items.length < page.count : page.nextCursor !== null);
  const loadMore = () => {
    const cursor = more ? more.next : (page?.nextCursor ?? undefined);
    loadPage(cursor, items.length)
      .then((next) =>
        setMore((current) => ({
          items: [...(current?.items ?? []), ...next.items],
          next: next.nextCursor ?? undefined,
          done:
            next.items.length === 0 ||
            (search === undefined
              ? !next.nextCursor
              : items.length + next.items.length >= (page?.count ?? 0)),
        })),
      )
      .catch((error: unknown) => toasts.error(error));
  };
  const leaveSearch = () => {
    setSearch(undefined);
    setSearchFilters(NO_SEARCH_FILTERS);
  };
  const open = useCallback((ticket: Pick<Ticket, 'id'>) => setSelectedId(ticket.id), []);

  const jumpOrSearch = async (text: string) => {
    const trimmed = text.trim();
    const number = /^#(\d+)$/.exec(trimmed);
    if (number) {
      try {
        const ticket = await session.call((api) =>
          api.GET('/api/v1/tickets/by-number/{number}', {
            params: { path: { number: Number(number[1]) } },
          }),
        );
        setSelectedId(ticket.id);
      } catch (error) {
        toasts.error(error);
      }
      return;
    }
    setSearch(trimmed);
  };

  const move = (step: number) => {
    if (items.length === 0) return;
    const index = items.findIndex((ticket) => ticket.id === selectedId);
    const next = items[Math.min(items.length - 1, Math.max(0, index + step))];
    if (next) setSelectedId(next.id);
  };

  useShortcuts((key) => {
    if (key === 'next') move(1);
    else if (key === 'previous') move(-1);
    else if (key === 'search') searchRef.current?.focus();
    else if (key === 'help') setSheetOpen(true);
    else setCommand({ name: key, at: Date.now() });
  });

  return (
    <div className="desk">
      <header className="topbar">
        <span className="brand small">
          <Logo /> Switchboard
        </span>
        <form
          role="search"
          className="search"
          onSubmit={(event) => {
            event.preventDefault();
            void jumpOrSearch(searchRef.current?.value ?? '');
          }}
        >
          <label className="visually-hidden" htmlFor="desk-search">
            Search tickets, or #number
          </label>
          <input
            id="desk-search"
            ref={searchRef}
            type="search"
            placeholder="Search, or #22 to open ticket 22  ( / )"
          />
        </form>
        <button type="button" onClick={() => setComposing(true)}>
          New ticket
        </button>
        <Presence />
        <NotificationsButton live={live} tick={tick} onOpen={setSelectedId} />
        <button type="button" onClick={() => setSheetOpen(true)} aria-keyshortcuts="?">
          Shortcuts
        </button>
        {me.role === 'admin' && (
          <button type="button" onClick={props.onAdmin}>
            Admin
          </button>
        )}
        <span className="who" title={me.agent.email}>
          {me.agent.name}
        </span>
        <button type="button" onClick={() => void session.logout()}>
          Sign out
        </button>
      </header>
      <nav className="pane views-pane" aria-label="Views">
        <ViewsNav
          view={search === undefined ? view : undefined}
          counts={counts}
          filters={filters}
          onView={(next) => {
            leaveSearch();
            setView(next);
          }}
          onFilters={setFilters}
          onAccepted={(tickets) => {
            refresh();
            if (tickets[0]) setSelectedId(tickets[0].id);
          }}
        />
      </nav>
      <section className="pane list-pane" aria-label="Tickets">
        {search !== undefined && (
          <SearchFilters value={searchFilters} onChange={setSearchFilters} />
        )}
        <TicketList
          title={search !== undefined ? (search ? `Search: ${search}` : 'Search') : viewTitle(view)}
          items={items}
          loading={page === undefined && !listError}
          error={listError}
          selectedId={selectedId}
          onOpen={open}
          onClearSearch={search !== undefined ? leaveSearch : undefined}
          onLoadMore={hasMore ? loadMore : undefined}
        />
      </section>
      <section className="pane ticket-pane" aria-label="Ticket">
        {selectedId ? (
          <TicketPane
            key={selectedId}
            ticketId={selectedId}
            tick={tick}
            live={live}
            command={command}
            onChanged={refresh}
            onOpen={setSelectedId}
          />
        ) : (
          <p className="empty">Pick a ticket from the list, or press j to open the first one.</p>
        )}
      </section>
      {sheetOpen && <ShortcutsSheet onClose={() => setSheetOpen(false)} />}
      {composing && (
        <NewTicketDialog
          onClose={() => setComposing(false)}
          onCreated={(id) => {
            setComposing(false);
            setSelectedId(id);
            refresh();
          }}
        />
      )}
    </div>
  );
}

function Presence() {
  const { session, me } = useDesk();
  const toasts = useToasts();
  const [availability, setAvailability] = useState(me.agent.availability);
  const change = useCallback(
    (value: typeof availability) => {
      setAvailability(value);
      session
        .call((api) => api.PUT('/api/v1/agents/me/availability', { body: { availability: value } }))
        .catch((error: unknown) => toasts.error(error));
    },
    [session, toasts],
  );
  // Opening the desk is being at work: an agent who was offline is online now.
  useEffect(() => {
    if (me.agent.availability === 'offline') change('online');
  }, [me.agent.availability, change]);
  return (
    <label className="presence">
      <span className="visually-hidden">Availability</span>
      <select
        value={availability}
        onChange={(event) => change(event.target.value as typeof availability)}
      >
        <option value="online">Online</option>
        <option value="away">Away</option>
        <option value="offline">Offline</option>
      </select>
    </label>
  );
}
