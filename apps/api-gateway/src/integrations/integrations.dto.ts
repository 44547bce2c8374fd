import { INTEGRATION_ROLES, IntegrationRole } from '@switchboard/contracts';
import { IsIn, IsString, Length } from 'class-validator';

export class CreateIntegrationBody {
  @IsString()
  @Length(1, 100)
  name: string;

  /** `read-only`: queries and events; `agent`: also an agent's commands on tickets. */
  @IsIn(INTEGRATION_ROLES)
  role: IntegrationRole;
}

/** An integration's NATS credential as listed: never the credentials file. */
export class IntegrationView {
  /** Also the credential's subjects (`helpdesk.int.<id>.…`) and its event consumer's name. */
  id: string;
  name: string;
  role: IntegrationRole;
  createdAt: string;
  revokedAt: string | null;
}

/** A new credential, with its NATS credentials file (JWT and seed): shown this once. */
export class CreatedIntegration extends IntegrationView {
  /** The `.creds` file to hand to the integration (see libs/nats-client). */
  credentials: string;
}

export class IntegrationList {
  items: IntegrationView[];
}
