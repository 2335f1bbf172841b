import { PermissionFlagsBits } from 'discord-api-types/v10';
import { accessLevel, note, runCommand, type AccessLevel, type CommandServices, type Reply } from '../../../../commands/command.js';
import { findCommand } from '../../../../commands/index.js';
import type { StoryConfig } from '../../../config/story-schema.js';
import { truncate } from '../../../core/text/display.js';

/** One option of a command interaction as Discord sends it (nested under subcommands). */
export interface RawOption {
  name: string;
  type: number;
  value?: string | number | boolean | undefined;
  focused?: boolean | undefined;
  options?: readonly RawOption[] | undefined;
}

/** Who runs a command, and where: filled from the interaction, never from the options. */
export interface Asker {
  userId: string;
  channelId: string | null;
  /** The server (guild id); null in DMs. */
  guildId: string | null;
  /** The member's permissions in the channel; null outside a server (DMs). */
  permissions: bigint | null;
  /** The server's preferred locale (`guild_locale`); absent outside a server. */
  guildLocale?: string | null;
}

/** A completion Discord shows while typing an option. */
export interface Choice {
  name: string;
  value: string;
}

/** How long a command may take before the answer is deferred (Discord allows 3 s for the first response). */
export const ANSWER_WITHIN_MS = 2000;
const MAX_CHOICES = 25;
const SERVER_ADMIN_BITS = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator;
const CHANNEL_ADMIN_BITS = PermissionFlagsBits.ManageChannels;

/** The options of an interaction as one `name → value` map (subcommand options included). */
export function flattenOptions(options: readonly RawOption[] | undefined): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const option of options ?? []) {
    if (option.options) Object.assign(raw, flattenOptions(option.options));
    else if (option.value !== undefined) raw[option.name] = option.value;
  }
  return raw;
}

/** What the member's permissions allow: Manage Server (or Administrator), Manage Channels, or reading. */
function discordLevel(permissions: bigint | null): AccessLevel {
  if (permissions === null) return 'member';
  if ((permissions & SERVER_ADMIN_BITS) !== 0n) return 'server-admin';
  return (permissions & CHANNEL_ADMIN_BITS) !== 0n ? 'channel-admin' : 'member';
}

/** A permissions bitfield as Discord sends it (a decimal string), or null when absent or malformed. */
export function parsePermissions(value: string | undefined): bigint | null {
  return value !== undefined && /^\d{1,40}$/u.test(value) ? BigInt(value) : null;
}

/** Whether the answer will be ephemeral, known before it is computed: unless `share` was asked for. */
export function expectEphemeral(raw: Record<string, unknown>): boolean {
  return raw.share !== true;
}

/**
 * Runs a command by name for a Discord user: unknown commands and commands outside a channel get a
 * clear message; rights come from the member's permissions in this request (and STORYWATCH_OPERATORS),
 * checked here on every call.
 */
export async function runDiscordCommand(name: string, raw: Record<string, unknown>, asker: Asker, services: CommandServices): Promise<Reply> {
  const def = findCommand(name);
  if (!def) return note('Unknown command', `/${name} is not a storywatch command; the commands may need registering again.`);
  if (!asker.channelId) return note(`/${name}`, 'This command works in a channel only.');
  const level = accessLevel(asker.userId, asker.guildId, discordLevel(asker.permissions), services.operators);
  const ctx = {
    platform: 'discord' as const,
    userId: asker.userId,
    channelId: asker.channelId,
    tenantId: asker.guildId,
    level,
    services,
    platformLocale: () => Promise.resolve(asker.guildLocale ?? null),
  };
  return runCommand(def, raw, ctx);
}

/**
 * Completions for an option being typed: the configured stories whose id or title starts with what
 * was typed (case-insensitive), at most 25; nothing for options that do not complete stories.
 */
export function storyChoices(configs: readonly StoryConfig[], commandName: string, optionName: string, typed: unknown): Choice[] {
  const option = findCommand(commandName)?.options.find((o) => o.name === optionName);
  if (option?.autocomplete !== 'story') return [];
  const prefix = String(typed ?? '')
    .trim()
    .toLowerCase();
  return configs
    .filter((s) => s.id.startsWith(prefix) || s.title.toLowerCase().startsWith(prefix))
    .slice(0, MAX_CHOICES)
    .map((s) => ({ name: truncate(`${s.id} — ${s.title}`, 100), value: s.id }));
}
