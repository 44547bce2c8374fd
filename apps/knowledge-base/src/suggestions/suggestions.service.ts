import { Injectable } from '@nestjs/common';
import * as c from '@switchboard/contracts';
import { TicketCoreDirectory } from '../directory/ticket-core-directory';
import { SearchService } from '../search/search.service';

/** The customer's latest messages that are read for suggestions. */
const RECENT_MESSAGES = 3;
/** The words read of them (the first ones of the latest messages). */
const MAX_WORDS = 60;
/** The words searched: the rarest of those in the articles, the ones that tell what it is about. */
const SEARCHED_WORDS = 8;
export const SUGGESTIONS = 5;

/**
 * The desk's side panel: the articles that answer a ticket. The ticket is read through
 * ticket-core as the caller, so an agent gets suggestions only for a ticket they may see (team
 * scoping stays ticket-core's); its recent customer messages are searched with any word matching,
 * best ranked first.
 */
@Injectable()
export class SuggestionsService {
  constructor(
    private readonly directory: TicketCoreDirectory,
    private readonly search: SearchService,
  ) {}

  async suggest(query: c.SuggestKbArticlesV1): Promise<c.KbSearchResultV1> {
    const workspaceId = query.actor.workspaceId;
    const ticket = await this.directory.ticket(query.actor, query.ticketId);
    return this.search.search({
      workspaceId,
      text: ticketText(ticket),
      visibilities: query.actor.kind === 'customer' ? ['public'] : ['public', 'internal'],
      limit: SUGGESTIONS,
      anyWord: true,
      maxWords: MAX_WORDS,
      searchedWords: SEARCHED_WORDS,
    });
  }
}

/** The subject and the latest customer messages, newest first. */
export function ticketText(ticket: Pick<c.TicketDetailV1, 'subject' | 'messages'>): string {
  const recent = ticket.messages
    .filter((message) => message.authorKind === 'customer')
    .slice(-RECENT_MESSAGES)
    .reverse()
    .map((message) => message.bodyText);
  return [ticket.subject, ...recent].join('\n');
}
