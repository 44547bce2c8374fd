import { createServer } from 'node:http';
import { Server } from 'socket.io';

/*
 * The benchmark's reference: the least a chat relay does. socket.io on one port; a customer's
 * `start` gives it a room, an agent `join`s rooms, and `msg` goes to the others in the room. No
 * NATS, no storage, no validation. Started as a process of its own, like chat-gateway.
 */
const port = Number(process.env.PORT ?? 0);
const http = createServer();
const io = new Server(http, { maxHttpBufferSize: 64 * 1024 });
let rooms = 0;

io.on('connection', (socket) => {
  socket.on('start', (_body: unknown, ack: (room: string) => void) => {
    const room = `r${++rooms}`;
    void socket.join(room);
    ack(room);
  });
  socket.on('join', (room: string, ack: () => void) => {
    void socket.join(room);
    ack();
  });
  socket.on('msg', (message: { room: string; body: string }) => {
    socket.to(message.room).emit('msg', message);
  });
});

http.listen(port, '127.0.0.1', () => {
  const address = http.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => {
  void io.close();
  http.close(() => process.exit(0));
});
