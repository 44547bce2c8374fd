import { StackContext } from './context';
import { StackError } from './errors';
import { Output } from './output';
import { sleep } from './net';

/**
 * Which lines of nats-server and PostgreSQL to print: all of them at LOG_LEVEL=debug, otherwise
 * only warnings, errors and the helper's own status lines. Their startup banners are long.
 */
export function infrastructureLines(output: Output): (line: string) => boolean {
  const important = /\[(ERR|WRN|FTL)\]|\b(WARNING|ERROR|FATAL|PANIC):|^embedded-postgres:/;
  return (line) => output.enabled('debug') || important.test(line);
}

/**
 * Polls `answers` until a server the stack started answers. Fails with the server's last lines
 * when it exits first (through the context's checkpoint), and with a timeout message otherwise.
 */
export async function waitForServer(
  context: StackContext,
  what: string,
  timeoutMs: number,
  answers: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    context.checkpoint();
    if (await answers()) return;
    if (Date.now() > deadline)
      throw new StackError(`${what} did not answer within ${timeoutMs / 1000} s.`);
    await sleep(250);
  }
}
