import { Injectable } from '@nestjs/common';
import {
  Actor,
  GetTicketByNumberV1,
  GetTicketMessagesV1,
  GetTicketV1,
  TicketDetailV1,
  TicketMessagesV1,
} from '@switchboard/contracts';
import { toMessage } from '../tickets/ticket-messages.sql';
import { requireStaff } from '../core/resolved-actor';
import { TicketStore } from '../tickets/ticket-store';
import { Transactions } from '../core/command-context';
import { TicketCoreException } from '../core/ticket-core.exception';
import { loadDetail, loadMessages } from './ticket-detail.sql';

/**
 * One ticket for the agent desk, by id or by number. A ticket the caller may not see is NOT_FOUND
 * exactly like one that does not exist (in another workspace, of another team, or never
 * created), so the answer says nothing about tickets beyond the caller's reach.
 */
@Injectable()
export class TicketDetailService {
  constructor(
    private readonly store: TicketStore,
    private readonly transactions: Transactions,
  ) {}

  get(request: GetTicketV1): Promise<TicketDetailV1> {
    // The primary key; visibility then filters the one row.
    return this.detail(request.actor, 't.id = $1', [request.ticketId]);
  }

  getByNumber(request: GetTicketByNumberV1): Promise<TicketDetailV1> {
    // UNIQUE (workspace_id, number): visibility supplies the workspace.
    return this.detail(request.actor, 't.number = $1', [request.number]);
  }

  /** What a live chat client lacks: its reader's messages after the first `after`. */
  messages(request: GetTicketMessagesV1): Promise<TicketMessagesV1> {
    return this.transactions.read(request.actor, async (context) => {
      requireStaff(context.actor);
      const row = await this.store.find(context, 't.id = $1', [request.ticketId]);
      if (!row) throw TicketCoreException.notFound();
      const rows = await loadMessages(context.manager, row, request.reader === 'agent', {
        after: request.after,
      });
      return { after: request.after, messages: rows.map(toMessage) };
    });
  }

  private detail(actor: Actor, where: string, params: unknown[]): Promise<TicketDetailV1> {
    return this.transactions.read(actor, async (context) => {
      requireStaff(context.actor);
      const row = await this.store.find(context, where, params);
      if (!row) throw TicketCoreException.notFound();
      // The desk shows internal notes: agents write them for each other.
      return loadDetail(context.manager, row, true);
    });
  }
}
