import { generateKeyPairSync, sign } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendJson, startChatServer, type ChatServerCore, type RecordedRequest } from './chat-server.js';

/** What the fake holds for one interaction token: the interaction response, the deferred original's edits and the follow-ups. */
export interface WebhookThread {
  /** Bodies of `POST /interactions/{id}/{token}/callback` (the gateway's answers; only the first is accepted). */
  callbacks: Record<string, unknown>[];
  /** Bodies of `PATCH /webhooks/{app}/{token}/messages/@original`, in order. */
  edits: Record<string, unknown>[];
  /** Bodies of `POST /webhooks/{app}/{token}`, in order. */
  followUps: Record<string, unknown>[];
  /** True once the original was deleted. */
  deleted: boolean;
}

/** A fake Discord API for interactions: bulk command registration, the gateway's address, interaction responses and webhooks. */
export interface InteractionApi extends ChatServerCore {
  /** The base to give the REST clients, e.g. `http://127.0.0.1:PORT/api`. */
  apiUrl: string;
  token: string;
  applicationId: string;
  /** The last bulk overwrite per scope: "global" or the guild id. */
  registered: Map<string, Record<string, unknown>[]>;
  /** The webhook traffic of one interaction token. */
  thread(token: string): WebhookThread;
}

const COMMANDS = /^\/api\/v10\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/u;
const WEBHOOK = /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/u;
const CALLBACK = /^\/api\/v10\/interactions\/(\d+)\/([^/]+)\/callback$/u;

/**
 * Starts the fake API on 127.0.0.1. Registration and `GET /gateway/bot` (which returns `gatewayUrl`)
 * need `Bot <token>`; interaction callbacks and webhooks need no auth (as on Discord).
 */
export async function startInteractionApi(options: { token?: string; applicationId?: string; gatewayUrl?: string } = {}): Promise<InteractionApi> {
  const token = options.token ?? 'fake-discord-token';
  const applicationId = options.applicationId ?? '111111111111111111';
  const registered = new Map<string, Record<string, unknown>[]>();
  const threads = new Map<string, WebhookThread>();
  const thread = (t: string): WebhookThread => {
    const found = threads.get(t) ?? { callbacks: [], edits: [], followUps: [], deleted: false };
    threads.set(t, found);
    return found;
  };
  let id = 1;

  const handle = (req: RecordedRequest, res: ServerResponse): void => {
    const path = decodeURIComponent(req.path.split('?')[0] ?? ''); // the REST client sends @original as %40original
    if (path === '/api/v10/gateway/bot' && req.method === 'GET' && options.gatewayUrl) {
      if (req.headers.authorization !== `Bot ${token}`) return sendJson(res, 401, { message: '401: Unauthorized', code: 0 });
      const limit = { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 };
      return sendJson(res, 200, { url: options.gatewayUrl, shards: 1, session_start_limit: limit });
    }
    const callback = CALLBACK.exec(path);
    if (callback && req.method === 'POST') {
      const t = thread(callback[2] ?? '');
      if (t.callbacks.length > 0) return sendJson(res, 400, { message: 'Interaction has already been acknowledged.', code: 40060 });
      t.callbacks.push(req.body);
      return void res.writeHead(204).end();
    }
    const commands = COMMANDS.exec(path);
    if (commands && req.method === 'PUT') {
      if (req.headers.authorization !== `Bot ${token}`) return sendJson(res, 401, { message: '401: Unauthorized', code: 0 });
      if (commands[1] !== applicationId) return sendJson(res, 403, { message: 'Missing Access', code: 50001 });
      // chat-server keeps a non-object JSON body (the command array) as raw text in `_invalid`.
      const body: unknown = JSON.parse(String(req.body._invalid ?? 'null'));
      if (!Array.isArray(body)) return sendJson(res, 400, { message: 'Invalid Form Body', code: 50035 });
      const saved = (body as Record<string, unknown>[]).map((c) => ({ ...c, id: String(id++), application_id: applicationId }));
      registered.set(commands[2] ?? 'global', saved);
      return sendJson(res, 200, saved);
    }
    const webhook = WEBHOOK.exec(path);
    if (!webhook || webhook[1] !== applicationId) return sendJson(res, 404, { message: 'Unknown Webhook', code: 10015 });
    const t = thread(webhook[2] ?? '');
    if (req.method === 'POST' && !webhook[3]) {
      t.followUps.push(req.body);
      return sendJson(res, 200, { id: String(id++), ...req.body });
    }
    if (req.method === 'PATCH' && webhook[3]) {
      t.edits.push(req.body);
      return sendJson(res, 200, { id: String(id++), ...req.body });
    }
    if (req.method === 'DELETE' && webhook[3]) {
      t.deleted = true;
      return void res.writeHead(204).end();
    }
    sendJson(res, 405, { message: '405: Method Not Allowed', code: 0 });
  };

  const core = await startChatServer(handle);
  return { ...core, apiUrl: `${core.origin}/api`, token, applicationId, registered, thread };
}

/** An Ed25519 key pair standing for a Discord application: its public key in hex, and request signing. */
export interface InteractionSigner {
  publicKey: string;
  /** The signature headers for `body` at `timestampSec` (now by default). */
  headers(body: string, timestampSec?: number): Record<string, string>;
}

/** Creates a fresh key pair and signs as Discord does: Ed25519 over timestamp + body. */
export function createInteractionSigner(): InteractionSigner {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return {
    publicKey: raw.toString('hex'),
    headers(body, timestampSec = Math.floor(Date.now() / 1000)) {
      const timestamp = String(timestampSec);
      const signature = sign(null, Buffer.from(timestamp + body, 'utf8'), privateKey).toString('hex');
      return { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
    },
  };
}

/** A node:http server on 127.0.0.1 serving `handler` at `POST /discord/interactions` (404 elsewhere). */
export interface InteractionEndpoint {
  url: string;
  /** Sends `body` with `headers` and returns the status and parsed JSON answer. */
  post(body: string, headers: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** Starts the endpoint the way `storywatch serve` mounts the handler. */
export async function startInteractionEndpoint(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<InteractionEndpoint> {
  const server = http.createServer((req, res) => {
    if (req.url === '/discord/interactions') void handler(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/discord/interactions`;
  return {
    url,
    async post(body, headers) {
      const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
      const text = await res.text();
      return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
