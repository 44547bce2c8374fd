import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { EMPTY, Observable, catchError, defer, filter } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';

/**
 * socket.io as chat-gateway runs it: frames over the size limit close the socket (socket.io's
 * own rule) instead of being buffered, and any site may open the transport (CORS) because the
 * customer namespace checks the Origin against the workspace's widget settings itself.
 */
export class ChatSocketAdapter extends IoAdapter {
  private readonly log = new Logger(ChatSocketAdapter.name);

  constructor(
    app: INestApplicationContext,
    private readonly maxFrameBytes: number,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    return super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: this.maxFrameBytes,
      cors: { origin: true, credentials: false },
      // A client that stops answering pings is dropped within a minute.
      pingInterval: 25_000,
      pingTimeout: 20_000,
    } as ServerOptions) as Server;
  }

  /**
   * Hands each message to its handler and answers it as Nest's own adapter does, but through a
   * plain listener per message kind: Nest's keeps an RxJS pipeline per kind for each socket's
   * whole life, several kilobytes on every idle customer socket (the budget is 30 KB).
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message, (...args: unknown[]) => {
        // What RxJS's fromEvent would pass on: the argument, or all of them as an array.
        const { data, ack } = this.mapPayload(args.length > 1 ? args : args[0]);
        defer(() => transform(callback(data, ack)))
          .pipe(
            filter((response) => response !== null && response !== undefined),
            catchError((error: unknown) => {
              this.log.error(error);
              return EMPTY;
            }),
          )
          .subscribe((response) => {
            const { event, data: eventData } = response as { event?: string; data?: unknown };
            if (event) socket.emit(event, eventData);
            else if (!isAckHandledManually && typeof ack === 'function') ack(response);
          });
      });
    }
  }
}
