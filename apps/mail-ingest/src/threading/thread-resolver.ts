import { Injectable } from '@nestjs/common';
import {
  Actor,
  ErrorCode,
  FIND_TICKET_BY_MAIL_V1,
  GET_AGENT_V1,
  GET_TICKET_BY_NUMBER_V1,
  GET_TICKET_V1,
  ThreadingRule,
  TicketDetailV1,
} from '@switchboard/contracts';
import { NatsRpcClient, RemoteError } from '@switchboard/messaging';
import { ReplyTokenCodec, tokenOfAddress, tokenOfMessageId } from '@switchboard/reply-tokens';
import { ParsedMail } from '../parsing/mail-parser';

/** The ticket a mail belongs to, the rule that found it, and who it is from on that ticket. */
export interface Thread {
  ticket: TicketDetailV1;
  rule: ThreadingRule;
  /** The agent (assignee or participant) the sender is, if they are one. */
  agentId?: string;
}

/** `[#22]` in a subject (also `[#22] Re: …` and `Re: [#22]`). */
export function subjectNumber(subject: string): number | undefined {
  const match = /\[#(\d{1,10})\]/.exec(subject);
  const number = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(number) && number >= 1 && number <= 2_147_483_647
    ? number
    : undefined;
}

/** The most References ticket-core takes in one lookup (the newest ones matter most). */
const MAX_REFERENCES = 100;

/**
 * Threading, in this order (issue 16 §4), each rule recorded on the message:
 * 1. a reply token that verifies for the workspace, in a recipient plus-address or in one of our
 *    own Message-IDs that the mail references (an unsigned or forged token is ignored);
 * 2. In-Reply-To/References against the workspace's known Message-IDs (ticket-core);
 * 3. `[#number]` in the subject, only when the sender is the ticket's customer or one of its
 *    agents (assignee, participants): a stranger cannot write into a ticket by guessing a number.
 * Otherwise none: a new ticket.
 */
@Injectable()
export class ThreadResolver {
  constructor(
    private readonly rpc: NatsRpcClient,
    private readonly codec: ReplyTokenCodec,
  ) {}

  /** The ticket id a verified token names, from our own Message-ID or a plus-address. */
  verifiedToken(candidates: string[], workspaceId: string): string | undefined {
    for (const candidate of candidates) {
      const token = candidate.startsWith('<')
        ? tokenOfMessageId(candidate)
        : tokenOfAddress(candidate);
      const ticketId = token ? this.codec.verify(token, workspaceId) : undefined;
      if (ticketId) return ticketId;
    }
    return undefined;
  }

  async resolve(
    mail: ParsedMail,
    recipients: string[],
    sender: string,
    actor: Actor,
  ): Promise<Thread | undefined> {
    const referenced = [
      ...(mail.inReplyTo ? [mail.inReplyTo] : []),
      ...[...mail.references].reverse(),
    ];
    const tokenTicket = this.verifiedToken([...recipients, ...referenced], actor.workspaceId);
    if (tokenTicket) {
      const ticket = await this.ticket(actor, tokenTicket);
      if (ticket) return this.thread(actor, ticket, 'token', sender);
    }
    const messageIds = [...new Set(referenced)].slice(0, MAX_REFERENCES);
    if (messageIds.length > 0) {
      const found = await this.rpc.request(FIND_TICKET_BY_MAIL_V1, { actor, messageIds });
      const ticket = found.ticketId ? await this.ticket(actor, found.ticketId) : undefined;
      if (ticket) return this.thread(actor, ticket, 'references', sender);
    }
    const number = subjectNumber(mail.subject);
    if (number !== undefined) {
      const ticket = await this.orNotFound(
        this.rpc.request(GET_TICKET_BY_NUMBER_V1, { actor, number }),
      );
      if (ticket) {
        const thread = await this.thread(actor, ticket, 'subject', sender);
        const customerEmail = ticket.customer.email?.toLowerCase();
        if (customerEmail === sender || thread.agentId) return thread;
      }
    }
    return undefined;
  }

  /** The ticket, or the one it was merged into; undefined when it is gone. */
  private async ticket(actor: Actor, ticketId: string): Promise<TicketDetailV1 | undefined> {
    const ticket = await this.orNotFound(this.rpc.request(GET_TICKET_V1, { actor, ticketId }));
    if (ticket?.mergedIntoId) {
      return (
        (await this.orNotFound(
          this.rpc.request(GET_TICKET_V1, { actor, ticketId: ticket.mergedIntoId }),
        )) ?? ticket
      );
    }
    return ticket;
  }

  private async thread(
    actor: Actor,
    ticket: TicketDetailV1,
    rule: ThreadingRule,
    sender: string,
  ): Promise<Thread> {
    if (ticket.customer.email?.toLowerCase() === sender) return { ticket, rule };
    const agentIds = [...new Set([ticket.assigneeId, ...ticket.participantIds])].filter(
      (id): id is string => Boolean(id),
    );
    for (const agentId of agentIds) {
      const agent = await this.orNotFound(this.rpc.request(GET_AGENT_V1, { actor, agentId }));
      if (agent?.email.toLowerCase() === sender) return { ticket, rule, agentId };
    }
    return { ticket, rule };
  }

  private async orNotFound<T>(request: Promise<T>): Promise<T | undefined> {
    try {
      return await request;
    } catch (error) {
      if (error instanceof RemoteError && error.code === ErrorCode.NOT_FOUND) return undefined;
      throw error;
    }
  }
}
