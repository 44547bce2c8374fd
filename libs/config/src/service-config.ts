import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** What every service needs: PostgreSQL, NATS and logging. Each app extends it with its own port. */
export class ServiceConfig {
  /** `production` refuses development defaults (secrets); anything else is development. */
  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'DATABASE_URL must be a postgres:// connection URL',
  })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/switchboard';

  /** Comma-separated NATS server URLs. */
  @Matches(/^(nats|tls|wss?):\/\/[^,\s]+(,(nats|tls|wss?):\/\/[^,\s]+)*$/, {
    message: 'NATS_URL must be one or more comma-separated nats:// URLs',
  })
  NATS_URL = 'nats://127.0.0.1:4222';

  /**
   * Prefix for every subject and stream, so that several installations (or test runs) can share
   * one NATS server. Empty in production.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]*$/, { message: 'NATS_NAMESPACE may hold only letters, digits, _ and -' })
  NATS_NAMESPACE = '';

  /**
   * This service's NATS credentials file (a user JWT and its seed, made by `npm run
   * nats:credentials`; libs/contracts bus-access lists what each service may publish and
   * subscribe to); unset on an open server.
   */
  @IsOptional()
  @IsString()
  NATS_CREDS_FILE?: string;

  /** JetStream replicas of the event streams: 1 on one server, 3 on a cluster (R3). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(5)
  NATS_STREAM_REPLICAS = 1;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** How many times a consumer tries an event before it goes to the dead-letter subject. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  EVENT_MAX_ATTEMPTS = 5;

  /** How often an idle outbox relay looks for new events, in milliseconds. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60_000)
  OUTBOX_POLL_MS = 100;

  /** How many outbox events one relay publishes per round. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  OUTBOX_BATCH_SIZE = 200;

  /** Instance name in logs and metrics; defaults to host name and pid. */
  @IsOptional()
  @IsString()
  INSTANCE_ID?: string;
}

/** A whole-number variable within bounds (given as a string in the environment). */
export function IsIntVar(min: number, max: number): PropertyDecorator {
  return (target, key) => {
    Transform(toInt)(target, key);
    IsInt({ message: `${String(key)} must be a whole number` })(target, key);
    Min(min)(target, key);
    Max(max)(target, key);
  };
}

/** A TCP port number, for the per-service `*_PORT` variables. */
export function IsPort(): PropertyDecorator {
  return (target, key) => {
    Transform(toInt)(target, key);
    IsInt({ message: `${String(key)} must be a whole number` })(target, key);
    Min(1)(target, key);
    Max(65535)(target, key);
  };
}
