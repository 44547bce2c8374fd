import { clientAddress } from '@switchboard/config';
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
  ChatIntakeV1,
  ChatMessageSentV1,
  ChatStartedV1,
  CustomerHandshakeV1,
  ErrorCode,
  EventEnvelope,
  REPLY_TICKET_V1,
  RequestTranscriptV1,
  SEND_TRANSCRIPT_V1,
  SendChatMessageV1,
  StartChatV1,
  WidgetLookV1,
  TICKET_INTAKE_CLOSED_V1,
  TICKET_MERGED_V1,
  TICKET_MESSAGE_ADDED_V1,
  TicketMessageAddedV1,
  TicketEventV1,
  TicketMergedV1,
  TranscriptRequestedV1,
  LiveSignalV1,
  TypingV1,
} from '@switchboard/contracts';
import { NatsRpcClient, ServiceException, validatePayload } from '@switchboard/messaging';
import type { Namespace, Socket } from 'socket.io';
import { ChatGatewayConfig } from '../config';
import { ClientMessages } from '../conversation/client-messages';
import { AddedMessage } from '../conversation/numbered-messages';
import { TicketHistory } from '../conversation/ticket-history';
import { KeyedQueue } from '../live/keyed-queue';
import { LiveFeed } from '../live/live-feed';
import { socketsInRoom } from '../live/sockets-in-room';
import { SocketRequests, connectError } from '../live/socket-requests';
import { WidgetSettingsService } from '../widget/widget-settings.service';
import { ChatAvailability } from './chat-availability';
import { ChatSession, ChatSessions, HeldChat } from './chat-sessions';
import { ChatTickets } from './chat-tickets';
import { identityIsSigned } from './customer-identity';
import {
  INTAKE_COLLECTING,
  INTAKE_ENDED,
  INTAKE_QUESTION,
  IntakeState,
  intakeStep,
} from './intake';

/** What the server knows of a customer's socket. */
interface CustomerSocketData {
  workspaceId: string;
  /** The widget's team: its chats go there, and its hours and members decide what is live. */
  teamId: string | null;
  /** The widget's look and start form, told to the widget on connecting. */
  look: WidgetLookV1;
  identity?: { externalId: string; email?: string };
  session?: ChatSession;
  /** The last message (by seq) this socket was sent. */
  lastSeq: number;
  /** The transcripts this socket asked for, by client id: a resend answers the first. */
  transcripts?: Map<string, Promise<TranscriptRequestedV1>>;
}

type CustomerSocket = Socket & { data: CustomerSocketData };

const room = (ticketId: string) => `ticket:${ticketId}`;
const customerActor = (session: ChatSession): Actor => ({
  kind: 'customer',
  workspaceId: session.workspaceId,
  customerId: session.customerId!,
  teamIds: [],
});
const INTAKE_TEXT: Record<IntakeState, string> = {
  asking: INTAKE_QUESTION,
  collecting: INTAKE_COLLECTING,
  ended: INTAKE_ENDED,
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
  /** Whose X-Forwarded-For names the visitor's address (TRUST_PROXY). */
  private readonly trustProxy: string | undefined;
  private readonly deliveries = new KeyedQueue();

  constructor(
    config: ChatGatewayConfig,
    private readonly widgets: WidgetSettingsService,
    private readonly sessions: ChatSessions,
    private readonly tickets: ChatTickets,
    private readonly availability: ChatAvailability,
    private readonly history: TicketHistory,
    private readonly clientMessages: ClientMessages,
    private readonly rpc: NatsRpcClient,
    private readonly feed: LiveFeed,
  ) {
    this.requests = new SocketRequests(config.CHAT_SOCKET_EVENTS_PER_10S);
    this.trustProxy = config.TRUST_PROXY;
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
    this.feed.onSignal((signal) => this.onSignal(signal));
  }

  /** A resumed chat gets what it missed while away. */
  async handleConnection(socket: CustomerSocket): Promise<void> {
    socket.emit('chat:settings', socket.data.look);
    const session = socket.data.session;
    if (session?.ticketId) {
      const ticketToken = await this.history
        .publicToken(session.workspaceId, session.ticketId)
        .catch(() => null);
      socket.emit('chat:session', { ticketToken });
      await this.deliver(session.ticketId, [socket]).catch(() => undefined);
    }
    if (session?.intake) this.tellIntake(socket, session.intake);
  }

  @SubscribeMessage('chat:start')
  start(@ConnectedSocket() socket: CustomerSocket, @MessageBody() payload: unknown) {
    return this.requests.answer(socket, 'chat:start', StartChatV1, payload, async (start) => {
      if (socket.data.session) {
        throw new ServiceException(ErrorCode.CONFLICT, 'this socket has a chat already');
      }
      const { workspaceId, teamId, identity, look } = socket.data;
      if (look.contactDetails === 'required') requireContact(start, identity?.email);
      const chat: HeldChat = {
        body: start.body,
        name: start.name,
        email: identity?.email ?? start.email,
        externalId: identity?.externalId,
        originIp: clientAddress(socket.request, this.trustProxy),
        userAgent: socket.handshake.headers['user-agent']?.slice(0, 1000),
        ...(teamId ? { teamId } : {}),
      };
      if (!(await this.availability.isLive(workspaceId, teamId))) {
        // Nobody can answer: ask first, and keep the message until the customer says YES.
        const opened = await this.sessions.open({
          workspaceId,
          customerId: null,
          ticketId: null,
          intake: 'asking',
          held: chat,
        });
        socket.data.session = opened.session;
        this.tellIntake(socket, 'asking');
        return {
          sessionToken: opened.token,
          ticketNumber: null,
          intake: 'asking',
          ticketToken: null,
        } satisfies ChatStartedV1;
      }
      const ticket = await this.tickets.startLive(workspaceId, chat);
      const opened = await this.sessions.open({
        workspaceId,
        customerId: ticket.customer.id,
        ticketId: ticket.id,
        intake: null,
        held: null,
      });
      const ticketToken = await this.follow(socket, opened.session, start.clientId);
      return {
        sessionToken: opened.token,
        ticketNumber: ticket.number,
        intake: null,
        ticketToken,
      } satisfies ChatStartedV1;
    });
  }

  @SubscribeMessage('chat:message')
  message(@ConnectedSocket() socket: CustomerSocket, @MessageBody() payload: unknown) {
    return this.requests.answer(
      socket,
      'chat:message',
      SendChatMessageV1,
      payload,
      async (send): Promise<ChatMessageSentV1> => {
        const session = requireSession(socket);
        const answered = { messageId: null, duplicate: false };
        switch (intakeStep(session.intake, send.body)) {
          case 'refuse':
            throw new ServiceException(ErrorCode.CONFLICT, 'this chat has ended; start a new one');
          case 'ask-again':
            this.tellIntake(socket, 'asking');
            return answered;
          case 'decline':
            socket.data.session = await this.sessions.update(session, {
              intake: 'ended',
              held: null,
            });
            this.tellIntake(socket, 'ended');
            return answered;
          case 'end':
            socket.data.session = await this.sessions.update(session, { intake: 'ended' });
            this.tellIntake(socket, 'ended');
            return answered;
          case 'accept': {
            const ticket = await this.tickets.collect(session.workspaceId, session.held!);
            const collecting = await this.sessions.update(session, {
              customerId: ticket.customer.id,
              ticketId: ticket.id,
              intake: 'collecting',
              held: null,
            });
            const ticketToken = await this.follow(socket, collecting);
            socket.emit('chat:session', { ticketNumber: ticket.number, ticketToken });
            this.tellIntake(socket, 'collecting');
            return answered;
          }
          case 'message': {
            const sent = await this.clientMessages.once(
              session.ticketId!,
              send.clientId,
              async () => {
                const added = await this.rpc.request(REPLY_TICKET_V1, {
                  actor: customerActor(session),
                  ticketId: session.ticketId!,
                  body: send.body,
                });
                return added.message.id;
              },
            );
            if (session.intake === 'collecting') {
              await this.tickets.scheduleClose(session.workspaceId, session.ticketId!);
            }
            return sent;
          }
        }
      },
    );
  }

  /** "Email me this conversation": ticket-core announces it, notification mails it. */
  @SubscribeMessage('chat:transcript')
  transcript(@ConnectedSocket() socket: CustomerSocket, @MessageBody() payload: unknown) {
    return this.requests.answer(
      socket,
      'chat:transcript',
      RequestTranscriptV1,
      payload,
      async ({ clientId }): Promise<TranscriptRequestedV1> => {
        const session = requireSession(socket);
        if (!session.ticketId) {
          throw new ServiceException(ErrorCode.CONFLICT, 'there is no conversation yet');
        }
        const asked = (socket.data.transcripts ??= new Map());
        if (!asked.has(clientId)) {
          const sent = this.rpc.request(SEND_TRANSCRIPT_V1, {
            actor: customerActor(session),
            ticketId: session.ticketId,
          });
          asked.set(clientId, sent);
          sent.catch(() => asked.delete(clientId)); // a refusal may be asked again
        }
        return asked.get(clientId)!;
      },
    );
  }

  @SubscribeMessage('chat:typing')
  typing(@ConnectedSocket() socket: CustomerSocket, @MessageBody() payload: unknown) {
    return this.requests.answer(socket, 'chat:typing', TypingV1, payload, async ({ typing }) => {
      const session = requireSession(socket);
      if (!session.ticketId) return { ok: true }; // nobody to tell before the ticket exists
      this.feed.publish({
        kind: 'typing',
        workspaceId: session.workspaceId,
        ticketId: session.ticketId,
        from: { kind: 'customer', id: session.customerId!, name: null },
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
    socket.data.teamId = widget.teamId;
    socket.data.look = {
      primaryColour: widget.primaryColour,
      greeting: widget.greeting,
      contactDetails: widget.contactDetails,
    };
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
      if (session.ticketId) await socket.join(room(session.ticketId));
    }
  }

  /**
   * The socket joins its chat's ticket and is sent its messages; `clientId` names the first.
   * Answers the ticket's public link token.
   */
  private async follow(
    socket: CustomerSocket,
    session: ChatSession,
    clientId?: string,
  ): Promise<string> {
    const ticketId = session.ticketId!;
    socket.data.session = session;
    if (clientId) {
      const [first] = await this.history.messages(session.workspaceId, ticketId, 'customer');
      if (first) await this.clientMessages.record(ticketId, clientId, first.id);
    }
    await socket.join(room(ticketId));
    await this.deliver(ticketId, [socket]);
    return this.history.publicToken(session.workspaceId, ticketId);
  }

  private tellIntake(socket: Socket, state: IntakeState): void {
    socket.emit('chat:intake', { state, text: INTAKE_TEXT[state] } satisfies ChatIntakeV1);
  }

  private async onTicketEvent(type: string, event: EventEnvelope<TicketEventV1>): Promise<void> {
    const { ticketId, ticket } = event.data;
    if (this.socketsIn(ticketId).length === 0) return;
    if (type === TICKET_INTAKE_CLOSED_V1) {
      await this.sessions.endIntake(ticketId);
      for (const socket of this.socketsIn(ticketId)) {
        if (socket.data.session?.intake !== 'collecting') continue;
        socket.data.session = { ...socket.data.session, intake: 'ended' };
        this.tellIntake(socket, 'ended');
      }
      return;
    }
    if (type === TICKET_MERGED_V1) {
      await this.followMerge(ticketId, (event.data as TicketMergedV1).intoTicketId);
      return;
    }
    if (type === TICKET_MESSAGE_ADDED_V1) {
      const { message, place } = event.data as TicketMessageAddedV1;
      if (message.visibility === 'public') {
        await this.deliver(ticketId, this.socketsIn(ticketId), {
          eventId: event.id,
          message,
          place,
        });
      }
      return;
    }
    if (ticketStatusEvents.has(type)) {
      this.namespace.to(room(ticketId)).emit('chat:status', { status: ticket.status });
    }
  }

  private async onSignal(signal: LiveSignalV1): Promise<void> {
    if (signal.kind !== 'typing' || signal.from.kind !== 'agent') return;
    this.namespace
      .to(room(signal.ticketId))
      .emit('chat:typing', { typing: signal.typing, name: signal.from.name });
  }

  /** Sends each socket the chat's messages after the last one it has, in order, once. */
  private deliver(
    ticketId: string,
    sockets: CustomerSocket[],
    added?: AddedMessage,
  ): Promise<void> {
    return this.deliveries.run(ticketId, async () => {
      const workspaceId = sockets[0]?.data.workspaceId;
      if (!workspaceId) return;
      // Only what the furthest-behind socket lacks is read.
      const after = Math.min(...sockets.map((socket) => socket.data.lastSeq));
      const messages = await this.history.messages(workspaceId, ticketId, 'customer', after, added);
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

/** A workspace that requires them: the chat starts only with the customer's name and email. */
function requireContact(start: StartChatV1, signedEmail: string | undefined): void {
  const missing = [
    ...(start.name?.trim() ? [] : ['name']),
    ...(start.email || signedEmail ? [] : ['email']),
  ];
  if (missing.length === 0) return;
  throw new ServiceException(
    ErrorCode.VALIDATION_FAILED,
    `Please give your ${missing.join(' and ')} to start a chat.`,
    { fields: missing.map((field) => ({ field, errors: [`your ${field} is required`] })) },
  );
}

function requireSession(socket: CustomerSocket): ChatSession {
  const session = socket.data.session;
  if (!session) {
    throw new ServiceException(ErrorCode.CONFLICT, 'start a chat first (chat:start)');
  }
  return session;
}
