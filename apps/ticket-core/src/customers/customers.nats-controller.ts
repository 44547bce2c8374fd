import { Payload } from '@nestjs/microservices';
import {
  CustomerV1,
  LINK_CUSTOMER_V1,
  LinkCustomerV1,
  UPDATE_CUSTOMER_V1,
  UpdateCustomerV1,
} from '@switchboard/contracts';
import { NatsController, OnRequest } from '@switchboard/messaging';
import { CustomersService } from './customers.service';

@NatsController()
export class CustomersNatsController {
  constructor(private readonly customers: CustomersService) {}

  @OnRequest(UPDATE_CUSTOMER_V1)
  update(@Payload() command: UpdateCustomerV1): Promise<CustomerV1> {
    return this.customers.update(command);
  }

  @OnRequest(LINK_CUSTOMER_V1)
  link(@Payload() command: LinkCustomerV1): Promise<CustomerV1> {
    return this.customers.link(command);
  }
}
