import { ViewName } from '@switchboard/contracts';
import { TicketCoreException } from '../core/ticket-core.exception';

/** Where the previous page ended: the last row's sort key (ISO, microseconds) and its id. */
export interface ViewCursor {
  sortKey: string;
  id: string;
}

// Microsecond precision on purpose: a JavaScript Date keeps only milliseconds, and a cursor
// rounded to them would skip or repeat rows that PostgreSQL (microseconds) orders apart.
const SORT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * SQL giving a timestamptz column as the cursor's sort key, independent of the session's time
 * zone and DateStyle. Read back with `$n::timestamptz`.
 */
export function sortKeySql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** Opaque to callers: base64url of the view's name, the sort key and the id. */
export function encodeCursor(view: ViewName, cursor: ViewCursor): string {
  return Buffer.from(JSON.stringify([view, cursor.sortKey, cursor.id])).toString('base64url');
}

/** Reads a cursor of `view`; anything else (forged, truncated, another view's) is refused. */
export function decodeCursor(view: ViewName, encoded: string): ViewCursor {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (
    Array.isArray(decoded) &&
    decoded.length === 3 &&
    decoded[0] === view &&
    typeof decoded[1] === 'string' &&
    SORT_KEY.test(decoded[1]) &&
    typeof decoded[2] === 'string' &&
    UUID.test(decoded[2])
  ) {
    return { sortKey: decoded[1], id: decoded[2] };
  }
  throw TicketCoreException.invalid('cursor', `not a cursor of the ${view} view`);
}
