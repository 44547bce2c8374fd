/** The first retry of a temporary failure waits this long; each next one twice as long. */
const FIRST_RETRY_MS = 1000;
/** No retry waits longer than this. */
const MAX_RETRY_MS = 15 * 60_000;

/**
 * When to try a mail again after its `attempts`-th try failed for a temporary reason:
 * 1 s, 2 s, 4 s … capped at 15 minutes; `undefined` once the tries are used up.
 */
export function nextAttemptAt(now: Date, attempts: number, maxAttempts: number): Date | undefined {
  if (attempts >= maxAttempts) return undefined;
  const delay = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
  return new Date(now.getTime() + delay);
}

export type SendOutcome =
  | { kind: 'sent' }
  /** Worth trying again: a 4xx answer, no connection, a timeout. */
  | { kind: 'temporary'; reason: string }
  /** Never worth trying again (a 5xx answer); `bounce` when the address itself is refused. */
  | { kind: 'permanent'; reason: string; bounce: boolean };

interface SmtpError {
  message?: string;
  responseCode?: number;
  response?: string;
  code?: string;
}

/**
 * Sorts a failure from nodemailer: 5xx is permanent, and a 5xx about the recipient (RFC 3463
 * 5.1.x: bad mailbox or address, 550/551/553 at RCPT) is a hard bounce, which suppresses the
 * address; everything else (4xx, sockets, timeouts) is temporary.
 */
export function classifySmtpError(error: unknown): SendOutcome {
  const smtp = (error ?? {}) as SmtpError;
  const reason = (smtp.response ?? smtp.message ?? String(error)).slice(0, 1000);
  const code = smtp.responseCode;
  if (code !== undefined && code >= 500 && code < 600) {
    const bounce = /\b5\.1\.\d+\b/.test(reason) || [550, 551, 553].includes(code);
    return { kind: 'permanent', reason, bounce };
  }
  return { kind: 'temporary', reason };
}
