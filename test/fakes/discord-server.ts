import type { ServerResponse } from 'node:http';
import { len, sendJson, startChatServer, type ChatServerCore, type Fault, type RecordedFile, type RecordedRequest } from './chat-server.js';

/** A message as the fake Discord stores it. */
export interface FakeDiscordMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: Record<string, unknown>[];
  /** Action rows of buttons, as sent (and replaced by an edit that gives them). */
  components: Record<string, unknown>[];
  flags: number;
  nonce: string | number | null;
  allowed_mentions: unknown;
  /** True when the message would ping @everyone/@here (Discord's `mention_everyone`). */
  mention_everyone: boolean;
  /** User ids the message would ping. */
  mentions: string[];
  /** Role ids the message would ping (`<@&id>` that `allowed_mentions` lets through). */
  mention_roles: string[];
  timestamp: string;
  edited_timestamp: string | null;
  /** Files uploaded with the message (multipart `files[n]`, listed in `attachments`); their bytes are `attachmentData(id)`. */
  attachments: FakeDiscordAttachment[];
}

/** An uploaded file as Discord describes it on its message. */
export interface FakeDiscordAttachment {
  id: string;
  filename: string;
  size: number;
  content_type: string;
  description?: string;
  url: string;
}

/** A fake Discord REST API (v10) on 127.0.0.1: channel messages, threads on them and forum posts, as far as we use them. */
export interface DiscordServer extends ChatServerCore {
  /** The base to give the REST client, e.g. `http://127.0.0.1:PORT/api`. */
  apiUrl: string;
  token: string;
  addChannel(id: string): void;
  /** The bot loses access to the channel: 403 Missing Access (50001). */
  forbidChannel(id: string): void;
  /** The channel is deleted: 404 Unknown Channel (10003). */
  removeChannel(id: string): void;
  /** From now on the token is refused with 401. */
  revokeToken(): void;
  /** The token works again (after revokeToken). */
  restoreToken(): void;
  messages(channelId: string): FakeDiscordMessage[];
  /** A forum channel: it takes posts (`POST /channels/{id}/threads` with a message), not messages. */
  addForum(id: string): void;
  /** The threads opened under a channel (on its messages, or as forum posts), oldest first. */
  threads(parentId: string): FakeDiscordThread[];
  /** The bytes of an uploaded attachment. */
  attachmentData(id: string): Buffer | undefined;
}

/** A thread as the fake Discord keeps it; its messages are `messages(thread.id)`. */
export interface FakeDiscordThread {
  id: string;
  parent_id: string;
  name: string;
  /** The message it was opened on (a forum post's first message has the thread's id). */
  message_id: string;
}

/** The guild every fake channel belongs to. */
export const FAKE_GUILD_ID = '900000000000000001';
const CHANNEL_TYPE = { text: 0, forum: 15, thread: 11 } as const;
const THREAD_ROUTE = /^\/api\/v10\/channels\/(\d+)(?:\/messages\/(\d+))?\/threads$/u;
const CHANNEL_ROUTE = /^\/api\/v10\/channels\/(\d+)$/u;
const ACTIVE_THREADS_ROUTE = /^\/api\/v10\/guilds\/(\d+)\/threads\/active$/u;

const DISCORD_EPOCH = 1_420_070_400_000n;
const ROUTE = /^\/api\/v10\/channels\/(\d+)\/messages(?:\/(\d+))?$/u;
const ALLOWED_FLAGS = 4 | 4096;
type FormErrors = Record<string, { code: string; message: string }>;

/** Starts the fake Discord API; `channels` exist from the start. */
export async function startDiscordServer(options: { token?: string; channels?: string[] } = {}): Promise<DiscordServer> {
  const token = options.token ?? 'fake-discord-token';
  const channels = new Map<string, FakeDiscordMessage[]>((options.channels ?? []).map((id) => [id, []]));
  const forbidden = new Set<string>();
  const nonces = new Map<string, FakeDiscordMessage>();
  const types = new Map<string, number>();
  const threadList: FakeDiscordThread[] = [];
  const uploads = new Map<string, Buffer>();
  let revoked = false;
  let sequence = 0n;
  const snowflake = (): string => (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (sequence++ & 0xfffn)).toString();

  const handle = (req: RecordedRequest, res: ServerResponse, fault: Fault | undefined): void => {
    if (fault && fault.kind !== 'lost-response') return answerFault(res, fault);
    const path = req.path.split('?')[0] ?? '';
    const [messages, threads, channel] = [ROUTE.exec(path), THREAD_ROUTE.exec(path), CHANNEL_ROUTE.exec(path)];
    const route = messages ?? threads ?? channel;
    const guild = ACTIVE_THREADS_ROUTE.exec(path);
    if (!route && !guild) return sendJson(res, 404, { message: '404: Not Found', code: 0 });
    if (revoked || req.headers.authorization !== `Bot ${token}`) return sendJson(res, 401, { message: '401: Unauthorized', code: 0 });
    const reply = (status: number, body: unknown): void => (fault ? undefined : sendJson(res, status, body));
    if (guild) return reply(200, { threads: threadList.map(threadJson), members: [] });
    const [, channelId = '', messageId] = route ?? [];
    const stored = channels.get(channelId);
    if (!stored) return sendJson(res, 404, { message: 'Unknown Channel', code: 10003 });
    if (forbidden.has(channelId)) return sendJson(res, 403, { message: 'Missing Access', code: 50001 });
    if (channel && req.method === 'GET') return reply(200, channelJson(channelId));
    if (threads && req.method === 'POST') return openThread(channelId, stored, messageId, req.body, reply);
    const forum = types.get(channelId) === CHANNEL_TYPE.forum;
    if (forum && req.method === 'POST') return reply(400, { message: 'Cannot send messages in a non-text channel', code: 50008 });
    if (req.method === 'POST' && messageId === undefined) {
      const form = multipartPayload(req);
      if ('error' in form) return reply(400, form.error);
      return create(channelId, stored, form.body, reply, form.files);
    }
    if (req.method === 'PATCH' && messageId !== undefined) return edit(stored, messageId, req.body, reply);
    sendJson(res, 405, { message: '405: Method Not Allowed', code: 0 });
  };

  const channelJson = (id: string): Record<string, unknown> => {
    const thread = threadList.find((t) => t.id === id);
    const type = thread ? CHANNEL_TYPE.thread : (types.get(id) ?? CHANNEL_TYPE.text);
    return { id, type, guild_id: FAKE_GUILD_ID, ...(thread ? { parent_id: thread.parent_id, name: thread.name } : {}) };
  };
  const threadJson = (t: FakeDiscordThread): Record<string, unknown> => ({ ...channelJson(t.id), thread_metadata: { archived: false, locked: false } });

  // POST /channels/{id}/messages/{mid}/threads: a thread on a message, with the message's id; POST /channels/{forum}/threads: a forum post.
  const openThread = (
    channelId: string,
    stored: FakeDiscordMessage[],
    messageId: string | undefined,
    body: Record<string, unknown>,
    reply: (s: number, b: unknown) => void,
  ): void => {
    const name = body.name;
    if (typeof name !== 'string' || name.length === 0 || name.length > 100)
      return reply(400, {
        message: 'Invalid Form Body',
        code: 50035,
        errors: { name: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }] } },
      });
    const forum = types.get(channelId) === CHANNEL_TYPE.forum;
    if (messageId !== undefined) {
      if (forum || !stored.some((m) => m.id === messageId)) return reply(404, { message: 'Unknown Message', code: 10008 });
      if (threadList.some((t) => t.id === messageId)) return reply(400, { message: 'A thread has already been created for this message', code: 160004 });
      threadList.push({ id: messageId, parent_id: channelId, name, message_id: messageId });
      channels.set(messageId, []);
      return reply(201, channelJson(messageId));
    }
    if (!forum) return reply(400, { message: 'Only forum posts are supported by this fake', code: 50024 });
    const first = (body.message ?? {}) as Record<string, unknown>;
    const invalid = validate(first, true);
    if (invalid) return reply(400, invalid);
    const id = snowflake();
    channels.set(id, []);
    threadList.push({ id, parent_id: channelId, name, message_id: id });
    const message = newMessage(id, id, first);
    channels.get(id)?.push(message);
    reply(201, { ...channelJson(id), message });
  };

  const newMessage = (id: string, channelId: string, body: Record<string, unknown>): FakeDiscordMessage => {
    const message: FakeDiscordMessage = {
      id,
      channel_id: channelId,
      content: (body.content as string | undefined) ?? '',
      embeds: (body.embeds as Record<string, unknown>[] | undefined) ?? [],
      components: (body.components as Record<string, unknown>[] | undefined) ?? [],
      flags: (body.flags as number | undefined) ?? 0,
      nonce: (body.nonce as string | number | undefined) ?? null,
      allowed_mentions: body.allowed_mentions,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      attachments: [],
    };
    computeMentions(message);
    return message;
  };

  const create = (
    channelId: string,
    stored: FakeDiscordMessage[],
    body: Record<string, unknown>,
    reply: (s: number, b: unknown) => void,
    files: RecordedFile[] = [],
  ): void => {
    const invalid = validate(body, true) ?? validateAttachments(body, files);
    if (invalid) return reply(400, invalid);
    const nonce = (body.nonce as string | number | undefined) ?? null;
    const nonceKey = `${channelId}:${String(nonce)}`;
    const earlier = body.enforce_nonce === true && nonce !== null ? nonces.get(nonceKey) : undefined;
    if (earlier) return reply(200, earlier);
    const message = newMessage(snowflake(), channelId, body);
    message.attachments = ((body.attachments ?? []) as { id: number | string; filename?: string; description?: string }[]).map((a) => {
      const file = files.find((f) => f.field === `files[${String(a.id)}]`) as RecordedFile;
      const id = snowflake();
      uploads.set(id, file.data);
      const filename = a.filename ?? file.filename;
      return {
        id,
        filename,
        size: file.data.length,
        content_type: file.contentType,
        ...(a.description === undefined ? {} : { description: a.description }),
        url: `${core.origin}/attachments/${channelId}/${id}/${filename}`,
      };
    });
    stored.push(message);
    if (nonce !== null) nonces.set(nonceKey, message);
    reply(200, message);
  };

  const edit = (stored: FakeDiscordMessage[], messageId: string, body: Record<string, unknown>, reply: (s: number, b: unknown) => void): void => {
    const message = stored.find((m) => m.id === messageId);
    if (!message) return reply(404, { message: 'Unknown Message', code: 10008 });
    const invalid = validate(body, false);
    if (invalid) return reply(400, invalid);
    if (typeof body.content === 'string') message.content = body.content;
    if (Array.isArray(body.embeds)) message.embeds = body.embeds as Record<string, unknown>[];
    if (Array.isArray(body.components)) message.components = body.components as Record<string, unknown>[];
    if (typeof body.flags === 'number') message.flags = body.flags;
    if (body.allowed_mentions !== undefined) message.allowed_mentions = body.allowed_mentions;
    message.edited_timestamp = new Date().toISOString();
    computeMentions(message);
    reply(200, message);
  };

  const core = await startChatServer(handle);
  return {
    ...core,
    apiUrl: `${core.origin}/api`,
    token,
    addChannel: (id) => void channels.set(id, channels.get(id) ?? []),
    forbidChannel: (id) => void forbidden.add(id),
    removeChannel: (id) => void channels.delete(id),
    revokeToken: () => {
      revoked = true;
    },
    restoreToken: () => {
      revoked = false;
    },
    messages: (channelId) => channels.get(channelId) ?? [],
    addForum: (id) => {
      channels.set(id, channels.get(id) ?? []);
      types.set(id, CHANNEL_TYPE.forum);
    },
    threads: (parentId) => threadList.filter((t) => t.parent_id === parentId),
    attachmentData: (id) => uploads.get(id),
  };
}

/** A message sent as multipart/form-data: its JSON in `payload_json`, its files as `files[n]`; else the JSON body as it is. */
function multipartPayload(req: RecordedRequest): { body: Record<string, unknown>; files: RecordedFile[] } | { error: unknown } {
  if (!req.files) return { body: req.body, files: [] };
  try {
    return { body: JSON.parse(String(req.body.payload_json ?? '{}')) as Record<string, unknown>, files: req.files };
  } catch {
    return { error: { message: 'Invalid Form Body', code: 50035, errors: { payload_json: { _errors: [{ code: 'JSON_INVALID', message: 'Invalid JSON' }] } } } };
  }
}

/** Each listed attachment needs its file part `files[id]`; an embed's `attachment://name` needs an attachment of that name. */
function validateAttachments(body: Record<string, unknown>, files: RecordedFile[]): unknown {
  const attachments = (body.attachments ?? []) as { id?: unknown; filename?: unknown }[];
  const bad = (path: string, message: string) => ({
    message: 'Invalid Form Body',
    code: 50035,
    errors: nest({ [path]: { code: 'ATTACHMENT_INVALID', message } }),
  });
  for (const [i, a] of attachments.entries()) {
    if (!files.some((f) => f.field === `files[${String(a.id)}]`)) return bad(`attachments.${i}.id`, 'Unknown attachment: no file part for this id.');
  }
  const names = new Set(attachments.map((a, i) => String(a.filename ?? files[i]?.filename ?? '')));
  for (const [i, embed] of ((body.embeds ?? []) as { image?: { url?: unknown } }[]).entries()) {
    const url = embed.image?.url;
    if (typeof url === 'string' && url.startsWith('attachment://') && !names.has(url.slice('attachment://'.length)))
      return bad(`embeds.${i}.image.url`, 'Refers to an attachment the message does not have.');
  }
  return null;
}

function answerFault(res: ServerResponse, fault: Fault): void {
  if (fault.kind === 'hang' || fault.kind === 'lost-response') return;
  if (fault.kind === 'server-error') return sendJson(res, fault.status ?? 500, { message: '500: Internal Server Error', code: 0 });
  if (fault.kind === 'unauthorized') return sendJson(res, 401, { message: '401: Unauthorized', code: 0 });
  const headers = {
    'retry-after': String(Math.ceil(fault.retryAfterSec)),
    'x-ratelimit-scope': fault.global ? 'global' : 'user',
    ...(fault.global ? { 'x-ratelimit-global': 'true' } : {}),
  };
  sendJson(res, 429, { message: 'You are being rate limited.', retry_after: fault.retryAfterSec, global: fault.global === true }, headers);
}

/** What Discord would ping: @everyone/@here, `<@id>` users and `<@&id>` roles, unless `allowed_mentions` forbids it. */
function computeMentions(message: FakeDiscordMessage): void {
  const allowed = message.allowed_mentions as { parse?: string[]; users?: string[]; roles?: string[] } | undefined;
  const parse = allowed === undefined ? ['everyone', 'users', 'roles'] : (allowed.parse ?? []);
  const texts = [message.content, ...message.embeds.flatMap((e) => [e.title, e.description])].filter((t) => typeof t === 'string');
  message.mention_everyone = parse.includes('everyone') && texts.some((t) => /@(everyone|here)\b/u.test(t as string));
  const users = texts.flatMap((t) => [...(t as string).matchAll(/<@!?(\d+)>/gu)].map((m) => m[1] ?? ''));
  message.mentions = users.filter((id) => parse.includes('users') || (allowed?.users ?? []).includes(id));
  const roles = texts.flatMap((t) => [...(t as string).matchAll(/<@&(\d+)>/gu)].map((m) => m[1] ?? ''));
  message.mention_roles = roles.filter((id) => parse.includes('roles') || (allowed?.roles ?? []).includes(id));
}

/** Discord's checks on a message body: limits per field and per message, 400 with its error JSON when broken. */
function validate(body: Record<string, unknown>, creating: boolean): unknown {
  const errors: FormErrors = {};
  const max = (path: string, value: unknown, limit: number): void => {
    if (len(value) > limit) errors[path] = { code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${limit} or fewer in length.` };
  };
  if (body._invalid !== undefined) return { message: '400: Bad Request', code: 50109 };
  max('content', body.content, 2000);
  const embeds = (body.embeds ?? []) as Record<string, unknown>[];
  if (!Array.isArray(embeds)) errors.embeds = { code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' };
  else if (embeds.length > 10) errors.embeds = { code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' };
  let total = 0;
  for (const [i, embed] of (Array.isArray(embeds) ? embeds : []).entries()) total += validateEmbed(embed, `embeds.${i}`, errors, max);
  if (total > 6000) errors.embeds = { code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' };
  const components = body.components;
  if (components !== undefined && !validComponents(components))
    errors.components = { code: 'COMPONENT_INVALID', message: 'Action rows of at most 5 buttons with a label and a custom_id of 1–100 characters.' };
  if (typeof body.flags === 'number' && (body.flags & ~ALLOWED_FLAGS) !== 0) errors.flags = { code: 'MESSAGE_FLAGS_INVALID', message: 'Invalid flags.' };
  max('nonce', body.nonce, 25);
  const allowed = body.allowed_mentions as { parse?: unknown; roles?: unknown } | undefined;
  const parse = allowed?.parse;
  if (parse !== undefined && !(Array.isArray(parse) && parse.every((p) => ['roles', 'users', 'everyone'].includes(p as string)))) {
    errors['allowed_mentions.parse'] = { code: 'ENUM_TYPE_COERCE', message: 'Value must be one of roles, users, everyone.' };
  }
  // Discord refuses `roles` beside `parse: ["roles"]`, and more than 100 of them.
  const roles = allowed?.roles;
  if (roles !== undefined && (!Array.isArray(roles) || roles.length > 100 || (Array.isArray(parse) && parse.includes('roles')))) {
    errors['allowed_mentions.roles'] = {
      code: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
      message: 'parse:["roles"] and roles: [ids] are mutually exclusive.',
    };
  }
  if (Object.keys(errors).length > 0) return { message: 'Invalid Form Body', code: 50035, errors: nest(errors) };
  if (creating && len(body.content) === 0 && embeds.length === 0) return { message: 'Cannot send an empty message', code: 50006 };
  return null;
}

function validateEmbed(embed: Record<string, unknown>, at: string, errors: FormErrors, max: (p: string, v: unknown, l: number) => void): number {
  max(`${at}.title`, embed.title, 256);
  max(`${at}.description`, embed.description, 4096);
  const fields = (embed.fields ?? []) as { name?: unknown; value?: unknown }[];
  if (fields.length > 25) errors[`${at}.fields`] = { code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' };
  for (const [j, field] of fields.entries()) {
    if (len(field.name) === 0 || len(field.value) === 0) errors[`${at}.fields.${j}`] = { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' };
    max(`${at}.fields.${j}.name`, field.name, 256);
    max(`${at}.fields.${j}.value`, field.value, 1024);
  }
  const footer = embed.footer as { text?: unknown } | undefined;
  const author = embed.author as { name?: unknown } | undefined;
  max(`${at}.footer.text`, footer?.text, 2048);
  max(`${at}.author.name`, author?.name, 256);
  if (embed.url !== undefined && !/^https?:\/\/[^\s]+$/u.test(String(embed.url)))
    errors[`${at}.url`] = { code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' };
  if (embed.color !== undefined && !(Number.isInteger(embed.color) && (embed.color as number) >= 0 && (embed.color as number) <= 0xffffff)) {
    errors[`${at}.color`] = { code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 16777215.' };
  }
  if (embed.timestamp !== undefined && Number.isNaN(Date.parse(String(embed.timestamp))))
    errors[`${at}.timestamp`] = { code: 'DATE_TYPE_PARSE', message: 'Could not parse timestamp.' };
  return len(embed.title) + len(embed.description) + len(footer?.text) + len(author?.name) + fields.reduce((s, f) => s + len(f.name) + len(f.value), 0);
}

/** At most 5 action rows of at most 5 buttons, each with a label (≤ 80) and a custom_id (1–100), ids unique. */
function validComponents(rows: unknown): boolean {
  if (!Array.isArray(rows) || rows.length > 5) return false;
  const ids = new Set<string>();
  for (const row of rows as { type?: unknown; components?: unknown }[]) {
    if (row.type !== 1 || !Array.isArray(row.components) || row.components.length === 0 || row.components.length > 5) return false;
    for (const b of row.components as { type?: unknown; label?: unknown; custom_id?: unknown }[]) {
      if (b.type !== 2 || len(b.label) === 0 || len(b.label) > 80 || len(b.custom_id) === 0 || len(b.custom_id) > 100 || ids.has(String(b.custom_id)))
        return false;
      ids.add(String(b.custom_id));
    }
  }
  return true;
}

/** Discord nests form errors by path: `{ embeds: { 0: { title: { _errors: [...] } } } }`. */
function nest(errors: FormErrors): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, error] of Object.entries(errors)) {
    let node = root;
    for (const key of path.split('.')) node = (node[key] ??= {}) as Record<string, unknown>;
    node._errors = [error];
  }
  return root;
}
