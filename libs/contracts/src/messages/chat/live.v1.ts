/*
 * Signals between chat-gateway replicas that are not worth keeping: who is typing in a ticket,
 * who has it open.
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

/** An agent opened or left a ticket; repeated while open, so a late replica learns it too. */
export class ViewingSignalV1 {
  kind: 'viewing';
  workspaceId: string;
  ticketId: string;
  agent: { id: string; name: string };
  viewing: boolean;
}

export type LiveSignalV1 = TypingSignalV1 | ViewingSignalV1;

/**
 * `helpdesk.live.presence.<agentId>`: asked by a replica whose last socket of an agent closed.
 * Replicas that still hold one of the agent's sockets answer; no answer means the agent is gone.
 */
export const LIVE_PRESENCE_PREFIX = 'helpdesk.live.presence';

export const livePresenceSubject = (agentId: string) => `${LIVE_PRESENCE_PREFIX}.${agentId}`;
