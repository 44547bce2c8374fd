import { Payload } from '@nestjs/microservices';
import * as c from '@switchboard/contracts';
import { NatsController, OnRequest } from '@switchboard/messaging';
import { InboundMailsService } from './inbound-mails.service';

@NatsController()
export class InboundMailsNatsController {
  constructor(private readonly mails: InboundMailsService) {}

  @OnRequest(c.LIST_INBOUND_MAILS_V1)
  list(@Payload() query: c.ListInboundMailsV1) {
    return this.mails.list(query);
  }

  @OnRequest(c.REPLAY_INBOUND_MAIL_V1)
  replay(@Payload() command: c.ReplayInboundMailV1) {
    return this.mails.replay(command);
  }
}
