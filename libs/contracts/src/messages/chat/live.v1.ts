/*
 * Signals between chat-gateway replicas that are not worth keeping: who is typing in a ticket.
 * Plain NATS publishes (no JetStream): a lost one only hides a typing indicator for a moment.
 */

/** `helpdesk.live.ticket.<ticketId>`: every replica listens and tells its own sockets. */
export const LIVE_TICKET_PREFIX = 'helpdesk.live.ticket';

export const liveTicketSubject = (ticketId: string) => `${LIVE_TICKET_PREFIX}.${ticketId}`;

export class TypingSignalV1 {
  kind: 'typing';
  workspaceId: string;
  ticketId: string;
  from: { kind: 'customer' | 'agent'; id: string; name: string | null };
  typing: boolean;
}
