import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import * as c from '@switchboard/contracts';
import { NatsRpcClient } from '@switchboard/messaging';
import { CurrentActor } from '../auth/auth.decorators';
import { UuidParam } from '../http/params';
import { LinkCustomerBody, UpdateCustomerBody } from './customers.dto';

@ApiTags('customers')
@Controller('api/v1/customers')
export class CustomersController {
  constructor(private readonly rpc: NatsRpcClient) {}

  /**
   * The customer with this email or external id, created when there is none: how an integration
   * (a CRM, a shop) finds the customer its records name.
   */
  @Post('link')
  @HttpCode(200)
  link(@CurrentActor() actor: c.Actor, @Body() body: LinkCustomerBody): Promise<c.CustomerV1> {
    return this.rpc.request(c.LINK_CUSTOMER_V1, { ...body, actor });
  }

  /** The customer's contact fields and earlier tickets (the customer panel). */
  @Get(':id')
  get(@CurrentActor() actor: c.Actor, @UuidParam() id: string): Promise<c.CustomerWithTicketsV1> {
    return this.rpc.request(c.GET_CUSTOMER_V1, { actor, customerId: id });
  }

  @Patch(':id')
  update(
    @CurrentActor() actor: c.Actor,
    @UuidParam() id: string,
    @Body() body: UpdateCustomerBody,
  ): Promise<c.CustomerV1> {
    return this.rpc.request(c.UPDATE_CUSTOMER_V1, { ...body, actor, customerId: id });
  }
}
