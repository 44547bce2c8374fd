import {
  ConnectedSocket,
  MessageBody,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import {
  ADD_NOTE_V1,
  Actor,
  AgentHandshakeV1,
  AgentReplyV1,
  AgentTicketV1,
  TicketChangeV1,
  AgentTypingV1,
  ErrorCode,
  EventEnvelope,
  JoinTicketV1,
  LIST_TEAMS_V1,
  REPLY_TICKET_V1,
  RefreshTokenV1,
  SetPresenceV1,
  TICKET_MESSAGE_ADDED_V1,
  TICKET_NOTE_ADDED_V1,
  TicketEventV1,
  TicketMessageAddedV1,
  LiveSignalV1,
  VERIFY_ACCESS_TOKEN_V1,
  VIEW_COUNTS_V1,
  VerifiedAccessTokenV1,
} from '@switchboard/contracts';
import { NatsRpcClient, ServiceException, validatePayload } from '@switchboard/messaging';
import type { Namespace, Socket } from 'socket.io';
import { ChatGatewayConfig } from '../config';
import { ClientMessages } from '../conversation/client-messages';
import {
  AddedMessage,
  customerWroteSince,
  lastCustomerSeq,
} from '../conversation/numbered-messages';
import { TicketHistory } from '../conversation/ticket-history';
import { KeyedQueue } from '../live/keyed-queue';
import { LiveFeed } from '../live/live-feed';
import { socketsInRoom } from '../live/sockets-in-room';
import { SocketRequests, connectError } from '../live/socket-requests';
import { mayWatch } from './agent-visibility';
import { Presence } from './presence';
import { TicketViewers, VIEWING_REPEAT_MS } from './ticket-viewers';

/** What the server knows of an agent's socket. */
interface AgentSocketData {
  actor: Actor;
  name: string;
  workspaceHasTeams: boolean;
  expiresAt: number;
  timers: NodeJS.Timeout[];
  /** Per joined ticket, the last message (by seq) this socket was sent. */
  lastSeq: Map<string, number>;
  /** Per joined ticket, the last customer message (by seq) it joined with or was sent. */
  lastCustomerSeq: Map<string, number>;
  viewingTimer?: NodeJS.Timeout;
  countsTimer?: NodeJS.Timeout;
}

type AgentSocket = Socket & { data: AgentSocketData };

const ticketRoom = (ticketId: string) => `ticket:${ticketId}`;
const workspaceRoom = (workspaceId: string) => `workspace:${workspaceId}`;
const agentRoom = (agentId: string) => `agent:${agentId}`;
/** The event's name without its prefix and version: `helpdesk.evt.ticket.claimed.v1` → `claimed`. */
const shortType = (type: string) =>
  type.replace(/^helpdesk\.evt\.ticket\./, '').replace(/\.v\d+$/, '');
/** View counts are sent at most this often per socket, however many tickets change. */
const COUNTS_EVERY_MS = 1000;
/**
 * A workspace's ticket changes are gathered this long and sent together: with dozens of agents
 * and a busy workspace, one frame per change per agent was most of the gateway's writes (the
 * desk refreshes its views at most every 200 ms anyway).
 */
const CHANGES_EVERY_MS = 100;
/**
 * Changes that leave every view's count as it was (a message or note moves no ticket between
 * views; a reply that reopens one comes with its own status change).
 */
const CONVERSATION_ONLY = new Set(['message-added', 'note-added']);

/**
 * The agents' live desk. A socket connects with the agent's access token (checked by
 * api-gateway, which signed it) and receives the changes of the tickets they may see and fresh
 * view counts; in a ticket it joins it gets the messages and notes, who is typing, and sends
 * replies and notes with the stale-reply guard.
 */
@WebSocketGateway({ namespace: '/agent' })
export class AgentGateway implements OnGatewayInit, OnGatewayDisconnect {
  private namespace!: Namespace;
  private readonly requests: SocketRequests;
  private readonly deliveries = new KeyedQueue();
  private readonly noticeMs: number;
  private readonly viewers = new TicketViewers();
  /** Ticket changes waiting for their workspace's next `ticket:events` (see queueChange). */
  private readonly pendingChanges = new Map<string, TicketChangeV1[]>();

  constructor(
    config: ChatGatewayConfig,
    private readonly rpc: NatsRpcClient,
    private readonly history: TicketHistory,
    private readonly clientMessages: ClientMessages,
    private readonly feed: LiveFeed,
    private readonly presence: Presence,
  ) {
    this.requests = new SocketRequests(config.CHAT_SOCKET_EVENTS_PER_10S);
    this.noticeMs = config.CHAT_TOKEN_REFRESH_NOTICE_SECONDS * 1000;
  }

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.use((socket, next) => {
      this.admit(socket as AgentSocket).then(
        () => next(),
        (error: unknown) => next(connectError(error)),
      );
    });
    namespace.on('connection', (socket: AgentSocket) => {
      this.scheduleCounts(socket, 0);
      // The desk shows the agent's availability: told once it is set.
      void this.presence
        .connected(socket.data.actor)
        .then(() => socket.emit('presence', { availability: 'online' }));
    });
    this.feed.onTicketEvent((type, event) => this.onTicketEvent(type, event));
    this.feed.onSignal((signal) => this.onSignal(signal));
    this.feed.onNotification(async (event) => {
      for (const socket of this.socketsIn(agentRoom(event.data.agentId))) {
        if (socket.data.actor.workspaceId !== event.workspaceId) continue;
        socket.emit('notification', event.data.notification);
      }
    });
  }

  handleDisconnect(socket: AgentSocket): void {
    for (const timer of socket.data.timers ?? []) clearTimeout(timer);
    clearTimeout(socket.data.countsTimer);
    clearInterval(socket.data.viewingTimer);
    for (const ticketId of socket.data.lastSeq?.keys() ?? [])
      this.announce(socket, ticketId, false);
    if (socket.data.actor) void this.presence.disconnected(socket.data.actor);
  }

  @SubscribeMessage('presence:set')
  setPresence(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    return this.requests.answer(socket, 'presence:set', SetPresenceV1, payload, async (body) => {
      await this.presence.set(socket.data.actor, body.availability);
      return { availability: body.availability };
    });
  }

  @SubscribeMessage('auth:refresh')
  refresh(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    return this.requests.answer(socket, 'auth:refresh', RefreshTokenV1, payload, async (body) => {
      const verified = await this.verify(body.token);
      if (verified.actor.agentId !== socket.data.actor.agentId) {
        throw new ServiceException(ErrorCode.FORBIDDEN, 'the token is another agent’s');
      }
      this.authorize(socket, verified);
      return { expiresAt: verified.expiresAt };
    });
  }

  @SubscribeMessage('ticket:join')
  join(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    return this.requests.answer(socket, 'ticket:join', JoinTicketV1, payload, async (join) => {
      // ticket-core decides whether the agent may see the ticket.
      const history = await this.history.asAgent(socket.data.actor, join.ticketId);
      await socket.join(ticketRoom(join.ticketId));
      socket.data.lastSeq.set(join.ticketId, join.lastSeq ?? 0);
      socket.data.lastCustomerSeq.set(join.ticketId, lastCustomerSeq(history));
      this.announce(socket, join.ticketId, true);
      await this.deliver(join.ticketId, [socket]);
      return {
        lastSeq: socket.data.lastSeq.get(join.ticketId),
        viewers: this.viewers.of(join.ticketId),
      };
    });
  }

  @SubscribeMessage('ticket:leave')
  leave(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    return this.requests.answer(socket, 'ticket:leave', AgentTicketV1, payload, async (body) => {
      await socket.leave(ticketRoom(body.ticketId));
      socket.data.lastSeq.delete(body.ticketId);
      socket.data.lastCustomerSeq.delete(body.ticketId);
      this.announce(socket, body.ticketId, false);
      return { ok: true };
    });
  }

  @SubscribeMessage('ticket:typing')
  typing(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    return this.requests.answer(socket, 'ticket:typing', AgentTypingV1, payload, async (body) => {
      requireJoined(socket, body.ticketId);
      this.feed.publish({
        kind: 'typing',
        workspaceId: socket.data.actor.workspaceId,
        ticketId: body.ticketId,
        from: { kind: 'agent', id: socket.data.actor.agentId!, name: socket.data.name },
        typing: body.typing,
      });
      return { ok: true };
    });
  }

  @SubscribeMessage('ticket:reply')
  reply(@ConnectedSocket() socket: AgentSocket, @MessageBody() payload: unknown) {
    return this.requests.answer(socket, 'ticket:reply', AgentReplyV1, payload, async (reply) => {
      const { actor } = socket.data;
      if (!reply.internal) {
        const { stale, lastSeq } = await this.staleness(socket, reply.ticketId, reply.seenSeq);
        if (stale) {
          throw new ServiceException(
            ErrorCode.CONFLICT,
            'the customer wrote since you last looked: read it before replying',
            { stale: true, lastSeq },
          );
        }
      }
      return this.clientMessages.once(reply.ticketId, reply.clientId, async () => {
        const subject = reply.internal ? ADD_NOTE_V1 : REPLY_TICKET_V1;
        const added = await this.rpc.request(subject, {
          actor,
          ticketId: reply.ticketId,
          body: reply.body,
        });
        return added.message.id;
      });
    });
  }

  /**
   * Whether the customer wrote after the agent's `seenSeq` (the stale-reply guard). A socket in
   * the ticket's room knows the last customer message it joined with or was sent, so nothing is
   * read; any other reads the ticket as the agent, which ticket-core refuses for a ticket they
   * may not see. A customer message whose event is still on its way to this replica is not on
   * the agent's desk either: the reply goes out, as it would have a moment earlier.
   */
  private async staleness(
    socket: AgentSocket,
    ticketId: string,
    seenSeq: number,
  ): Promise<{ stale: boolean; lastSeq: number }> {
    const known = socket.data.lastCustomerSeq.get(ticketId);
    if (known !== undefined) {
      return { stale: known > seenSeq, lastSeq: socket.data.lastSeq.get(ticketId) ?? 0 };
    }
    const history = await this.history.asAgent(socket.data.actor, ticketId);
    return { stale: customerWroteSince(history, seenSeq), lastSeq: history.length };
  }

  private async admit(socket: AgentSocket): Promise<void> {
    const handshake = await validatePayload(AgentHandshakeV1, socket.handshake.auth);
    const verified = await this.verify(handshake.token);
    const { workspaceId } = verified.actor;
    const teams = await this.rpc.request(LIST_TEAMS_V1, {
      actor: { kind: 'system', workspaceId, teamIds: [] },
    });
    socket.data.workspaceHasTeams = teams.items.length > 0;
    socket.data.lastSeq = new Map();
    socket.data.lastCustomerSeq = new Map();
    // Still here: the other replicas forget viewers they stop hearing of.
    socket.data.viewingTimer = setInterval(() => {
      for (const ticketId of socket.data.lastSeq.keys()) this.announce(socket, ticketId, true);
    }, VIEWING_REPEAT_MS);
    this.authorize(socket, verified);
    await socket.join([workspaceRoom(workspaceId), agentRoom(verified.actor.agentId!)]);
  }

  /** api-gateway signed the token, so it checks it (and that the agent is still active). */
  private verify(token: string): Promise<VerifiedAccessTokenV1> {
    return this.rpc.request(VERIFY_ACCESS_TOKEN_V1, { token });
  }

  /** Takes the verified token: who the socket is, and when it must present the next one. */
  private authorize(socket: AgentSocket, verified: VerifiedAccessTokenV1): void {
    socket.data.actor = verified.actor;
    socket.data.name = verified.name;
    socket.data.expiresAt = Date.parse(verified.expiresAt);
    for (const timer of socket.data.timers ?? []) clearTimeout(timer);
    const left = socket.data.expiresAt - Date.now();
    socket.data.timers = [
      setTimeout(
        () => socket.emit('auth:expiring', { expiresAt: verified.expiresAt }),
        Math.max(0, left - this.noticeMs),
      ),
      setTimeout(() => {
        socket.emit('auth:expired', { message: 'the access token expired: connect again' });
        socket.disconnect(true);
      }, left),
    ];
  }

  private async onTicketEvent(type: string, event: EventEnvelope<TicketEventV1>): Promise<void> {
    const { ticketId, ticket } = event.data;
    this.queueChange(event.workspaceId, { type: shortType(type), ticket });
    if (type === TICKET_MESSAGE_ADDED_V1 || type === TICKET_NOTE_ADDED_V1) {
      const { message, place } = event.data as TicketMessageAddedV1;
      await this.deliver(ticketId, this.socketsIn(ticketRoom(ticketId)), {
        eventId: event.id,
        message,
        place,
      });
    }
  }

  /** Holds a workspace's list changes for CHANGES_EVERY_MS, then sends them together. */
  private queueChange(workspaceId: string, change: TicketChangeV1): void {
    const pending = this.pendingChanges.get(workspaceId);
    if (pending) {
      pending.push(change);
      return;
    }
    this.pendingChanges.set(workspaceId, [change]);
    setTimeout(() => this.sendChanges(workspaceId), CHANGES_EVERY_MS);
  }

  /**
   * Each agent's socket gets the changes to the tickets it may see, in one frame; sockets that
   * may see the same ones share one broadcast, encoded once.
   */
  private sendChanges(workspaceId: string): void {
    const changes = this.pendingChanges.get(workspaceId) ?? [];
    this.pendingChanges.delete(workspaceId);
    const audiences = new Map<string, { changes: TicketChangeV1[]; socketIds: string[] }>();
    for (const socket of this.socketsIn(workspaceRoom(workspaceId))) {
      const seen = changes.map((change) => mayWatch(socket.data, change.ticket));
      if (!seen.includes(true)) continue;
      const key = seen.map(Number).join('');
      let audience = audiences.get(key);
      if (!audience) {
        audience = { changes: changes.filter((_, index) => seen[index]), socketIds: [] };
        audiences.set(key, audience);
      }
      audience.socketIds.push(socket.id);
      if (audience.changes.some((change) => !CONVERSATION_ONLY.has(change.type))) {
        this.scheduleCounts(socket, COUNTS_EVERY_MS);
      }
    }
    for (const { changes: theirs, socketIds } of audiences.values()) {
      this.namespace.to(socketIds).emit('ticket:events', theirs);
    }
  }

  private async onSignal(signal: LiveSignalV1): Promise<void> {
    if (signal.kind === 'viewing') {
      if (!this.viewers.take(signal)) return;
      const viewers = this.viewers.of(signal.ticketId);
      for (const socket of this.socketsIn(ticketRoom(signal.ticketId))) {
        socket.emit('ticket:viewers', { ticketId: signal.ticketId, viewers });
      }
      return;
    }
    for (const socket of this.socketsIn(ticketRoom(signal.ticketId))) {
      if (signal.from.kind === 'agent' && signal.from.id === socket.data.actor.agentId) continue;
      socket.emit('ticket:typing', {
        ticketId: signal.ticketId,
        from: signal.from,
        typing: signal.typing,
      });
    }
  }

  /** Tells every replica that this socket's agent opened or left a ticket. */
  private announce(socket: AgentSocket, ticketId: string, viewing: boolean): void {
    this.feed.publish({
      kind: 'viewing',
      workspaceId: socket.data.actor.workspaceId,
      ticketId,
      agent: { id: socket.data.actor.agentId!, name: socket.data.name },
      viewing,
    });
  }

  /** Sends each socket the ticket's messages after the last one it has, in order, once. */
  private deliver(ticketId: string, sockets: AgentSocket[], added?: AddedMessage): Promise<void> {
    return this.deliveries.run(ticketId, async () => {
      const workspaceId = sockets[0]?.data.actor.workspaceId;
      if (!workspaceId) return;
      // Only what the furthest-behind socket in the ticket lacks is read.
      const seen = sockets.flatMap((socket) => socket.data.lastSeq.get(ticketId) ?? []);
      if (seen.length === 0) return;
      const after = Math.min(...seen);
      const messages = await this.history.messages(workspaceId, ticketId, 'agent', after, added);
      for (const socket of sockets) {
        const last = socket.data.lastSeq.get(ticketId);
        if (last === undefined) continue;
        const missed = messages.filter((m) => m.seq > last);
        for (const message of missed) socket.emit('ticket:message', message);
        if (missed.length > 0) socket.data.lastSeq.set(ticketId, missed[missed.length - 1].seq);
        const customerSeq = lastCustomerSeq(messages, socket.data.lastCustomerSeq.get(ticketId));
        socket.data.lastCustomerSeq.set(ticketId, customerSeq);
      }
    });
  }

  /** Fresh view counts for the socket's agent, at most once per COUNTS_EVERY_MS. */
  private scheduleCounts(socket: AgentSocket, delayMs: number): void {
    if (socket.data.countsTimer) return;
    socket.data.countsTimer = setTimeout(() => {
      socket.data.countsTimer = undefined;
      if (!socket.connected) return;
      this.rpc.request(VIEW_COUNTS_V1, { actor: socket.data.actor }).then(
        (counts) => socket.emit('views:counts', counts),
        () => undefined, // the next change sends them again
      );
    }, delayMs);
  }

  private socketsIn(room: string): AgentSocket[] {
    return socketsInRoom<AgentSocket>(this.namespace, room);
  }
}

function requireJoined(socket: AgentSocket, ticketId: string): void {
  if (!socket.rooms.has(ticketRoom(ticketId))) {
    throw new ServiceException(ErrorCode.CONFLICT, 'join the ticket first (ticket:join)');
  }
}
