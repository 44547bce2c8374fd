import { ServiceDatabase } from '@switchboard/database';
import { ProcessedEvent } from '@switchboard/messaging';
import { Initial1795000000000 } from './migrations/1795000000000-initial';
import { Auth1795100000000 } from './migrations/1795100000000-auth';
import { Uploads1795200000000 } from './migrations/1795200000000-uploads';
import { UploadRecords1795300000000 } from './migrations/1795300000000-upload-records';
import { Sessions1795400000000 } from './migrations/1795400000000-sessions';
import { RateLimits1795500000000 } from './migrations/1795500000000-rate-limits';
import { TemporaryPasswords1795600000000 } from './migrations/1795600000000-temporary-passwords';
import { IntegrationCredentials1796100000000 } from './migrations/1796100000000-integration-credentials';

export const apiGatewayDatabase: ServiceDatabase = {
  schema: 'gateway',
  entities: [ProcessedEvent],
  migrations: [
    Initial1795000000000,
    Auth1795100000000,
    Uploads1795200000000,
    UploadRecords1795300000000,
    Sessions1795400000000,
    RateLimits1795500000000,
    TemporaryPasswords1795600000000,
    IntegrationCredentials1796100000000,
  ],
};
