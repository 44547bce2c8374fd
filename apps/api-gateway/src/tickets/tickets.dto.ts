import { OmitType, PickType } from '@nestjs/swagger';
import * as c from '@switchboard/contracts';
import { IsIn, IsOptional } from 'class-validator';

/*
 * The REST bodies and queries of tickets: the contract classes without what the gateway sets
 * itself (the caller's actor, the ticket id from the path). They keep the contracts' rules.
 */

/** The channels a ticket can be created in over REST; chats start in the chat widget. */
export const REST_CHANNELS = ['manual', 'mail', 'web'] as const;

/**
 * A ticket created over REST: `manual` (a call, a visit; the default), `mail` (composed to the
 * customer's email address, answered by email) or `web` (a form). An agent's is open and
 * assigned to them; an integration's (API token) is new, for the queue.
 */
export class CreateTicketBody extends OmitType(c.CreateTicketV1, [
  'actor',
  'channel',
  'originIp',
  'userAgent',
  'mailboxAddress',
  'mail',
  // Files reach a REST ticket by a reply, whose uploads the gateway checks; mail-ingest's own.
  'attachments',
] as const) {
  @IsOptional()
  @IsIn(REST_CHANNELS)
  channel?: (typeof REST_CHANNELS)[number];
}

export class ReplyBody extends OmitType(c.ReplyTicketV1, ['actor', 'ticketId', 'mail'] as const) {}
export class NoteBody extends OmitType(c.AddNoteV1, ['actor', 'ticketId'] as const) {}
export class QuickAcceptBody extends OmitType(c.QuickAcceptV1, ['actor'] as const) {}
export class AssignBody extends OmitType(c.AssignTicketV1, ['actor', 'ticketId'] as const) {}
export class PendingBody extends OmitType(c.SetPendingV1, ['actor', 'ticketId'] as const) {}
export class AutoSolveBody extends OmitType(c.SetAutoSolveV1, ['actor', 'ticketId'] as const) {}
export class SolveBody extends OmitType(c.SolveTicketV1, ['actor', 'ticketId'] as const) {}
export class PriorityBody extends OmitType(c.SetPriorityV1, ['actor', 'ticketId'] as const) {}
export class LabelsBody extends OmitType(c.ChangeLabelsV1, ['actor', 'ticketId'] as const) {}
export class ParticipantsBody extends OmitType(c.ChangeParticipantsV1, [
  'actor',
  'ticketId',
] as const) {}
export class DecideAccessBody extends PickType(c.DecideAccessV1, ['grant'] as const) {}
export class ReadBody extends OmitType(c.MarkReadV1, ['actor', 'ticketId'] as const) {}
export class MergeBody extends OmitType(c.MergeTicketV1, ['actor', 'ticketId'] as const) {}
export class AnswerLaterBody extends OmitType(c.AnswerLaterV1, ['actor', 'ticketId'] as const) {}

export class TicketNumberParams extends PickType(c.GetTicketByNumberV1, ['number'] as const) {}
export class SearchQuery extends OmitType(c.SearchTicketsV1, ['actor'] as const) {}

export class ViewParams extends PickType(c.ListViewV1, ['view'] as const) {}
export class ViewQuery extends OmitType(c.ListViewV1, ['actor', 'view'] as const) {}

/** `{ requestId }`: the access request to decide on. */
export class RequestAccessReply {
  requestId: string;
}

/** `{ publicToken }`: the ticket's new public link token; the old link stops working. */
export class PublicTokenReply {
  publicToken: string;
}
