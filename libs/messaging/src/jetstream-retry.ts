import { Logger } from '@nestjs/common';

const PROVISION_ATTEMPTS = 30;

/**
 * Runs a JetStream set-up step again while the answer is a timeout or "temporarily unavailable":
 * a cluster that is electing leaders (a node just lost or started, all starting at once) answers
 * late for a few seconds. Anything else, or the 30th failure, is thrown.
 */
export async function retryWhileElecting<T>(
  what: string,
  logger: Logger,
  step: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= PROVISION_ATTEMPTS || !isTransient(error)) throw error;
      logger.warn(`${what}: ${(error as Error).message}; retrying`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/** A timeout or JetStream being briefly unavailable (503), not a refusal. */
function isTransient(error: unknown): boolean {
  const message = (error as Error)?.message ?? '';
  return /timeout|temporarily unavailable|no responders|503/i.test(message);
}
