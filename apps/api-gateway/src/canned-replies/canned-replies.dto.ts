import { OmitType, PickType } from '@nestjs/swagger';
import {
  CreateCannedReplyV1,
  RenderCannedReplyV1,
  UpdateCannedReplyV1,
} from '@switchboard/contracts';

export class CreateCannedReplyBody extends OmitType(CreateCannedReplyV1, ['actor'] as const) {}
export class UpdateCannedReplyBody extends OmitType(UpdateCannedReplyV1, [
  'actor',
  'cannedReplyId',
] as const) {}
/** The ticket whose customer, agent and link fill the placeholders. */
export class RenderCannedReplyQuery extends PickType(RenderCannedReplyV1, ['ticketId'] as const) {}

export class DeletedReply {
  deleted: true;
}
