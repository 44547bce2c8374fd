import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/api-error';
import type { TicketDetail } from '../api/types';
import { useToasts } from '../components/Toasts';
import { useDesk } from '../session/session-context';
import { Composer } from './Composer';
import { Conversation } from './Conversation';
import type { LiveSource, TicketPeers, TicketWatch } from './live';
import type { DeskCommand } from './shortcuts';
import { SidePanel } from './SidePanel';
import { TicketActions } from './TicketActions';

/** One ticket: header and actions, the conversation and composer, the side panel. */
export function TicketPane(props: {
  ticketId: string;
  tick: number;
  live?: LiveSource;
  command: DeskCommand | undefined;
  onChanged(): void;
  onOpen(ticketId: string): void;
}) {
  const { session, agents, teams } = useDesk();
  const toasts = useToasts();
  const [ticket, setTicket] = useState<TicketDetail>();
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);
  const opened = useRef(false);
  const [peers, setPeers] = useState<TicketPeers>({ viewers: [], typing: [] });
  const watch = useRef<TicketWatch>(undefined);

  useEffect(() => {
    const watching = props.live?.watchTicket?.(props.ticketId, setPeers);
    watch.current = watching;
    return () => watching?.close();
  }, [props.live, props.ticketId]);

  useEffect(() => {
    let current = true;
    session
      .call((api) => api.GET('/api/v1/tickets/{id}', { params: { path: { id: props.ticketId } } }))
      .then((value) => {
        if (!current) return;
        setTicket(value);
        setError(undefined);
        // Opening a ticket reads it (for this agent), once: "Mark unread" then stays unread.
        if (!opened.current && value.unread)
          void session
            .call((api) =>
              api.POST('/api/v1/tickets/{id}/read', {
                params: { path: { id: value.id } },
                body: { read: true },
              }),
            )
            .catch(() => undefined);
        opened.current = true;
      })
      .catch((caught: unknown) => current && setError(errorMessage(caught)));
    return () => {
      current = false;
    };
  }, [session, props.ticketId, props.tick, version]);

  /** After a command: reload this ticket and the views. */
  const changed = useCallback(() => {
    setVersion((value) => value + 1);
    props.onChanged();
  }, [props]);

  /** Runs a command, says what went wrong if it did, and reloads. */
  const run = useCallback(
    async (what: string, action: () => Promise<unknown>) => {
      try {
        await action();
        toasts.info(what);
        changed();
        return true;
      } catch (caught) {
        toasts.error(caught);
        return false;
      }
    },
    [toasts, changed],
  );

  if (error && !ticket)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!ticket) return <p className="empty">Loading the ticket…</p>;
  const assignee = agents.find((agent) => agent.id === ticket.assigneeId);
  const team = teams.find((candidate) => candidate.id === ticket.teamId);
  return (
    <div className="ticket">
      <div className="ticket-main">
        <header className="ticket-header">
          <h2>
            <span className="number">#{ticket.number}</span> <span>{ticket.subject}</span>
          </h2>
          <p className="meta">
            <span className={`badge status-${ticket.status}`} data-testid="ticket-status">
              {ticket.status}
            </span>
            <span>{ticket.channel}</span>
            <span>{assignee ? `Assigned to ${assignee.name}` : 'Unassigned'}</span>
            {team && <span>Team {team.name}</span>}
            {ticket.deleted && <span className="badge danger">deleted</span>}
            {ticket.archived && <span className="badge">archived</span>}
          </p>
          <TicketActions ticket={ticket} run={run} command={props.command} onOpen={props.onOpen} />
          <PeersLine peers={peers} />
        </header>
        <Conversation ticket={ticket} />
        <Composer
          ticket={ticket}
          run={run}
          command={props.command}
          onTyping={(typing) => watch.current?.typing(typing)}
        />
      </div>
      <SidePanel ticket={ticket} run={run} onOpen={props.onOpen} />
    </div>
  );
}

/** Who else has the ticket open, and who is typing (a colleague or the customer). */
function PeersLine(props: { peers: TicketPeers }) {
  const { viewers, typing } = props.peers;
  const names = (peers: { name: string }[]) => peers.map((peer) => peer.name).join(', ');
  return (
    <p className="peers" aria-live="polite" data-testid="ticket-peers">
      {viewers.length > 0 && <span>Also viewing: {names(viewers)}</span>}
      {typing.length > 0 && (
        <span className="typing">
          {names(typing)} {typing.length === 1 ? 'is' : 'are'} typing…
        </span>
      )}
    </p>
  );
}
