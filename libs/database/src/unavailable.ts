import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/** pg's messages, without a code, for a connection that could not be had or was lost. */
const LOST_CONNECTION_MESSAGES = [
  // pg-pool: no connection in time (pool exhausted or server slow).
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
  // pg: the server closed the connection under a query (a restart, a failover).
  'Connection terminated unexpectedly',
  // pg: a pooled client whose connection broke (the server shut it down) is asked again before
  // the pool dropped it.
  'Client has encountered a connection error and is not queryable',
];

/** Network errors reaching PostgreSQL. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH']);

/** SQLSTATEs of a server that cannot take the work now: too_many_connections, cannot_connect_now, … */
const SERVER_CODES = new Set(['53300', '57P01', '57P02', '57P03']);

/**
 * True when `error` says the database could not be reached or gave no connection in time, not
 * that the request was wrong: the caller may try again later (UNAVAILABLE, not INTERNAL). The
 * knowledge of pg's errors stays here; the RPC and HTTP error filters only ask.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // A transaction's connection ended between its statements: TypeORM released it on the error
  // event, and the next statement (or the COMMIT, which then never reached the server, so the
  // transaction rolled back) finds it gone.
  if (error instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  if (error instanceof QueryRunnerAlreadyReleasedError) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_CODES.has(code))) return true;
  return LOST_CONNECTION_MESSAGES.some((message) => error.message.includes(message));
}
