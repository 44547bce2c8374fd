import { ChildProcess } from 'node:child_process';

/** Stops a server a test started (SIGTERM, its clean shutdown) and waits until it has exited. */
export async function stopServerChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
