import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import {
  Actor,
  CREATE_TICKET_V1,
  ChatStartedV1,
  CustomerHandshakeV1,
  ErrorCode,
  EventEnvelope,
  REPLY_TICKET_V1,
  SendChatMessageV1,
  StartChatV1,
  TICKET_MERGED_V1,
  TICKET_MESSAGE_ADDED_V1,
  TicketEventV1,
  TicketMergedV1,
  TypingSignalV1,
  TypingV1,
} from '@switchboard/contracts';
import { NatsRpcClient, ServiceException, validatePayload } from '@switchboard/messaging';
import type { Namespace, Socket } from 'socket.io';
import { ChatGatewayConfig } from '../config';
import { ClientMessages } from '../conversation/client-messages';
import { TicketHistory } from '../conversation/ticket-history';
import { KeyedQueue } from '../live/keyed-queue';
import { LiveFeed } from '../live/live-feed';
import { socketsInRoom } from '../live/sockets-in-room';
import { SocketRequests, connectError } from '../live/socket-requests';
import { WidgetSettingsService } from '../widget/widget-settings.service';
import { ChatSession, ChatSessions } from './chat-sessions';
import { identityIsSigned } from './customer-identity';

/** What the server knows of a customer's socket. */
interface CustomerSocketData {
  workspaceId: string;
  identity?: { externalId: string; email?: string };
  session?: ChatSession;
  /** The last message (by seq) this socket was sent. */
  lastSeq: number;
}

type CustomerSocket = Socket & { data: CustomerSocketData };

const room = (ticketId: string) => `ticket:${ticketId}`;
const customerActor = (session: ChatSession): Actor => ({
  kind: 'customer',
  workspaceId: session.workspaceId,
  customerId: session.customerId,
  teamIds: [],
});
/** The chat's subject: the start of the first message, on one line. */
const subjectOf = (body: string) => {
  const line = body.trim().split(/\r?\n/, 1)[0] ?? '';
  return (line.length > 80 ? `${line.slice(0, 79)}…` : line) || 'Chat';
};
const ticketStatusEvents = new Set([
  'helpdesk.evt.ticket.claimed.v1',
  'helpdesk.evt.ticket.solved.v1',
  'helpdesk.evt.ticket.reopened.v1',
  'helpdesk.evt.ticket.status-changed.v1',
]);

/**
 * The chat widget's namespace. A socket connects with the workspace's widget key (from a site
 * the widget allows) and, after a reload, its chat's session token; the customer starts a chat,
 * writes, types, and receives the agents' public messages.
 */
@WebSocketGateway({ namespace: '/customer' })
export class CustomerGateway implements OnGatewayInit, OnGatewayConnection {
  private namespace!: Namespace;
  private readonly requests: SocketRequests;
  private readonly deliveries = new KeyedQueue();

  constructor(
    config: ChatGatewayConfig,
    private readonly widgets: WidgetSettingsService,
    private readonly sessions: ChatSessions,
    private readonly history: TicketHistory,
    private readonly clientMessages: ClientMessages,
    private readonly rpc: NatsRpcClient,
    private readonly feed: LiveFeed,
  ) {
    this.requests = new SocketRequests(config.CHAT_SOCKET_EVENTS_PER_10S);
  }

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.use((socket, next) => {
      this.admit(socket as CustomerSocket).then(
        () => next(),
        (error: unknown) => next(connectError(error)),
      );
    });
    this.feed.onTicketEvent((type, event) => this.onTicketEvent(type, event));
    this.feed.onTyping((signal) => this.onTyping(signal));
  }

  /** A resumed chat gets what it missed while away. */
  async handleConnection(socket: CustomerSocket): Promise<void> {
    const session = socket.data.session;
    if (session) await this.deliver(session.ticketId, [socket]).catch(() => undefined);
  }

  @SubscribeMessage('chat:start')
  start(@ConnectedSocket() socket: CustomerSocket, @MessageBody() payload: unknown) {
    return this.requests.answer(socket, 'chat:start', StartChatV1, payload, async (start) => {
      if (socket.data.session) {
        throw new ServiceException(ErrorCode.CONFLICT, 'this socket has a chat already');
      }
      const { workspaceId, identity } = socket.data;
      const ticket = await this.rpc.request(CREATE_TICKET_V1, {
        actor: { kind: 'system', workspaceId, teamIds: [] },
        channel: 'chat',
        subject: subjectOf(start.body),
        body: start.body,
        customer: {
          name: start.name,
          email: identity?.email ?? start.email,
          externalId: identity?.externalId,
        },
        originIp: clientIp(socket),
        userAgent: socket.handshake.headers['user-agent']?.slice(0, 1000),
      });
      const session = { workspaceId, customerId: ticket.customer.id, ticketId: ticket.id };
      const sessionToken = await this.sessions.open(session);
      const [first] = await this.history.messages(workspaceId, ticket.id, 'customer');
      if (first) await this.clientMessages.record(ticket.id, start.clientId, first.id);
      socket.data.session = session;
      await socket.join(room(ticket.id));
      await this.deliver(ticket.id, [socket]);
      return { sessionToken, ticketNumber: ticket.number } satisfies ChatStartedV1;
    });
  }

  @SubscribeMessage('chat:message')
  message(@ConnectedSocket() socket: CustomerSocket, @MessageBody() payload: unknown) {
    return this.requests.answer(socket, 'chat:message', SendChatMessageV1, payload, (send) => {
      const session = requireSession(socket);
      return this.clientMessages.once(session.ticketId, send.clientId, async () => {
        const added = await this.rpc.request(REPLY_TICKET_V1, {
          actor: customerActor(session),
          ticketId: session.ticketId,
          body: send.body,
        });
        return added.message.id;
      });
    });
  }

  @SubscribeMessage('chat:typing')
  typing(@ConnectedSocket() socket: CustomerSocket, @MessageBody() payload: unknown) {
    return this.requests.answer(socket, 'chat:typing', TypingV1, payload, async ({ typing }) => {
      const session = requireSession(socket);
      this.feed.publishTyping({
        kind: 'typing',
        workspaceId: session.workspaceId,
        ticketId: session.ticketId,
        from: { kind: 'customer', id: session.customerId, name: null },
        typing,
      });
      return { ok: true };
    });
  }

  private async admit(socket: CustomerSocket): Promise<void> {
    const handshake = await validatePayload(CustomerHandshakeV1, socket.handshake.auth);
    const widget = await this.widgets.byKey(handshake.widgetKey);
    if (!widget) throw new ServiceException(ErrorCode.UNAUTHENTICATED, 'unknown widget key');
    const origin = socket.handshake.headers.origin;
    if (widget.allowedOrigins.length > 0 && !widget.allowedOrigins.includes(origin ?? '')) {
      throw new ServiceException(
        ErrorCode.FORBIDDEN,
        `the chat widget may not be embedded on ${origin ?? 'a page without an Origin'}`,
      );
    }
    socket.data.workspaceId = widget.workspaceId;
    socket.data.lastSeq = handshake.lastSeq ?? 0;
    if (handshake.identityHash || handshake.externalId) {
      const signed =
        !!handshake.externalId &&
        !!handshake.identityHash &&
        identityIsSigned(
          widget.identitySecret,
          handshake.externalId,
          handshake.email,
          handshake.identityHash,
        );
      if (!signed) {
        throw new ServiceException(ErrorCode.UNAUTHENTICATED, 'the visitor identity is not signed');
      }
      socket.data.identity = { externalId: handshake.externalId!, email: handshake.email };
    }
    if (handshake.sessionToken) {
      const session = await this.sessions.find(widget.workspaceId, handshake.sessionToken);
      if (!session) {
        throw new ServiceException(ErrorCode.UNAUTHENTICATED, 'the chat session is unknown');
      }
      socket.data.session = session;
      await socket.join(room(session.ticketId));
    }
  }

  private async onTicketEvent(type: string, event: EventEnvelope<TicketEventV1>): Promise<void> {
    const { ticketId, ticket } = event.data;
    if (this.socketsIn(ticketId).length === 0) return;
    if (type === TICKET_MERGED_V1) {
      await this.followMerge(ticketId, (event.data as TicketMergedV1).intoTicketId);
      return;
    }
    if (type === TICKET_MESSAGE_ADDED_V1) {
      if ((event.data as { message?: { visibility?: string } }).message?.visibility === 'public') {
        await this.deliver(ticketId, this.socketsIn(ticketId));
      }
      return;
    }
    if (ticketStatusEvents.has(type)) {
      this.namespace.to(room(ticketId)).emit('chat:status', { status: ticket.status });
    }
  }

  private async onTyping(signal: TypingSignalV1): Promise<void> {
    if (signal.from.kind !== 'agent') return;
    this.namespace
      .to(room(signal.ticketId))
      .emit('chat:typing', { typing: signal.typing, name: signal.from.name });
  }

  /** Sends each socket the chat's messages after the last one it has, in order, once. */
  private deliver(ticketId: string, sockets: CustomerSocket[]): Promise<void> {
    return this.deliveries.run(ticketId, async () => {
      const workspaceId = sockets[0]?.data.workspaceId;
      if (!workspaceId) return;
      const messages = await this.history.messages(workspaceId, ticketId, 'customer');
      for (const socket of sockets) {
        for (const message of messages.filter((m) => m.seq > socket.data.lastSeq)) {
          socket.emit('chat:message', message);
          socket.data.lastSeq = message.seq;
        }
      }
    });
  }

  private async followMerge(fromTicketId: string, toTicketId: string): Promise<void> {
    await this.sessions.moveTicket(fromTicketId, toTicketId);
    const sockets = this.socketsIn(fromTicketId);
    for (const socket of sockets) {
      await socket.leave(room(fromTicketId));
      await socket.join(room(toTicketId));
      socket.data.session = { ...socket.data.session!, ticketId: toTicketId };
      // The numbers start again in the other ticket's history: it is sent whole.
      socket.data.lastSeq = 0;
      socket.emit('chat:moved', {});
    }
    await this.deliver(toTicketId, sockets);
  }

  private socketsIn(ticketId: string): CustomerSocket[] {
    return socketsInRoom<CustomerSocket>(this.namespace, room(ticketId));
  }
}

function requireSession(socket: CustomerSocket): ChatSession {
  const session = socket.data.session;
  if (!session) {
    throw new ServiceException(ErrorCode.CONFLICT, 'start a chat first (chat:start)');
  }
  return session;
}

/** The visitor's address as ticket-core records it (IPv4 without its IPv6 mapping). */
function clientIp(socket: Socket): string | undefined {
  const address = socket.handshake.address;
  return address ? address.replace(/^::ffff:/, '') : undefined;
}
