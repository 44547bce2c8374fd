import { Injectable } from '@nestjs/common';
import { RenderCannedReplyV1, RenderedCannedReplyV1 } from '@switchboard/contracts';
import { EntityManager } from 'typeorm';
import { ResolvedActor } from '../core/resolved-actor';
import { TicketCoreException } from '../core/ticket-core.exception';
import { TicketStore } from '../tickets/ticket-store';
import { Transactions } from '../core/command-context';
import { requireDeskUser, visibleCannedReplies } from './canned-reply-access';
import { renderPlaceholders, ticketUrl } from './placeholders';

/** Fills a canned reply's placeholders for one ticket, for the agent's draft. */
@Injectable()
export class CannedReplyRenderService {
  constructor(
    private readonly store: TicketStore,
    private readonly transactions: Transactions,
  ) {}

  render(query: RenderCannedReplyV1): Promise<RenderedCannedReplyV1> {
    return this.transactions.transaction(query.actor, async (context) => {
      const { manager, actor } = context;
      requireDeskUser(actor);
      const params: unknown[] = [query.cannedReplyId];
      const [reply]: { body: string }[] = await manager.query(
        `SELECT r.body FROM canned_replies r WHERE r.id = $1 AND ${visibleCannedReplies(actor, params)}`,
        params,
      );
      if (!reply) throw TicketCoreException.notFound('canned reply');
      // Only a ticket the caller may see: its customer's name and link must not leak otherwise.
      const ticket = await this.store.find(context, 't.id = $1', [query.ticketId]);
      if (!ticket) throw TicketCoreException.notFound();
      return {
        body: renderPlaceholders(reply.body, {
          // A missing name renders empty: the agent edits the draft before sending it anyway.
          customer_name: ticket.customer_name ?? '',
          agent_name: await agentName(manager, actor),
          ticket_url: ticketUrl(actor.settings.publicBaseUrl, ticket.public_token),
          ticket_number: String(ticket.number),
        }),
      };
    });
  }
}

/** The calling agent's display name; the system has none. */
async function agentName(manager: EntityManager, actor: ResolvedActor): Promise<string> {
  if (!actor.agentId) return '';
  const [agent]: { name: string }[] = await manager.query(
    `SELECT name FROM agents WHERE id = $1 AND workspace_id = $2`,
    [actor.agentId, actor.workspaceId],
  );
  return agent?.name ?? '';
}
