import { OmitType } from '@nestjs/swagger';
import { UpdateCustomerV1 } from '@switchboard/contracts';

/** Name, email and notes; fields left out stay as they are. */
export class UpdateCustomerBody extends OmitType(UpdateCustomerV1, [
  'actor',
  'customerId',
] as const) {}
