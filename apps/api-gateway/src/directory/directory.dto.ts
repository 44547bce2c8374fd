import { IntersectionType, OmitType, PartialType, PickType } from '@nestjs/swagger';
import {
  CreateTeamV1,
  SetAvailabilityV1,
  SetCredentialsV1,
  UpdateTeamV1,
  UpsertAgentV1,
} from '@switchboard/contracts';

/**
 * Creates the agent with this email or updates it (role, teams, name, active). With `password`,
 * also sets their login password, which ends their other sessions.
 */
export class UpsertAgentBody extends IntersectionType(
  OmitType(UpsertAgentV1, ['actor'] as const),
  PartialType(PickType(SetCredentialsV1, ['password'] as const)),
) {}

export class CreateTeamBody extends OmitType(CreateTeamV1, ['actor'] as const) {}
/** A new name, or the team's own business hours for live chat (null: the workspace's). */
export class UpdateTeamBody extends OmitType(UpdateTeamV1, ['actor', 'teamId'] as const) {}
export class AvailabilityBody extends OmitType(SetAvailabilityV1, ['actor'] as const) {}
