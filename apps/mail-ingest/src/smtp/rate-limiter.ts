/**
 * Per-client-address limits of the SMTP listener: open connections (over the limit: 421) and
 * mails per minute (over it: 450, try later). In memory, per replica: a limit protects this
 * process; a sender spread over replicas is limited by each. Time comes from `now`, for tests.
 */
export class SmtpRateLimiter {
  private readonly connections = new Map<string, number>();
  /** Start of each client's current minute and the mails counted in it. */
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly maxConnections: number,
    private readonly maxMessagesPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a new connection; false when the client already holds the most it may. */
  openConnection(ip: string): boolean {
    const open = this.connections.get(ip) ?? 0;
    if (open >= this.maxConnections) return false;
    this.connections.set(ip, open + 1);
    return true;
  }

  closeConnection(ip: string): void {
    const open = (this.connections.get(ip) ?? 0) - 1;
    if (open > 0) this.connections.set(ip, open);
    else this.connections.delete(ip);
  }

  /** Counts a mail (at MAIL FROM); false when the client sent its most this minute. */
  takeMessage(ip: string): boolean {
    const now = this.now();
    let window = this.windows.get(ip);
    if (!window || now - window.start >= 60_000) {
      window = { start: now, count: 0 };
      this.windows.set(ip, window);
      if (this.windows.size > 10_000) this.forgetOldWindows(now);
    }
    if (window.count >= this.maxMessagesPerMinute) return false;
    window.count++;
    return true;
  }

  private forgetOldWindows(now: number): void {
    for (const [ip, window] of this.windows) {
      if (now - window.start >= 60_000) this.windows.delete(ip);
    }
  }
}
