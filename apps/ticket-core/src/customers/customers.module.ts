import { Module } from '@nestjs/common';
import { CustomerLinker } from './customer-linker';
import { CustomersNatsController } from './customers.nats-controller';
import { CustomersService } from './customers.service';

/** Customer edits and linking; the linker also serves ticket intake (TicketsModule). */
@Module({
  controllers: [CustomersNatsController],
  providers: [CustomersService, CustomerLinker],
  exports: [CustomerLinker],
})
export class CustomersModule {}
