import { OmitType } from '@nestjs/swagger';
import { LinkCustomerV1, UpdateCustomerV1 } from '@switchboard/contracts';

/** Name, email and notes; fields left out stay as they are. */
export class UpdateCustomerBody extends OmitType(UpdateCustomerV1, [
  'actor',
  'customerId',
] as const) {}

/** An email or an external id (or both) to find the customer by; a new customer otherwise. */
export class LinkCustomerBody extends OmitType(LinkCustomerV1, ['actor'] as const) {}
