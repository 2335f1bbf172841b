import { createHmac, randomBytes } from 'node:crypto';
import { sendJson, startChatServer, type ChatServerCore, type RecordedRequest } from './chat-server.js';

/** Slack's response_url endpoints on 127.0.0.1: records what each hook receives. */
export interface ResponseUrlServer extends ChatServerCore {
  /** A fresh hook URL, as Slack puts one in every slash command and interaction. */
  hook(): string;
  /** The bodies posted to `hookUrl`, oldest first. */
  posts(hookUrl: string): Record<string, unknown>[];
  /** Waits until `hookUrl` received `count` posts (at most `timeoutMs`), then returns them. */
  waitFor(hookUrl: string, count?: number, timeoutMs?: number): Promise<Record<string, unknown>[]>;
  /** From now on `hookUrl` refuses in_channel answers, as Slack does where the app cannot post. */
  refuseInChannel(hookUrl: string): void;
}

/** Starts the fake response_url server. */
export async function startResponseUrlServer(): Promise<ResponseUrlServer> {
  const refused = new Set<string>();
  const core = await startChatServer((req: RecordedRequest, res) => {
    if (!req.path.startsWith('/hooks/') || req.method !== 'POST') return sendJson(res, 404, { ok: false, error: 'not_found' });
    if (refused.has(req.path) && req.body.response_type === 'in_channel') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('channel_not_found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  const pathOf = (url: string): string => new URL(url).pathname;
  const posts = (url: string): Record<string, unknown>[] => core.requests.filter((r) => r.path === pathOf(url)).map((r) => r.body);
  return {
    ...core,
    hook: () => `${core.origin}/hooks/T0TEAM/${randomBytes(6).toString('hex')}`,
    posts,
    async waitFor(url, count = 1, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (posts(url).length < count) {
        if (Date.now() > until) throw new Error(`${url} received ${posts(url).length} of ${count} posts`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return posts(url);
    },
    refuseInChannel: (url) => void refused.add(pathOf(url)),
  };
}

/** The headers Slack signs a request with: `v0=` HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret. */
export function slackSignature(secret: string, body: string, timestamp: number): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}

/** How a test request is signed: correctly (default), with other headers, or not at all (`null`). */
export interface Signing {
  secret: string;
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  /** Replaces the computed headers; `null` sends none. */
  headers?: Record<string, string> | null;
}

/** What the app answered an HTTP request with. */
export interface SlackHttpAnswer {
  status: number;
  /** The JSON body of the acknowledgement, or null when it was empty. */
  body: Record<string, unknown> | null;
}

/** Posts a form body to `/slack/events` the way Slack does (exact content type, signature headers). */
export async function postToSlackEvents(url: string, form: string, signing: Signing): Promise<SlackHttpAnswer> {
  const timestamp = signing.timestamp ?? Math.floor(Date.now() / 1000);
  const signed = signing.headers === undefined ? slackSignature(signing.secret, form, timestamp) : (signing.headers ?? {});
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...signed }, body: form });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : (JSON.parse(text) as Record<string, unknown>) };
}

/** What a slash command is about. */
export interface SlashCommandInput {
  command: string;
  text: string;
  userId: string;
  channelId: string;
  responseUrl: string;
  teamId?: string;
}

/** A slash command's fields as Slack sends them (from workspace T0TEAM unless `teamId` says otherwise): the HTTP form, or a Socket Mode payload. */
export function slashCommandFields(input: SlashCommandInput): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: input.teamId ?? 'T0TEAM',
    team_domain: 'newsroom',
    channel_id: input.channelId,
    channel_name: 'news',
    user_id: input.userId,
    user_name: 'reporter',
    command: input.command,
    text: input.text,
    api_app_id: 'A0STORYWATCH',
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: '1234.5678.abcdef',
  };
}

/** A slash command as Slack posts it over HTTP. */
export function slashCommandForm(input: SlashCommandInput): string {
  return new URLSearchParams(slashCommandFields(input)).toString();
}

/** What a button click is about. */
export interface ButtonClickInput {
  actionId: string;
  value: string;
  userId: string;
  channelId: string;
  responseUrl: string;
  teamId?: string;
  blockId?: string;
  messageTs?: string;
}

/** A button click (`block_actions`) payload as Slack sends it: in a form field over HTTP, as the envelope's payload in Socket Mode. */
export function buttonClickPayload(input: ButtonClickInput): Record<string, unknown> {
  const team = input.teamId ?? 'T0TEAM';
  return {
    type: 'block_actions',
    user: { id: input.userId, username: 'reporter', team_id: team },
    api_app_id: 'A0STORYWATCH',
    token: 'deprecated-verification-token',
    container: {
      type: 'message',
      message_ts: input.messageTs ?? '1700000000.000100',
      channel_id: input.channelId,
      is_ephemeral: input.messageTs === undefined,
    },
    trigger_id: '1234.5678.abcdef',
    team: { id: team, domain: 'newsroom' },
    channel: { id: input.channelId, name: 'news' },
    response_url: input.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: input.blockId ?? 'pages',
        value: input.value,
        text: { type: 'plain_text', text: 'Next' },
        action_ts: '1700000001.000200',
      },
    ],
  };
}

/** A button click as Slack posts it over HTTP: the payload as JSON in a form field. */
export function buttonClickForm(input: ButtonClickInput): string {
  return new URLSearchParams({ payload: JSON.stringify(buttonClickPayload(input)) }).toString();
}
