import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord-api-types/v10';
import { accessLevel, note, runCommand, type AccessLevel, type CommandServices, type Reply } from '../../../../commands/command.js';
import { findCommand } from '../../../../commands/index.js';
import { channelStories } from '../../../../commands/options.js';
import { truncate } from '../../../core/text/display.js';

/** One option of a command interaction as Discord sends it (nested under subcommands). */
export interface RawOption {
  name: string;
  type: number;
  value?: string | number | boolean | undefined;
  focused?: boolean | undefined;
  options?: readonly RawOption[] | undefined;
  /** An attachment option's file, as discord.js resolves it on the gateway. */
  attachment?: { url: string } | null | undefined;
}

/** The files attached to an interaction by id (`data.resolved.attachments` over HTTP). */
export type ResolvedAttachments = Readonly<Record<string, { url: string } | undefined>>;

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
  /** The user's Discord client language (the interaction's `locale`, e.g. `fr`, `zh-CN`), when sent. */
  locale?: string;
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

/**
 * The options of an interaction as one `name → value` map (subcommand options included); an
 * attachment option's value is the attached file's URL.
 */
export function flattenOptions(options: readonly RawOption[] | undefined, attachments: ResolvedAttachments = {}): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const option of options ?? []) {
    if (option.options) Object.assign(raw, flattenOptions(option.options, attachments));
    else if (option.type === Number(ApplicationCommandOptionType.Attachment)) {
      const url = option.attachment?.url ?? attachments[String(option.value)]?.url;
      if (url !== undefined) raw[option.name] = url;
    } else if (option.value !== undefined) raw[option.name] = option.value;
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
    ...(asker.locale ? { locale: asker.locale } : {}),
  };
  return runCommand(def, raw, ctx);
}

/**
 * Completions for an option being typed: the stories the channel follows first, then the other
 * configured stories, those whose id or title starts with what was typed (case-insensitive), at
 * most 25; nothing for options that do not complete stories.
 */
export async function storyChoices(
  services: CommandServices,
  channelId: string | null,
  commandName: string,
  optionName: string,
  typed: unknown,
): Promise<Choice[]> {
  const option = findCommand(commandName)?.options.find((o) => o.name === optionName);
  if (option?.autocomplete !== 'story') return [];
  const prefix = String(typed ?? '')
    .trim()
    .toLowerCase();
  const configs = services.storyConfigs;
  const followed = channelId ? await channelStories(services.store, configs, 'discord', channelId) : [];
  const ordered = [...followed, ...configs.filter((s) => !followed.includes(s))];
  return ordered
    .filter((s) => s.id.startsWith(prefix) || s.title.toLowerCase().startsWith(prefix))
    .slice(0, MAX_CHOICES)
    .map((s) => ({ name: truncate(`${s.id} — ${s.title}${followed.includes(s) ? ' (this channel)' : ''}`, 100), value: s.id }));
}
