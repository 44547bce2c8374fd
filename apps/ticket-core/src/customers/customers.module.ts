import { Module } from '@nestjs/common';
import { CustomersNatsController } from './customers.nats-controller';
import { CustomersService } from './customers.service';

/** Customer edits and linking; CustomerLinker itself is shared (SharedModule) with ticket intake. */
@Module({
  controllers: [CustomersNatsController],
  providers: [CustomersService],
})
export class CustomersModule {}
