import { OmitType } from '@nestjs/swagger';
import { UpsertMailboxV1 } from '@switchboard/contracts';

/** Creates the mailbox for this address, or updates its name and team. */
export class UpsertMailboxBody extends OmitType(UpsertMailboxV1, ['actor'] as const) {}
