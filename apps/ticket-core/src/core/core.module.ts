import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { Transactions } from './command-context';

/** What every module of ticket-core uses: the clock and the way commands and queries run. */
@Global()
@Module({
  providers: [Clock, Transactions],
  exports: [Clock, Transactions],
})
export class CoreModule {}
