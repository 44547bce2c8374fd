import { Logger } from '@nestjs/common';
import { ErrorCode, SocketErrorV1 } from '@switchboard/contracts';
import { ServiceException, validatePayload } from '@switchboard/messaging';
import type { Socket } from 'socket.io';

export type SocketAnswer<T> = T | { error: SocketErrorV1 };

const logger = new Logger('SocketRequests');

/** The one error shape a socket receives, as its ack and as an `error` event. */
export function socketError(error: unknown, event?: string): SocketErrorV1 {
  if (error instanceof ServiceException) {
    return { code: error.code, message: error.message, event, ...error.details };
  }
  logger.error(`${event ?? 'socket'} failed: ${(error as Error)?.stack ?? String(error)}`);
  return { code: ErrorCode.INTERNAL, message: 'something went wrong; try again', event };
}

/**
 * How every event a client sends is handled: counted against the socket's rate, validated
 * against its contract class, then run. A refusal is the ack's `{ error }` and an `error` event,
 * never an exception that reaches socket.io.
 */
export class SocketRequests {
  constructor(private readonly eventsPer10s: number) {}

  async answer<P extends object, R>(
    socket: Socket,
    event: string,
    contract: new () => P,
    payload: unknown,
    handle: (payload: P) => Promise<R>,
  ): Promise<SocketAnswer<R>> {
    try {
      this.count(socket);
      return await handle(await validatePayload(contract, payload));
    } catch (error) {
      const failure = socketError(error, event);
      socket.emit('error', failure);
      return { error: failure };
    }
  }

  /** A fixed 10-second window per socket: a flood is refused, not queued. */
  private count(socket: Socket): void {
    const now = Date.now();
    const window = (socket.data.rate ??= { start: now, count: 0 }) as {
      start: number;
      count: number;
    };
    if (now - window.start >= 10_000) Object.assign(window, { start: now, count: 0 });
    window.count += 1;
    if (window.count > this.eventsPer10s) {
      throw new ServiceException(
        ErrorCode.RATE_LIMITED,
        `more than ${this.eventsPer10s} events in 10 seconds; slow down`,
      );
    }
  }
}

/** The error a refused connection gives the client's `connect_error`: message and code. */
export function connectError(error: unknown): Error & { data: SocketErrorV1 } {
  const failure = socketError(error, 'connect');
  return Object.assign(new Error(failure.message), { data: failure });
}
