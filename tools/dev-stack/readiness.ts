import { StackContext } from './context';
import { StackError } from './errors';
import { sleep } from './net';
import { RunningService } from './services';

async function probe(port: number): Promise<{ ready: boolean; summary: string }> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`, {
      signal: AbortSignal.timeout(3000),
    });
    const body = (await response.text()).slice(0, 300);
    return { ready: response.status === 200, summary: `answered ${response.status} ${body}` };
  } catch {
    return { ready: false, summary: 'does not answer yet' };
  }
}

/**
 * Waits until every service's `/health/ready` answers 200 (database and NATS reachable). On
 * timeout the error names the ones that are not, with what their readiness said last.
 */
export async function waitUntilReady(
  context: StackContext,
  services: RunningService[],
  timeoutMs: number,
): Promise<void> {
  const started = Date.now();
  const pending = new Map(services.map((service) => [service.app, service]));
  const last = new Map<string, string>();
  for (;;) {
    context.checkpoint();
    await Promise.all(
      [...pending.values()].map(async (service) => {
        const { ready, summary } = await probe(service.port);
        if (ready) {
          pending.delete(service.app);
          context.log.debug(`${service.app} is ready after ${Date.now() - started} ms`);
        } else last.set(service.app, summary);
      }),
    );
    if (pending.size === 0) {
      context.log.info(`all ${services.length} processes are ready (${Date.now() - started} ms)`);
      return;
    }
    if (Date.now() - started > timeoutMs) {
      const lines = [...pending.keys()].map((app) => `  ${app}: /health/ready ${last.get(app)}`);
      throw new StackError(`not ready within ${timeoutMs / 1000} s:\n${lines.join('\n')}`);
    }
    await sleep(500);
  }
}
