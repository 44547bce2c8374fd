import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';

/**
 * socket.io as chat-gateway runs it: frames over the size limit close the socket (socket.io's
 * own rule) instead of being buffered, and any site may open the transport (CORS) because the
 * customer namespace checks the Origin against the workspace's widget settings itself.
 */
export class ChatSocketAdapter extends IoAdapter {
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
}
