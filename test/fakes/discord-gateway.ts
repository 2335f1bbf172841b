import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { listenLocal } from './listen-local.js';

/** One gateway session: its events by sequence number, kept for RESUME, and its socket while connected. */
interface Session {
  id: string;
  events: { s: number; t: string; d: unknown }[];
  socket: WebSocket | undefined;
}

/** What the fake saw, for assertions. */
export interface GatewayLog {
  /** The path and query of every connection, e.g. `/?v=10&encoding=json`, `/resume?v=10&encoding=json`. */
  connections: string[];
  /** The `d` of every IDENTIFY. */
  identifies: Record<string, unknown>[];
  /** The `d` of every RESUME. */
  resumes: Record<string, unknown>[];
  /** Heartbeats received (each answered with HEARTBEAT_ACK). */
  heartbeats: number;
  /** READY and RESUMED dispatches sent, in order. */
  readies: ('READY' | 'RESUMED')[];
}

/** A fake Discord gateway (v10, JSON, no compression) on 127.0.0.1, for one bot token. */
export interface FakeGateway {
  /** `ws://127.0.0.1:PORT`, what `GET /gateway/bot` returns. */
  url: string;
  readonly log: GatewayLog;
  /** Waits until `count` READY/RESUMED dispatches were sent in all (at most `timeoutMs`). */
  ready(count?: number, timeoutMs?: number): Promise<void>;
  /** Dispatches an event to the session (kept and replayed on RESUME when the socket is down). */
  dispatch(t: string, d: unknown): void;
  /** Drops the connection without a close frame, as a network failure does (the client sees 1006). */
  drop(): void;
  /** The next RESUME is answered INVALID_SESSION (not resumable): the client must IDENTIFY again. */
  invalidateSession(): void;
  close(): Promise<void>;
}

/** Gateway opcodes (Discord's numbering). */
const OP = { dispatch: 0, heartbeat: 1, identify: 2, resume: 6, invalidSession: 9, hello: 10, heartbeatAck: 11 } as const;

/**
 * Starts the fake gateway. It says HELLO with `heartbeatIntervalMs`, answers IDENTIFY with READY
 * (session id, `resume_gateway_url`, the bot user and application) and every heartbeat with an ACK,
 * replays missed events then RESUMED on a valid RESUME, and closes with 4004 on a wrong token and
 * 4012/4002 on another API version or encoding, as Discord does.
 */
export async function startFakeGateway(options: { token: string; applicationId: string; heartbeatIntervalMs?: number }): Promise<FakeGateway> {
  const server = http.createServer((_req, res) => res.writeHead(426).end());
  const wss = new WebSocketServer({ server, perMessageDeflate: false });
  const log: GatewayLog = { connections: [], identifies: [], resumes: [], heartbeats: 0, readies: [] };
  let session: Session | undefined;
  let refuseResume = false;
  const listener = await listenLocal(server);
  const url = listener.origin.replace(/^http/u, 'ws');
  const send = (socket: WebSocket, payload: { op: number; d: unknown; s?: number | null; t?: string | null }): void =>
    socket.send(JSON.stringify({ s: null, t: null, ...payload }));
  const deliver = (s: Session, t: string, d: unknown): void => {
    const event = { s: s.events.length + 1, t, d };
    s.events.push(event);
    if (s.socket) send(s.socket, { op: OP.dispatch, ...event });
    if (t === 'READY' || t === 'RESUMED') log.readies.push(t);
  };

  const identify = (socket: WebSocket, d: Record<string, unknown>): void => {
    log.identifies.push(d);
    if (d.token !== options.token) return socket.close(4004, 'Authentication failed.');
    session = { id: randomBytes(16).toString('hex'), events: [], socket };
    deliver(session, 'READY', {
      v: 10,
      user: { id: '900000000000000001', username: 'storywatch', discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 },
      guilds: [],
      session_id: session.id,
      resume_gateway_url: `${url}/resume`,
      shard: [0, 1],
      application: { id: options.applicationId, flags: 0 },
    });
  };

  const resume = (socket: WebSocket, d: Record<string, unknown>): void => {
    log.resumes.push(d);
    const seq = Number(d.seq);
    if (d.token !== options.token) return socket.close(4004, 'Authentication failed.');
    if (refuseResume || !session || d.session_id !== session.id || !(seq <= session.events.length)) {
      refuseResume = false;
      session = undefined;
      return send(socket, { op: OP.invalidSession, d: false });
    }
    session.socket = socket;
    for (const event of session.events.slice(seq)) send(socket, { op: OP.dispatch, ...event });
    deliver(session, 'RESUMED', {});
  };

  wss.on('connection', (socket, req) => {
    const query = new URL(req.url ?? '/', url).searchParams;
    log.connections.push(req.url ?? '/');
    if (query.get('v') !== '10') return socket.close(4012, 'Invalid API version.');
    if (query.get('encoding') !== 'json' || query.has('compress')) return socket.close(4002, 'Error while decoding payload.');
    send(socket, { op: OP.hello, d: { heartbeat_interval: options.heartbeatIntervalMs ?? 41_250 } });
    socket.on('message', (raw: RawData) => {
      let payload: { op?: unknown; d?: unknown };
      try {
        payload = JSON.parse(raw.toString()) as { op?: unknown; d?: unknown };
      } catch {
        return socket.close(4002, 'Error while decoding payload.');
      }
      if (payload.op === OP.heartbeat) {
        log.heartbeats += 1;
        return send(socket, { op: OP.heartbeatAck, d: null });
      }
      if (payload.op === OP.identify) return identify(socket, payload.d as Record<string, unknown>);
      if (payload.op === OP.resume) return resume(socket, payload.d as Record<string, unknown>);
    });
    socket.on('close', () => {
      if (session?.socket === socket) session.socket = undefined;
    });
  });

  return {
    url,
    log,
    async ready(count = 1, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (log.readies.length < count) {
        if (Date.now() > until) throw new Error(`gateway: ${log.readies.length} of ${count} READY/RESUMED sent (${JSON.stringify(log)})`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    dispatch(t, d) {
      if (!session) throw new Error('gateway: no session to dispatch to');
      deliver(session, t, d);
    },
    drop: () => {
      session?.socket?.terminate();
      if (session) session.socket = undefined;
    },
    invalidateSession: () => {
      refuseResume = true;
    },
    close: async () => {
      for (const socket of wss.clients) socket.terminate();
      wss.close();
      await listener.close();
    },
  };
}
