import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { listenLocal } from './listen-local.js';

/** What the fake saw, for assertions. */
export interface SocketModeLog {
  /** URLs handed out by `apps.connections.open`, in order. */
  opened: string[];
  /** Connections made (each with a fresh, single-use ticket). */
  connections: number;
  /** Connections refused: no ticket, an unknown one or one already used. */
  refused: number;
}

/** Slack's Socket Mode servers on 127.0.0.1: the WebSocket end of `apps.connections.open`. */
export interface FakeSocketMode {
  /** A fresh `ws://127.0.0.1:PORT/link/?ticket=…` URL, as `apps.connections.open` returns. */
  openUrl(): string;
  readonly log: SocketModeLog;
  /** Waits until `count` connections were greeted with `hello` in all (at most `timeoutMs`). */
  connected(count?: number, timeoutMs?: number): Promise<void>;
  /**
   * Sends an envelope (`slash_commands` or `interactive`) on the open connection and resolves with the
   * acknowledgement's payload, null when it is empty. Rejects when no ack comes within 3 s, as Slack gives up.
   */
  send(type: 'slash_commands' | 'interactive', payload: Record<string, unknown>): Promise<Record<string, unknown> | null>;
  /** Drops the connection without a close frame, as a network failure does. */
  drop(): void;
  /** Asks the client to reconnect, as Slack does before recycling a server: a `disconnect` message. */
  refresh(): void;
  close(): Promise<void>;
}

/** How long Slack waits for an envelope's acknowledgement. */
const ACK_WITHIN_MS = 3000;

/** Starts the fake; `appId` goes into each `hello`. */
export async function startFakeSocketMode(options: { appId?: string } = {}): Promise<FakeSocketMode> {
  const server = http.createServer((_req, res) => res.writeHead(426).end());
  const tickets = new Set<string>();
  const log: SocketModeLog = { opened: [], connections: 0, refused: 0 };
  const wss = new WebSocketServer({
    server,
    perMessageDeflate: false,
    verifyClient: ({ req }: { req: http.IncomingMessage }) => {
      const ticket = new URL(req.url ?? '/', 'ws://127.0.0.1').searchParams.get('ticket') ?? '';
      const valid = tickets.delete(ticket);
      if (!valid) log.refused += 1;
      return valid;
    },
  });
  const acks = new Map<string, (payload: Record<string, unknown>) => void>();
  let current: WebSocket | undefined;
  let greeted = 0;
  const listener = await listenLocal(server);
  const base = listener.origin.replace(/^http/u, 'ws');

  wss.on('connection', (socket) => {
    log.connections += 1;
    current = socket;
    socket.on('message', (raw: RawData) => {
      try {
        const ack = JSON.parse(raw.toString()) as { envelope_id?: string; payload?: Record<string, unknown> };
        if (ack.envelope_id) acks.get(ack.envelope_id)?.(ack.payload ?? {});
      } catch {
        socket.close(1003, 'not JSON');
      }
    });
    socket.on('close', () => {
      if (current === socket) current = undefined;
    });
    const hello = {
      type: 'hello',
      num_connections: 1,
      debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18_060 },
      connection_info: { app_id: options.appId ?? 'A0STORYWATCH' },
    };
    socket.send(JSON.stringify(hello), () => (greeted += 1));
  });

  return {
    openUrl() {
      const ticket = randomBytes(12).toString('hex');
      tickets.add(ticket);
      const url = `${base}/link/?ticket=${ticket}&app_id=${options.appId ?? 'A0STORYWATCH'}`;
      log.opened.push(url);
      return url;
    },
    log,
    async connected(count = 1, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (greeted < count || !current) {
        if (Date.now() > until) throw new Error(`socket mode: ${greeted} of ${count} connections (${JSON.stringify(log)})`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    send(type, payload) {
      const socket = current;
      if (!socket) return Promise.reject(new Error('socket mode: no open connection'));
      const envelopeId = randomUUID();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          acks.delete(envelopeId);
          reject(new Error(`socket mode: envelope ${type} not acknowledged within ${ACK_WITHIN_MS} ms`));
        }, ACK_WITHIN_MS);
        acks.set(envelopeId, (ack) => {
          clearTimeout(timer);
          acks.delete(envelopeId);
          resolve(Object.keys(ack).length === 0 ? null : ack);
        });
        socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type === 'slash_commands' }));
      });
    },
    drop: () => {
      current?.terminate();
      current = undefined;
    },
    refresh: () => current?.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'applink-fake' } })),
    close: async () => {
      for (const socket of wss.clients) socket.terminate();
      wss.close();
      await listener.close();
    },
  };
}
