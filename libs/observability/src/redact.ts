/**
 * What a log line must never hold: credentials that travel in URLs, and the request parameters a
 * failed query carries. Each service's access log and error log goes through these.
 */

/** Paths whose next segment is a credential: a ticket's public link token. */
const SECRET_PATH_SEGMENT = /(\/api\/v1\/public\/tickets\/|^\/t\/)[^/?#]+/g;
/** Query parameters that are credentials, in any service's URLs. */
const SECRET_QUERY =
  /([?&](?:token|access_token|refresh_token|refreshToken|sessionToken|session_token|password|secret)=)[^&#]*/gi;

export const REDACTED = '[redacted]';

/** The URL as a log may show it: credentials in the path or the query replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PATH_SEGMENT, `$1${REDACTED}`).replace(SECRET_QUERY, `$1${REDACTED}`);
}

/**
 * pino's `redact` paths: a failed query's parameters (TypeORM and pg put them on the error,
 * and they may be a password hash, a token or a customer's text), and credentials in any
 * object logged as is.
 */
export const REDACTED_LOG_PATHS = [
  'err.parameters',
  'err.driverError.parameters',
  'err.config.headers',
  ...['password', 'token', 'accessToken', 'refreshToken', 'sessionToken', 'secret'].flatMap(
    (key) => [key, `*.${key}`],
  ),
];
