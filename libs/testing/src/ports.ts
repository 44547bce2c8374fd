import { createServer } from 'node:net';

/**
 * Ports are drawn below Linux's ephemeral range (32768-60999): a port the kernel picked (port 0)
 * is one any outgoing connection may take as its own local port before the test's server binds
 * it, which made a service fail with EADDRINUSE now and then.
 */
const FIRST = 20_000;
const LAST = 32_767;
const handedOut = new Set<number>();

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    // All addresses, as the services listen: a port taken on any of them is no good.
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** A TCP port that was free a moment ago and no other call of this process has handed out. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = FIRST + Math.floor(Math.random() * (LAST - FIRST + 1));
    if (handedOut.has(port) || !(await bindable(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port between ${FIRST} and ${LAST}`);
}
