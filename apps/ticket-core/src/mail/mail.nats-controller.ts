import { Payload } from '@nestjs/microservices';
import * as c from '@switchboard/contracts';
import { NatsController, OnRequest } from '@switchboard/messaging';
import { MailThreadsService } from './mail-threads.service';
import { MessageDeliveryService } from './message-delivery.service';

/** What the mail services ask of ticket-core: threading by Message-ID, and delivery outcomes. */
@NatsController()
export class MailNatsController {
  constructor(
    private readonly threads: MailThreadsService,
    private readonly deliveries: MessageDeliveryService,
  ) {}

  @OnRequest(c.FIND_TICKET_BY_MAIL_V1)
  findByMail(@Payload() request: c.FindTicketByMailV1) {
    return this.threads.find(request);
  }

  @OnRequest(c.RECORD_DELIVERY_V1)
  recordDelivery(@Payload() command: c.RecordDeliveryV1) {
    return this.deliveries.record(command);
  }

  @OnRequest(c.RECORD_DELIVERIES_V1)
  recordDeliveries(@Payload() command: c.RecordDeliveriesV1) {
    return this.deliveries.recordMany(command);
  }
}
