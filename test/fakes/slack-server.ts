import type { ServerResponse } from 'node:http';
import { len, sendJson, startChatServer, type ChatServerCore, type Fault, type RecordedRequest } from './chat-server.js';

/** A message as the fake Slack stores it. */
export interface FakeSlackMessage {
  type: 'message';
  ts: string;
  text: string;
  blocks: Record<string, unknown>[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  unfurl_links: boolean;
  unfurl_media: boolean;
  bot_id: string;
  edited?: { user: string; ts: string };
  /** A reply's thread: its parent's `ts` (replies are not in `conversations.history`). */
  thread_ts?: string;
  /** On a parent: how many replies its thread has. */
  reply_count?: number;
  /** Files shared with the message (files.completeUploadExternal); their bytes are in `uploads()`. */
  files?: { id: string; name: string; title: string; mimetype: string; size: number }[];
  /** What the message would notify: `<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^S…>`, `<@U…>` found unescaped in its text. */
  pings: string[];
}

/**
 * A fake Slack Web API on 127.0.0.1: chat.postMessage (with `thread_ts`), chat.update, conversations.history,
 * conversations.replies, the external file upload (files.getUploadURLExternal, the upload_url on this
 * fake, files.completeUploadExternal), users.info (with the locale `userLocales` gives, else en-US)
 * and, with an app token, apps.connections.open.
 */
export interface SlackServer extends ChatServerCore {
  /** The base to give the WebClient, e.g. `http://127.0.0.1:PORT/api/`. */
  apiUrl: string;
  token: string;
  addChannel(id: string): void;
  /** The channel is archived: `is_archived`. */
  archiveChannel(id: string): void;
  /** The channel is deleted: `channel_not_found`. */
  removeChannel(id: string): void;
  /** From now on the token is refused with `token_revoked`. */
  revokeToken(): void;
  /** The token works again (after revokeToken). */
  restoreToken(): void;
  /** The channel's messages, oldest first (thread replies among them, with their `thread_ts`). */
  messages(channelId: string): FakeSlackMessage[];
  /** The replies in the thread of the message `ts`, oldest first. */
  replies(channelId: string, ts: string): FakeSlackMessage[];
  /** Files uploaded with the external upload flow, in order: each with its bytes and, once completed, where it was shared. */
  uploads(): FakeSlackUpload[];
}

/** `users.info`: the user, with its locale when `include_locale` is set (as Slack does). */
function userInfo(body: Record<string, unknown>, locales: Record<string, string>): Record<string, unknown> {
  const id = String(body.user ?? '');
  if (!/^[UW][A-Z0-9]{2,}$/u.test(id)) return { ok: false, error: 'user_not_found' };
  const withLocale = body.include_locale === true || body.include_locale === 'true';
  return { ok: true, user: { id, ...(withLocale ? { locale: locales[id] ?? 'en-US' } : {}) } };
}

/** A file of the external upload flow: announced (files.getUploadURLExternal), its bytes posted to its upload_url, then completed. */
export interface FakeSlackUpload {
  id: string;
  filename: string;
  length: number;
  altText?: string;
  data?: Buffer;
  /** Set by files.completeUploadExternal. */
  shared?: { channel: string; threadTs?: string; title: string };
}

const UPLOAD_ROUTE = /^\/upload\/(F\w+)$/u;

const BOT_ID = 'B0FAKEBOT';
const BOT_USER = 'U0FAKEBOT';
type Reply = (body: Record<string, unknown>) => void;

/** Socket Mode: the app-level token (xapp-…) `apps.connections.open` takes, and where it sends the app. */
export interface SocketModeAccess {
  appToken: string;
  /** A fresh WebSocket URL for each call (see fakes/slack-socket-mode.ts). */
  openUrl(): string;
}

/** Starts the fake Slack API; `channels` exist from the start. */
export async function startSlackServer(
  options: { token?: string; channels?: string[]; socketMode?: SocketModeAccess; userLocales?: Record<string, string> } = {},
): Promise<SlackServer> {
  const token = options.token ?? 'xoxb-fake-slack-token';
  const channels = new Map<string, FakeSlackMessage[]>((options.channels ?? []).map((id) => [id, []]));
  const archived = new Set<string>();
  let revoked = false;
  let sequence = 0;
  const uploads: FakeSlackUpload[] = [];

  const handle = (req: RecordedRequest, res: ServerResponse, fault: Fault | undefined): void => {
    if (fault && fault.kind !== 'lost-response') return answerFault(res, fault);
    const reply: Reply = (body) => (fault ? undefined : sendJson(res, 200, body));
    const upload = UPLOAD_ROUTE.exec(req.path);
    if (upload) return receiveUpload(upload[1] ?? '', req, res);
    const method = /^\/api\/([\w.]+)$/u.exec(req.path)?.[1];
    const bearer = /^Bearer (.+)$/u.exec(req.headers.authorization ?? '')?.[1] ?? req.body.token;
    if (bearer === undefined) return reply({ ok: false, error: 'not_authed' });
    if (method === 'apps.connections.open') return reply(openConnection(options.socketMode, bearer));
    if (bearer !== token) return reply({ ok: false, error: 'invalid_auth' });
    if (revoked) return reply({ ok: false, error: 'token_revoked' });
    if (method === 'users.info') return reply(userInfo(req.body, options.userLocales ?? {}));
    if (method === 'files.getUploadURLExternal') return reply(announce(req.body));
    if (method === 'files.completeUploadExternal') return reply(complete(req.body));
    const channelId = String(req.body.channel ?? '');
    const stored = channels.get(channelId);
    if (!['chat.postMessage', 'chat.update', 'conversations.history', 'conversations.replies'].includes(method ?? ''))
      return reply({ ok: false, error: 'unknown_method' });
    if (!stored) return reply({ ok: false, error: 'channel_not_found' });
    if (method === 'conversations.history') return reply(history(stored, req.body));
    if (method === 'conversations.replies') return reply(thread(stored, req.body));
    if (archived.has(channelId)) return reply({ ok: false, error: 'is_archived' });
    const invalid = validate(req.body);
    if (invalid) return reply(invalid);
    if (method === 'chat.postMessage') return reply(post(channelId, stored, req.body));
    reply(update(channelId, stored, req.body));
  };

  // files.getUploadURLExternal: an id and where to send the bytes (back to this fake).
  const announce = (body: Record<string, unknown>): Record<string, unknown> => {
    const length = Number(body.length);
    if (typeof body.filename !== 'string' || body.filename === '' || !Number.isInteger(length) || length <= 0) return { ok: false, error: 'invalid_arguments' };
    const id = `F${String(++sequence).padStart(8, '0')}`;
    uploads.push({ id, filename: body.filename, length, ...(typeof body.alt_text === 'string' ? { altText: body.alt_text } : {}) });
    return { ok: true, upload_url: `${core.origin}/upload/${id}`, file_id: id };
  };

  // POST <upload_url>: the bytes, as a multipart file (what the WebClient sends) of the announced length.
  const receiveUpload = (id: string, req: RecordedRequest, res: ServerResponse): void => {
    const entry = uploads.find((u) => u.id === id);
    const data = req.files?.[0]?.data;
    if (!entry || entry.data) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    if (!data || data.length !== entry.length) return void res.writeHead(400, { 'content-type': 'text/plain' }).end('length mismatch');
    entry.data = data;
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${data.length}`);
  };

  // files.completeUploadExternal: shares the uploaded files in the channel (a thread reply with thread_ts).
  const complete = (body: Record<string, unknown>): Record<string, unknown> => {
    const listed = json(body.files) as { id?: string; title?: string }[] | undefined;
    if (!Array.isArray(listed) || listed.length === 0) return { ok: false, error: 'invalid_arguments' };
    const entries = listed.map((f) => ({ entry: uploads.find((u) => u.id === f.id), title: f.title }));
    if (entries.some((e) => !e.entry?.data || e.entry.shared)) return { ok: false, error: 'file_not_found' };
    const channel = String(body.channel_id ?? '');
    const stored = channels.get(channel);
    if (!stored) return { ok: false, error: 'channel_not_found' };
    const threadTs = body.thread_ts === undefined ? undefined : String(body.thread_ts);
    const parent = threadTs === undefined ? undefined : stored.find((m) => m.ts === threadTs && m.thread_ts === undefined);
    if (threadTs !== undefined && !parent) return { ok: false, error: 'thread_not_found' };
    if (parent) parent.reply_count = (parent.reply_count ?? 0) + 1;
    const files = entries.map(({ entry, title }) => {
      const e = entry as FakeSlackUpload;
      e.shared = { channel, ...(threadTs === undefined ? {} : { threadTs }), title: title ?? e.filename };
      return {
        id: e.id,
        name: e.filename,
        title: title ?? e.filename,
        mimetype: e.filename.endsWith('.png') ? 'image/png' : 'application/octet-stream',
        size: e.length,
      };
    });
    stored.push({
      ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
      type: 'message',
      ts: `${Math.floor(Date.now() / 1000)}.${String(++sequence).padStart(6, '0')}`,
      text: String(body.initial_comment ?? ''),
      blocks: [],
      files,
      unfurl_links: false,
      unfurl_media: false,
      bot_id: BOT_ID,
      pings: [],
    });
    return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
  };

  const post = (channel: string, stored: FakeSlackMessage[], body: Record<string, unknown>): Record<string, unknown> => {
    const threadTs = body.thread_ts === undefined ? undefined : String(body.thread_ts);
    const parent = threadTs === undefined ? undefined : stored.find((m) => m.ts === threadTs && m.thread_ts === undefined);
    if (threadTs !== undefined && !parent) return { ok: false, error: 'thread_not_found' };
    if (parent) parent.reply_count = (parent.reply_count ?? 0) + 1;
    const message: FakeSlackMessage = {
      ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
      type: 'message',
      ts: `${Math.floor(Date.now() / 1000)}.${String(++sequence).padStart(6, '0')}`,
      text: String(body.text ?? ''),
      blocks: (json(body.blocks) as Record<string, unknown>[] | undefined) ?? [],
      ...(body.metadata !== undefined ? { metadata: json(body.metadata) as FakeSlackMessage['metadata'] } : {}),
      unfurl_links: flag(body.unfurl_links, true),
      unfurl_media: flag(body.unfurl_media, true),
      bot_id: BOT_ID,
      pings: [],
    };
    message.pings = pings(message);
    stored.push(message);
    return { ok: true, channel, ts: message.ts, message: visible(message, false) };
  };

  const update = (channel: string, stored: FakeSlackMessage[], body: Record<string, unknown>): Record<string, unknown> => {
    const message = stored.find((m) => m.ts === body.ts);
    if (!message) return { ok: false, error: 'message_not_found' };
    if (body.text !== undefined) message.text = String(body.text);
    if (body.blocks !== undefined) message.blocks = json(body.blocks) as Record<string, unknown>[];
    if (body.metadata !== undefined) message.metadata = json(body.metadata) as FakeSlackMessage['metadata'];
    message.edited = { user: BOT_USER, ts: `${Math.floor(Date.now() / 1000)}.${String(++sequence).padStart(6, '0')}` };
    message.pings = pings(message);
    return { ok: true, channel, ts: message.ts, text: message.text, message: visible(message, false) };
  };

  const core = await startChatServer(handle);
  return {
    ...core,
    apiUrl: `${core.origin}/api/`,
    token,
    addChannel: (id) => void channels.set(id, channels.get(id) ?? []),
    archiveChannel: (id) => void archived.add(id),
    removeChannel: (id) => void channels.delete(id),
    revokeToken: () => {
      revoked = true;
    },
    restoreToken: () => {
      revoked = false;
    },
    messages: (channelId) => channels.get(channelId) ?? [],
    replies: (channelId, ts) => (channels.get(channelId) ?? []).filter((m) => m.thread_ts === ts),
    uploads: () => uploads,
  };
}

/** `apps.connections.open`: a WebSocket URL for the app-level token; a bot token is the wrong kind. */
function openConnection(socketMode: SocketModeAccess | undefined, bearer: unknown): Record<string, unknown> {
  if (typeof bearer === 'string' && bearer.startsWith('xoxb-')) return { ok: false, error: 'not_allowed_token_type' };
  if (!socketMode || bearer !== socketMode.appToken) return { ok: false, error: 'invalid_auth' };
  return { ok: true, url: socketMode.openUrl() };
}

/** `conversations.history`: newest first, `limit` (default 100), metadata only with `include_all_metadata`. */
function history(stored: FakeSlackMessage[], body: Record<string, unknown>): Record<string, unknown> {
  const limit = Math.min(Number(body.limit ?? 100) || 100, 999);
  const withMetadata = flag(body.include_all_metadata, false);
  const messages = stored
    .filter((m) => m.thread_ts === undefined)
    .reverse()
    .slice(0, limit)
    .map((m) => visible(m, withMetadata));
  return { ok: true, messages, has_more: stored.length > limit, pin_count: 0, response_metadata: { next_cursor: '' } };
}

/** `conversations.replies`: the parent first, then its replies oldest first; metadata only with `include_all_metadata`. */
function thread(stored: FakeSlackMessage[], body: Record<string, unknown>): Record<string, unknown> {
  const ts = String(body.ts ?? '');
  const parent = stored.find((m) => m.ts === ts && m.thread_ts === undefined);
  if (!parent) return { ok: false, error: 'thread_not_found' };
  const withMetadata = flag(body.include_all_metadata, false);
  const limit = Math.min(Number(body.limit ?? 1000) || 1000, 1000);
  const messages = [parent, ...stored.filter((m) => m.thread_ts === ts)].slice(0, limit).map((m) => visible(m, withMetadata));
  return { ok: true, messages, has_more: false, response_metadata: { next_cursor: '' } };
}

/** A message as the API returns it (no fake-only fields), with or without metadata. */
function visible(message: FakeSlackMessage, withMetadata: boolean): Record<string, unknown> {
  const { pings: _pings, unfurl_links: _l, unfurl_media: _m, metadata, ...rest } = message;
  return { ...rest, user: BOT_USER, ...(withMetadata && metadata ? { metadata } : {}) };
}

function answerFault(res: ServerResponse, fault: Fault): void {
  if (fault.kind === 'hang' || fault.kind === 'lost-response') return;
  if (fault.kind === 'unauthorized') return sendJson(res, 200, { ok: false, error: 'invalid_auth' });
  if (fault.kind === 'server-error') {
    res.writeHead(fault.status ?? 500, { 'content-type': 'text/plain' }).end('Internal Server Error');
    return;
  }
  sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(Math.ceil(fault.retryAfterSec)) });
}

/** Form bodies carry objects as JSON strings; JSON bodies carry them as they are. */
function json(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function flag(value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  return value === true || value === 'true' || value === '1' || value === 1;
}

function invalidBlocks(message: string, pointer: string): Record<string, unknown> {
  const error = `${message} [json-pointer:${pointer}]`;
  return { ok: false, error: 'invalid_blocks', errors: [error], response_metadata: { messages: [`[ERROR] ${error}`] } };
}

/** Slack's checks: text or blocks, ≤ 50 blocks, text objects ≤ 3,000 (header ≤ 150), ≤ 10 fields/elements, metadata shape. */
function validate(body: Record<string, unknown>): Record<string, unknown> | null {
  const blocks = json(body.blocks);
  if (body.text === undefined && blocks === undefined) return { ok: false, error: 'no_text' };
  if (len(body.text) > 40_000) return { ok: false, error: 'msg_too_long' };
  if (blocks !== undefined) {
    if (!Array.isArray(blocks)) return { ok: false, error: 'invalid_blocks_format' };
    if (blocks.length > 50) return invalidBlocks('no more than 50 items allowed', '/blocks');
    for (const [i, block] of (blocks as Record<string, unknown>[]).entries()) {
      const problem = checkBlock(block, `/blocks/${i}`);
      if (problem) return problem;
    }
  }
  const metadata = json(body.metadata) as { event_type?: unknown; event_payload?: unknown } | undefined;
  if (metadata !== undefined && (typeof metadata.event_type !== 'string' || typeof metadata.event_payload !== 'object'))
    return { ok: false, error: 'invalid_metadata_format' };
  return null;
}

function checkBlock(block: Record<string, unknown>, at: string): Record<string, unknown> | null {
  const text = block.text as { type?: unknown; text?: unknown } | undefined;
  const textProblem = (t: { type?: unknown; text?: unknown } | undefined, where: string, max: number): Record<string, unknown> | null => {
    if (!t || (t.type !== 'mrkdwn' && t.type !== 'plain_text') || len(t.text) === 0) return invalidBlocks('must provide a text object', where);
    return len(t.text) > max ? invalidBlocks(`must be less than ${max + 1} characters`, `${where}/text`) : null;
  };
  switch (block.type) {
    case 'divider':
      return null;
    case 'actions': {
      const elements = (block.elements ?? []) as { type?: unknown; action_id?: unknown; text?: { type?: unknown; text?: unknown } }[];
      if (elements.length === 0 || elements.length > 25) return invalidBlocks('must have between 1 and 25 items', `${at}/elements`);
      for (const [j, element] of elements.entries()) {
        if (element.type !== 'button' || len(element.action_id) === 0 || len(element.action_id) > 255)
          return invalidBlocks('must be a button with an action_id of 1–255 characters', `${at}/elements/${j}`);
        if (element.text?.type !== 'plain_text' || len(element.text.text) === 0 || len(element.text.text) > 75)
          return invalidBlocks('must provide a plain_text of at most 75 characters', `${at}/elements/${j}/text`);
      }
      return null;
    }
    case 'header':
      if (text?.type !== 'plain_text') return invalidBlocks('must be a plain_text object', `${at}/text`);
      return textProblem(text, `${at}/text`, 150);
    case 'section': {
      const fields = (block.fields ?? []) as { type?: unknown; text?: unknown }[];
      if (fields.length > 10) return invalidBlocks('no more than 10 items allowed', `${at}/fields`);
      for (const [j, field] of fields.entries()) {
        const problem = textProblem(field, `${at}/fields/${j}`, 2000);
        if (problem) return problem;
      }
      return text === undefined && fields.length > 0 ? null : textProblem(text, `${at}/text`, 3000);
    }
    case 'context': {
      const elements = (block.elements ?? []) as { type?: unknown; text?: unknown }[];
      if (elements.length === 0 || elements.length > 10) return invalidBlocks('must have between 1 and 10 items', `${at}/elements`);
      for (const [j, element] of elements.entries()) {
        const problem = textProblem(element, `${at}/elements/${j}`, 3000);
        if (problem) return problem;
      }
      return null;
    }
    default:
      return invalidBlocks(`unsupported block type "${String(block.type)}"`, `${at}/type`);
  }
}

/** Notifications Slack would send: special mentions and user mentions written with real `<` `>`. */
function pings(message: FakeSlackMessage): string[] {
  return [message.text, ...textsOf(message.blocks)].flatMap((t) =>
    [...t.matchAll(/<(!channel|!here|!everyone|!subteam\^[A-Z0-9]+|@[UW][A-Z0-9]+)(\|[^>]*)?>/gu)].map((m) => m[1] ?? ''),
  );
}

function textsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => (key === 'text' && typeof v === 'string' ? [v] : textsOf(v)));
}
