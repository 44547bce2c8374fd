import { OmitType } from '@nestjs/swagger';
import { ListInboundMailsV1, UpsertMailboxV1 } from '@switchboard/contracts';

/** Creates the mailbox for this address, or updates its name and team. */
export class UpsertMailboxBody extends OmitType(UpsertMailboxV1, ['actor'] as const) {}

/** Which received mail to list. */
export class InboundMailsQuery extends OmitType(ListInboundMailsV1, ['actor'] as const) {}
