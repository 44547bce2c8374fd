import type { Namespace, Socket } from 'socket.io';

/** This replica's sockets in a room (each replica tells its own; see LiveFeed). */
export function socketsInRoom<S extends Socket>(namespace: Namespace, room: string): S[] {
  const ids = namespace.adapter.rooms.get(room) ?? new Set<string>();
  return [...ids]
    .map((id) => namespace.sockets.get(id) as S | undefined)
    .filter((socket): socket is S => !!socket);
}
