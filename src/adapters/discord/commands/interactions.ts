import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { DefaultRestOptions, REST } from '@discordjs/rest';
import { InteractionResponseType, InteractionType, MessageFlags, Routes } from 'discord-api-types/v10';
import { z } from 'zod';
import { note, type CommandServices } from '../../../../commands/command.js';
import type { Logger } from '../../../core/logger.js';
import { createReplyPager, EXPIRED_PAGES, isPageButton, type DiscordReplyData } from './reply.js';
import { answerDiscordCommand, type CommandResponder } from './answer.js';
import { answerLabelClick } from './label-click.js';
import { isLabelButton } from '../../common/label-buttons.js';
import { ANSWER_WITHIN_MS, flattenOptions, parsePermissions, storyChoices, type RawOption } from './route.js';

/** What the interactions endpoint needs. */
export interface InteractionEndpointOptions {
  /** The application's public key (DISCORD_PUBLIC_KEY), 64 hex characters. */
  publicKey: string;
  /** API base for follow-ups, e.g. `http://127.0.0.1:8080/api`; Discord's own by default. */
  apiUrl?: string;
  applicationId: string;
  services: CommandServices;
  logger: Logger;
  /** How long a command may run before the answer is deferred (default 2 s). */
  deferAfterMs?: number;
}

/** Handles `POST /discord/interactions`. */
export type InteractionHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** How far a request's timestamp may be from now, in seconds. */
const MAX_SKEW_SEC = 300;
const MAX_BODY = 256 * 1024;
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

const optionSchema: z.ZodType<RawOption> = z.lazy(() =>
  z.object({
    name: z.string(),
    type: z.number(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    options: z.array(optionSchema).optional(),
  }),
);
const interactionSchema = z
  .object({
    type: z.number().int(),
    token: z.string().min(1).optional(),
    channel_id: z.string().optional(),
    guild_id: z.string().optional(),
    guild_locale: z.string().max(20).optional().catch(undefined),
    locale: z.string().max(20).optional().catch(undefined),
    channel: z.object({ id: z.string() }).optional(),
    member: z.object({ permissions: z.string().optional(), user: z.object({ id: z.string() }).optional() }).optional(),
    user: z.object({ id: z.string() }).optional(),
    data: z
      .object({
        name: z.string().optional(),
        custom_id: z.string().optional(),
        options: z.array(optionSchema).optional(),
        resolved: z.object({ attachments: z.record(z.string(), z.object({ url: z.string() })).optional() }).optional(),
      })
      .optional(),
  })
  .refine((i) => i.type === InteractionType.Ping || i.token !== undefined, { message: 'token missing' });
type Interaction = z.output<typeof interactionSchema>;

/** An answer to the interaction request, and what to tell once it is sent (a deferred answer's follow-up waits for it). */
interface Outcome {
  body: { type: InteractionResponseType; data?: DiscordReplyData | { flags: number } | { choices: unknown[] } };
  sent?: () => void;
}

/** The Ed25519 public key from its hex form; throws when it is not 32 bytes of hex. */
function discordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/iu.test(hex)) throw new Error('the Discord public key must be 64 hex characters (DISCORD_PUBLIC_KEY)');
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

/**
 * True when the request carries a valid `X-Signature-Ed25519` over `X-Signature-Timestamp` + body and
 * the timestamp is within 5 minutes of `nowMs` (either way).
 */
function verifyDiscordRequest(key: KeyObject, headers: IncomingHttpHeaders, body: Buffer, nowMs: number): boolean {
  const signature = headers['x-signature-ed25519'];
  const timestamp = headers['x-signature-timestamp'];
  if (typeof signature !== 'string' || !/^[0-9a-f]{128}$/iu.test(signature)) return false;
  if (typeof timestamp !== 'string' || !/^\d{1,12}$/u.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SKEW_SEC) return false;
  try {
    return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signature, 'hex'));
  } catch {
    return false;
  }
}

/**
 * The HTTP interactions endpoint: verifies the signature (401 and nothing run otherwise), answers
 * PING, runs commands (directly within `deferAfterMs`, else deferred and followed up through the
 * webhook API), turns answer pages and completes story options. Never throws; malformed input gets 400.
 * Throws at creation when the public key is not valid hex.
 */
export function createDiscordInteractionHandler(options: InteractionEndpointOptions): InteractionHandler {
  const key = discordPublicKey(options.publicKey);
  const { services, logger, applicationId } = options;
  const deferAfterMs = options.deferAfterMs ?? ANSWER_WITHIN_MS;
  const pager = createReplyPager();
  const rest = new REST({ api: options.apiUrl ?? DefaultRestOptions.api, version: '10', retries: 1, timeout: 10_000 });

  /**
   * Answers a command through the HTTP response (direct or deferred; `sent` once it is out) and,
   * after it, the webhook API (edits and follow-ups of a deferred answer).
   */
  const command = (i: Interaction, token: string): Promise<Outcome> =>
    new Promise<Outcome>((resolve, reject) => {
      const original = Routes.webhookMessage(applicationId, token, '@original');
      const responder: CommandResponder = {
        reply: async (data) => resolve({ body: { type: InteractionResponseType.ChannelMessageWithSource, data } }),
        defer: (ephemeral) =>
          new Promise<void>((sent) =>
            resolve({
              body: { type: InteractionResponseType.DeferredChannelMessageWithSource, ...(ephemeral ? { data: { flags: MessageFlags.Ephemeral } } : {}) },
              sent,
            }),
          ),
        edit: ({ flags: _flags, ...edit }) => rest.patch(original, { body: edit, auth: false }),
        followUp: (data) => rest.post(Routes.webhook(applicationId, token), { body: data, auth: false }),
        deleteDeferred: () => rest.delete(original, { auth: false }),
      };
      const asker = {
        userId: i.member?.user?.id ?? i.user?.id ?? 'unknown',
        channelId: i.channel_id ?? i.channel?.id ?? null,
        guildId: i.member ? (i.guild_id ?? null) : null,
        permissions: i.member ? parsePermissions(i.member.permissions) : null,
        guildLocale: i.guild_locale ?? null,
        ...(i.locale ? { locale: i.locale } : {}),
      };
      const deps = { services, pager, deferAfterMs };
      const answering =
        i.type === InteractionType.MessageComponent
          ? answerLabelClick(i.data?.custom_id ?? '', asker, responder, deps)
          : answerDiscordCommand(i.data?.name ?? '', flattenOptions(i.data?.options, i.data?.resolved?.attachments), asker, responder, deps);
      answering.catch((error: unknown) => {
        logger.error({ err: error }, 'discord command answer failed');
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });

  const respond = async (i: Interaction): Promise<Outcome | undefined> => {
    switch (i.type) {
      case InteractionType.Ping:
        return { body: { type: InteractionResponseType.Pong } };
      case InteractionType.ApplicationCommand:
        return command(i, i.token ?? '');
      case InteractionType.MessageComponent: {
        const id = i.data?.custom_id ?? '';
        if (isLabelButton(id)) return command(i, i.token ?? '');
        const turned = isPageButton(id) ? pager.turn(id) : undefined;
        if (turned) return { body: { type: InteractionResponseType.UpdateMessage, data: turned } };
        return { body: { type: InteractionResponseType.ChannelMessageWithSource, data: pager.render(note('Expired', EXPIRED_PAGES)) } };
      }
      case InteractionType.ApplicationCommandAutocomplete: {
        const focused = findFocused(i.data?.options);
        const channelId = i.channel_id ?? i.channel?.id ?? null;
        const choices = focused ? await storyChoices(services, channelId, i.data?.name ?? '', focused.name, focused.value) : [];
        return { body: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } } };
      }
      default:
        return undefined;
    }
  };

  return async (req, res) => {
    try {
      if (req.method !== 'POST') return send(res, 405, { error: 'POST only' });
      if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return send(res, 413, { error: 'body too large' });
      const body = await readBody(req);
      if (!body) return send(res, 413, { error: 'body too large' });
      if (!verifyDiscordRequest(key, req.headers, body, Date.now())) return send(res, 401, { error: 'invalid request signature' });
      const interaction = parseInteraction(body);
      const outcome = interaction ? await respond(interaction) : undefined;
      if (!outcome) return send(res, 400, { error: 'malformed or unsupported interaction' });
      send(res, 200, outcome.body);
      outcome.sent?.();
    } catch (error) {
      logger.error({ err: error }, 'discord interaction failed');
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
    }
  };
}

function parseInteraction(body: Buffer): Interaction | undefined {
  try {
    const parsed = interactionSchema.safeParse(JSON.parse(body.toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The option being typed in an autocomplete interaction, subcommands included. */
function findFocused(options: readonly RawOption[] | undefined): RawOption | undefined {
  for (const option of options ?? []) {
    const found = option.focused ? option : findFocused(option.options);
    if (found) return found;
  }
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
