/** How much one query may read: page sizes and the cap on counts. */
export interface QueryLimits {
  /**
   * Views and search count their tickets only up to this many and then say "more". A deliberate
   * decision: the Solved view of a large workspace holds millions of rows, and an exact count of
   * them would make every page load slow for a number nobody reads past "1,000+". A text search
   * also ranks only its newest this-many + 1 matches (see TicketSearchService). Lowered from
   * 10,000: counting and ranking 10,001 rows cost 2-25 ms of CPU per request, most of a busy
   * desk's budget on a small server.
   */
  countCap: number;
  /** Page size when the caller does not ask for one (the contracts allow at most 100). */
  defaultPageSize: number;
}

/** Injection token: a test may build a service with a small cap to reach it cheaply. */
export const QUERY_LIMITS = 'QUERY_LIMITS';

export const DEFAULT_QUERY_LIMITS: QueryLimits = { countCap: 1_000, defaultPageSize: 25 };
