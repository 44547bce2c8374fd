import {
  IsIntVar,
  IsPort,
  IsTrustProxy,
  SERVICE_PORTS,
  Secret,
  ServiceConfig,
} from '@switchboard/config';
import { IsOptional, IsString, IsUrl, Matches, MinLength } from 'class-validator';

/** The development default; the gateway logs a warning when it runs with it. */
export const DEVELOPMENT_JWT_SECRET = 'switchboard-development-secret-change-me';

export class ApiGatewayConfig extends ServiceConfig {
  @IsPort()
  API_GATEWAY_PORT = SERVICE_PORTS['api-gateway'].port;

  /**
   * The scoped signing keys integrations' NATS credentials are issued with (the
   * integration-keys.json `npm run nats:credentials` writes). Unset: no integration credentials.
   */
  @IsOptional()
  @IsString()
  NATS_INTEGRATION_KEYS_FILE?: string;

  /** Signs access tokens (HS256): at least 32 bytes; the default is refused in production. */
  @Secret(DEVELOPMENT_JWT_SECRET)
  JWT_SECRET = DEVELOPMENT_JWT_SECRET;

  /** Lifetime of an access token, in seconds. */
  @IsIntVar(60, 3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  /** Lifetime of a refresh token (and its whole rotation family), in days. */
  @IsIntVar(1, 365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /** Login and refresh attempts allowed per minute, per client address and per account. */
  @IsIntVar(1, 10_000)
  AUTH_RATE_LIMIT_PER_MINUTE = 10;

  /**
   * The proxies whose X-Forwarded-For names the client (addresses, CIDRs, or loopback,
   * linklocal, uniquelocal), comma-separated. None by default: the rate limits count the
   * connection's address, which no header can change.
   */
  @IsOptional()
  @IsTrustProxy()
  TRUST_PROXY?: string;

  /** Origins allowed by CORS, comma-separated; empty allows none (same origin only). */
  @IsOptional()
  @Matches(/^(\*|https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*)$/, {
    message: 'CORS_ORIGINS must be * or comma-separated http(s) origins',
  })
  CORS_ORIGINS?: string;

  /** Largest JSON body accepted, e.g. 1mb. */
  @Matches(/^\d+(b|kb|mb)$/, { message: 'BODY_LIMIT must look like 100kb or 1mb' })
  BODY_LIMIT = '1mb';

  /**
   * Where attachment bytes are kept (files named by content hash). Every gateway replica must
   * see the same directory (a shared volume) until an object-store driver exists.
   */
  @IsString()
  @MinLength(1)
  STORAGE_DIR = '.data/attachments';

  /** An upload no message carries is removed (row and, unless used elsewhere, file) after this. */
  @IsIntVar(1, 24 * 365)
  UPLOAD_MAX_AGE_HOURS = 24;

  /** How often a replica looks for abandoned uploads and interrupted writes (one at a time). */
  @IsIntVar(100, 24 * 3_600_000)
  UPLOAD_SWEEP_MS = 3_600_000;

  /** Files accepted in one upload request (the public page's reply may carry several). */
  @IsIntVar(1, 50)
  ATTACHMENT_MAX_FILES = 10;

  /**
   * The demo login the desk's login page shows, `email:password` (set by `npm start`, the
   * development launcher, for its demo workspace). Unset, nothing is shown: never set it in
   * production.
   */
  @IsOptional()
  @Matches(/^[^:\s]+@[^:\s]+:.+$/, { message: 'DEMO_LOGIN must look like email:password' })
  DEMO_LOGIN?: string;

  /**
   * Where browsers reach chat-gateway (`https://help.example.com` when an Ingress routes
   * `/socket.io` to it on the desk's own host). Set, the desk takes live updates from its
   * sockets, and the page's Content-Security-Policy lets it connect there; unset, the desk polls.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  CHAT_PUBLIC_URL?: string;

  /** Public ticket page reads (page, downloads) allowed per minute, per client address. */
  @IsIntVar(1, 100_000)
  PUBLIC_READS_PER_MINUTE = 60;

  /** Public ticket page replies allowed per minute, per client address. */
  @IsIntVar(1, 10_000)
  PUBLIC_POSTS_PER_MINUTE = 10;
}
