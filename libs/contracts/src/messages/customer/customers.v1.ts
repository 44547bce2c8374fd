import {
  IsEmail,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { ActorRequest } from '../common';
import type { TicketSummaryV1 } from '../ticket/ticket.v1';

export class CustomerV1 {
  id: string;
  workspaceId: string;
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  externalId: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

export const UPDATE_CUSTOMER_V1 = 'helpdesk.cmd.customer.update.v1';
export class UpdateCustomerV1 extends ActorRequest {
  @IsUUID()
  customerId: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsEmail()
  email?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  notes?: string;
}

export const LINK_CUSTOMER_V1 = 'helpdesk.cmd.customer.link.v1';
/** Finds the customer with this email or external id, or creates one. */
export class LinkCustomerV1 extends ActorRequest {
  @IsOptional()
  @IsEmail()
  email?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export const GET_CUSTOMER_V1 = 'helpdesk.qry.customer.get.v1';
export class GetCustomerV1 extends ActorRequest {
  @IsUUID()
  customerId: string;
}

export class CustomerWithTicketsV1 extends CustomerV1 {
  tickets: TicketSummaryV1[];
}
