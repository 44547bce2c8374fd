import { Type } from 'class-transformer';
import { IsObject, IsUUID, ValidateNested } from 'class-validator';
import { Actor } from '../actor';

export const CHANNELS = ['chat', 'mail', 'web', 'manual'] as const;
export type Channel = (typeof CHANNELS)[number];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const STATUSES = ['new', 'open', 'pending', 'solved'] as const;
export type Status = (typeof STATUSES)[number];
export const AVAILABILITIES = ['online', 'away', 'offline'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

/** Every command and query carries who is calling; services enforce isolation from it. */
export class ActorRequest {
  // @IsObject makes it required: @ValidateNested alone lets a missing actor (or a list) through.
  @IsObject()
  @ValidateNested()
  @Type(() => Actor)
  actor: Actor;
}

/** A command or query about one ticket. */
export class TicketRequest extends ActorRequest {
  @IsUUID()
  ticketId: string;
}
