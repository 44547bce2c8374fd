import { randomUUID } from 'node:crypto';
import { Socket, io } from 'socket.io-client';

/**
 * What the load does, said once for both servers it runs against: chat-gateway's real protocol
 * and the bare relay of the reference. A room is a ticket id (chat-gateway) or the relay's room.
 */
export interface ChatProtocol {
  name: string;
  connectCustomer(): Promise<Socket>;
  /** Starts a chat; answers its room once the customer's first message came back. */
  start(customer: Socket): Promise<string>;
  customerSend(customer: Socket, room: string, body: string): void;
  onAgentMessage(customer: Socket, handler: (body: string) => void): void;
  connectAgent(): Promise<Socket>;
  join(agent: Socket, room: string): Promise<void>;
  agentSend(agent: Socket, room: string, body: string): void;
  onCustomerMessage(agent: Socket, handler: (room: string, body: string) => void): void;
}

/** A socket of its own (no shared manager), websocket only, connected. */
export function connectSocket(url: string, auth?: Record<string, unknown>): Promise<Socket> {
  const socket = io(url, {
    auth,
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 60_000,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(error));
  });
}

interface ChatMessage {
  ticketId: string;
  authorKind: string;
  bodyText: string;
}

export function gatewayProtocol(url: string, widgetKey: string, agentToken: string): ChatProtocol {
  return {
    name: 'chat-gateway',
    connectCustomer: () => connectSocket(`${url}/customer`, { widgetKey }),
    start: (customer) =>
      new Promise((resolve, reject) => {
        customer.once('chat:message', (message: ChatMessage) => resolve(message.ticketId));
        customer
          .timeout(60_000)
          .emitWithAck('chat:start', { clientId: randomUUID(), body: 'Hello, I need help' })
          .then((answer: { error?: unknown }) => {
            if (answer.error) reject(new Error(JSON.stringify(answer.error)));
          }, reject);
      }),
    customerSend: (customer, _room, body) =>
      customer.emit('chat:message', { clientId: randomUUID(), body }),
    onAgentMessage: (customer, handler) =>
      customer.on('chat:message', (message: ChatMessage) => {
        if (message.authorKind === 'agent') handler(message.bodyText);
      }),
    connectAgent: () => connectSocket(`${url}/agent`, { token: agentToken }),
    join: async (agent, room) => {
      const answer = await agent.timeout(60_000).emitWithAck('ticket:join', { ticketId: room });
      if (answer.error) throw new Error(JSON.stringify(answer.error));
    },
    // The stale-reply guard is not what is measured: the agent has seen everything.
    agentSend: (agent, room, body) =>
      agent.emit('ticket:reply', {
        ticketId: room,
        clientId: randomUUID(),
        body,
        seenSeq: 1_000_000,
      }),
    onCustomerMessage: (agent, handler) =>
      agent.on('ticket:message', (message: ChatMessage) => {
        if (message.authorKind === 'customer') handler(message.ticketId, message.bodyText);
      }),
  };
}

interface RelayMessage {
  room: string;
  from: 'customer' | 'agent';
  body: string;
}

export function bareRelayProtocol(url: string): ChatProtocol {
  return {
    name: 'bare socket.io relay',
    connectCustomer: () => connectSocket(url),
    start: (customer) => customer.timeout(60_000).emitWithAck('start', {}),
    customerSend: (customer, room, body) =>
      customer.emit('msg', { room, from: 'customer', body } satisfies RelayMessage),
    onAgentMessage: (customer, handler) =>
      customer.on('msg', (message: RelayMessage) => {
        if (message.from === 'agent') handler(message.body);
      }),
    connectAgent: () => connectSocket(url),
    join: async (agent, room) => {
      await agent.timeout(60_000).emitWithAck('join', room);
    },
    agentSend: (agent, room, body) =>
      agent.emit('msg', { room, from: 'agent', body } satisfies RelayMessage),
    onCustomerMessage: (agent, handler) =>
      agent.on('msg', (message: RelayMessage) => {
        if (message.from === 'customer') handler(message.room, message.body);
      }),
  };
}
