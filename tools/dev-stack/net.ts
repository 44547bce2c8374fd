import { Socket, connect, createServer } from 'node:net';

/**
 * Whether a server could listen on `port` now. Checked on 0.0.0.0 by default because that is where
 * the services listen; on Linux it also collides with a listener on 127.0.0.1 or on [::].
 */
export function portIsFree(port: number, host = '0.0.0.0'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the system picks, free a moment ago. */
export function anyFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `preferred` when it is free, otherwise any free port. */
export async function preferredOrFreePort(preferred: number, host = '127.0.0.1'): Promise<number> {
  return (await portIsFree(preferred, host)) ? preferred : anyFreePort(host);
}

/**
 * Whether a NATS server answers on host:port: it greets every new connection with an `INFO {…}`
 * line, which tells it apart from anything else that might hold the port.
 */
/** What a NATS server at the port says first (its INFO), or undefined when none answers. */
export function natsInfo(
  port: number,
  host = '127.0.0.1',
  timeoutMs = 1500,
): Promise<{ auth_required?: boolean } | undefined> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, host);
    const done = (info: { auth_required?: boolean } | undefined) => {
      socket.destroy();
      resolve(info);
    };
    socket.setTimeout(timeoutMs, () => done(undefined));
    socket.once('data', (chunk) => {
      const line = chunk.toString('latin1');
      if (!line.startsWith('INFO ')) return done(undefined);
      try {
        done(JSON.parse(line.slice(5).split('\r\n')[0]) as { auth_required?: boolean });
      } catch {
        done({});
      }
    });
    socket.once('error', () => done(undefined));
    socket.once('close', () => done(undefined));
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
