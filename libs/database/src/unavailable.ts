/** pg-pool's errors when no connection could be had in time (pool exhausted or server slow). */
const POOL_TIMEOUTS = [
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
];

/** Network errors reaching PostgreSQL. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH']);

/** SQLSTATEs of a server that cannot take the work now: too_many_connections, cannot_connect_now, … */
const SERVER_CODES = new Set(['53300', '57P01', '57P02', '57P03']);

/**
 * True when `error` says the database could not be reached or gave no connection in time, not
 * that the request was wrong: the caller may try again later (UNAVAILABLE, not INTERNAL). The
 * knowledge of pg's errors stays here; the RPC layer only asks.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_CODES.has(code))) return true;
  return POOL_TIMEOUTS.some((message) => error.message.includes(message));
}
