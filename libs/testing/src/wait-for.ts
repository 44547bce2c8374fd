export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Said in the error when the condition never holds. */
  description?: string;
}

/**
 * Polls `check` until it returns a value other than `undefined`/`null`/`false` (or stops throwing), and
 * returns that value. Tests wait for conditions this way, never for fixed sleeps.
 */
export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  options: WaitOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = lastError ? `: last error ${(lastError as Error).message}` : '';
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${options.description ?? 'condition'}${why}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
