import { Payload } from '@nestjs/microservices';
import {
  LIST_MAILBOXES_V1,
  ListMailboxesV1,
  UPSERT_MAILBOX_V1,
  UpsertMailboxV1,
} from '@switchboard/contracts';
import { NatsController, OnRequest } from '@switchboard/messaging';
import { MailboxesService } from './mailboxes.service';

@NatsController()
export class MailboxesNatsController {
  constructor(private readonly mailboxes: MailboxesService) {}

  @OnRequest(UPSERT_MAILBOX_V1)
  upsert(@Payload() command: UpsertMailboxV1) {
    return this.mailboxes.upsert(command);
  }

  @OnRequest(LIST_MAILBOXES_V1)
  list(@Payload() query: ListMailboxesV1) {
    return this.mailboxes.list(query.actor);
  }
}
