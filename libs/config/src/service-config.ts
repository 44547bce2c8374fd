import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;

/**
 * The NATS server reads each password from its environment as a bare word of its configuration
 * language: one that starts with a digit may be taken for a number ("4e5…" does not even parse).
 * So a password starts with a letter and holds only letters, digits, `_` and `-`.
 */
export const NATS_PASSWORD_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{15,}$/;

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
   * This service's NATS user, named like the service (libs/contracts bus-access lists what each
   * may publish and subscribe to); unset on an open server.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'NATS_USER may hold only letters, digits, _ and -' })
  NATS_USER?: string;

  /**
   * The NATS user's password; or NATS_PASSWORD_FILE, a file that holds it (a mounted secret). The
   * server's configuration reads it as a bare word, hence its shape (NATS_PASSWORD_PATTERN).
   */
  @IsOptional()
  @Matches(NATS_PASSWORD_PATTERN, {
    message:
      'NATS_PASSWORD must be 16 or more letters, digits, _ or -, starting with a letter ' +
      '(e.g. p$(openssl rand -hex 32))',
  })
  NATS_PASSWORD?: string;

  @IsOptional()
  @IsString()
  NATS_PASSWORD_FILE?: string;

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
