import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A fake server listening on 127.0.0.1. */
export interface LocalListener {
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** Stops listening and destroys open sockets, hanging ones included. */
  close(): Promise<void>;
}

/** Starts `server` on 127.0.0.1 (ephemeral port), keeping track of its sockets so `close` never waits on a hanging one. */
export async function listenLocal(server: Server): Promise<LocalListener> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
