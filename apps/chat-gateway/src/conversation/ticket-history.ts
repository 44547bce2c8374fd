import { Injectable } from '@nestjs/common';
import {
  Actor,
  ChatMessageEventV1,
  GET_TICKET_MESSAGES_V1,
  GET_TICKET_V1,
  MessageV1,
} from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { AddedMessage, Reader, fromEvent, numberedMessages } from './numbered-messages';

const system = (workspaceId: string): Actor => ({ kind: 'system', workspaceId, teamIds: [] });

/** A ticket's messages from ticket-core, numbered for one kind of reader. */
@Injectable()
export class TicketHistory {
  /** Reads in flight, by ticket, reader, offset and the event they answer. */
  private readonly reading = new Map<string, Promise<MessageV1[]>>();

  constructor(private readonly rpc: NatsRpcClient) {}

  /**
   * The reader's messages after its first `after` (those its sockets all have). When the event
   * that prompted the call says its message is the next one, that is the answer and nothing is
   * read; otherwise they are read as the system, for a reader whose right to the ticket is
   * already settled (the customer of a chat session, an agent who joined through ticket-core's
   * own check): a new message costs one row, not the whole ticket. Reads prompted by the same
   * event share one request (a read started before the event could miss its message, so only
   * those are shared).
   */
  async messages(
    workspaceId: string,
    ticketId: string,
    reader: Reader,
    after = 0,
    added?: AddedMessage,
  ): Promise<ChatMessageEventV1[]> {
    const known = added && fromEvent(ticketId, added, reader, after);
    if (known) return known;
    const key = added && `${ticketId}:${reader}:${after}:${added.eventId}`;
    let read = key ? this.reading.get(key) : undefined;
    if (!read) {
      read = this.rpc
        .request(GET_TICKET_MESSAGES_V1, { actor: system(workspaceId), ticketId, reader, after })
        .then((reply) => reply.messages);
      if (key) {
        this.reading.set(key, read);
        void read.finally(() => this.reading.delete(key)).catch(() => undefined);
      }
    }
    return numberedMessages(ticketId, await read, reader, after);
  }

  /** The ticket's public link token, for the customer's widget (files go through the API). */
  async publicToken(workspaceId: string, ticketId: string): Promise<string> {
    const detail = await this.rpc.request(GET_TICKET_V1, { actor: system(workspaceId), ticketId });
    return detail.publicToken;
  }

  /** Read as the agent: ticket-core refuses a ticket they may not see. */
  async asAgent(actor: Actor, ticketId: string): Promise<ChatMessageEventV1[]> {
    const detail = await this.rpc.request(GET_TICKET_V1, { actor, ticketId });
    return numberedMessages(ticketId, detail.messages, 'agent');
  }
}
