import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import {
  ActorRequest,
  CHANNELS,
  type Channel,
  PRIORITIES,
  type Priority,
  STATUSES,
  type Status,
} from '../common';
import type { TicketSummaryV1 } from './ticket.v1';

export const SEARCH_TICKETS_V1 = 'helpdesk.qry.ticket.search.v1';

/**
 * Free text over subject, messages and customer (PostgreSQL full-text search, ranked), with
 * filters. `#22` in `text` finds ticket 22. Archived tickets only when asked for.
 */
export class SearchTicketsV1 extends ActorRequest {
  @IsOptional()
  @IsString()
  @Length(1, 500)
  text?: string;

  @IsOptional()
  @IsArray()
  @IsIn(STATUSES, { each: true })
  status?: Status[];

  @IsOptional()
  @IsArray()
  @IsIn(CHANNELS, { each: true })
  channel?: Channel[];

  @IsOptional()
  @IsUUID()
  teamId?: string;

  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @IsOptional()
  @IsString()
  @Length(1, 50)
  label?: string;

  @IsOptional()
  @IsArray()
  @IsIn(PRIORITIES, { each: true })
  priority?: Priority[];

  @IsOptional()
  @IsISO8601({ strict: true })
  createdFrom?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  createdTo?: string;

  @IsOptional()
  @IsBoolean()
  includeArchived?: boolean;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  offset?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class TicketPageV1 {
  items: TicketSummaryV1[];
  /** Opaque; pass it back for the next page. Null on the last page. */
  nextCursor: string | null;
  /** How many tickets the view or search holds, counted up to `countLimit`. */
  count: number;
  /** True when there are more than `count` (the count stopped at its limit). */
  countCapped: boolean;
}

export class ViewCountsReplyV1 {
  new: number;
  open: number;
  team: number;
  pending: number;
  solved: number;
}
