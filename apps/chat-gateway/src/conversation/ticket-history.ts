import { Injectable } from '@nestjs/common';
import { Actor, ChatMessageEventV1, GET_TICKET_V1 } from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { Reader, numberedMessages } from './numbered-messages';

const system = (workspaceId: string): Actor => ({ kind: 'system', workspaceId, teamIds: [] });

/** A ticket's messages from ticket-core, numbered for one kind of reader. */
@Injectable()
export class TicketHistory {
  constructor(private readonly rpc: NatsRpcClient) {}

  /**
   * Read as the system, for a reader whose right to the ticket is already settled (the customer
   * of a chat session, an agent who joined through ticket-core's own check).
   */
  async messages(
    workspaceId: string,
    ticketId: string,
    reader: Reader,
  ): Promise<ChatMessageEventV1[]> {
    const detail = await this.rpc.request(GET_TICKET_V1, { actor: system(workspaceId), ticketId });
    return numberedMessages(ticketId, detail.messages, reader);
  }

  /** Read as the agent: ticket-core refuses a ticket they may not see. */
  async asAgent(actor: Actor, ticketId: string): Promise<ChatMessageEventV1[]> {
    const detail = await this.rpc.request(GET_TICKET_V1, { actor, ticketId });
    return numberedMessages(ticketId, detail.messages, 'agent');
  }
}
