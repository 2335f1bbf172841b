import { DefaultRestOptions, DiscordAPIError, REST } from '@discordjs/rest';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  PermissionFlagsBits,
  Routes,
  type APIApplicationCommand,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { CommandDefinition, CommandOption } from '../../../../commands/command.js';
import { COMMANDS } from '../../../../commands/index.js';
import { err, ok, type Result } from '../../../core/result.js';
import { truncate } from '../../../core/text/display.js';

/** Where and how to register the commands. */
export interface RegisterOptions {
  /** The bot token (`Authorization: Bot <token>`). */
  token: string;
  /** API base without the version, e.g. `http://127.0.0.1:8080/api`; Discord's own by default. */
  apiUrl?: string;
  applicationId: string;
  /** Register in one server (instant, for testing) instead of globally. */
  guildId?: string;
}

/** What Discord holds after a registration. */
export interface Registered {
  scope: 'global' | 'guild';
  /** The registered command names, in Discord's answer order. */
  names: string[];
}

const DESCRIPTION_MAX = 100;

/**
 * The bodies for a bulk overwrite of the application's commands: chat-input commands with string and
 * boolean options (required ones first, as Discord demands), choices, story autocompletion. Commands
 * that change things are hidden from DMs and from members without the permission they need
 * (`default_member_permissions`: Manage Channels for subscribing, Manage Server for feeds and digests);
 * a server may change that, so the handler checks the member's permissions again on every request.
 */
export function toDiscordCommands(commands: readonly CommandDefinition[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((command) => ({
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    description: truncate(command.description, DESCRIPTION_MAX),
    options: [...command.options].sort((a, b) => Number(b.required === true) - Number(a.required === true)).map(toOption),
    ...(memberPermissions(command) ? { default_member_permissions: memberPermissions(command), dm_permission: false } : {}),
  }));
}

/** The permission bits a command is registered with: none for reading commands. */
function memberPermissions(command: CommandDefinition): string | undefined {
  switch (command.requires ?? 'member') {
    case 'member':
      return undefined;
    case 'channel-admin':
      return String(PermissionFlagsBits.ManageChannels);
    default:
      return String(PermissionFlagsBits.ManageGuild);
  }
}

function toOption(option: CommandOption): APIApplicationCommandBasicOption {
  const base = { name: option.name, description: truncate(option.description, DESCRIPTION_MAX), required: option.required === true };
  if (option.type === 'boolean') return { ...base, type: ApplicationCommandOptionType.Boolean };
  if (option.type === 'attachment') return { ...base, type: ApplicationCommandOptionType.Attachment };
  if (option.choices) return { ...base, type: ApplicationCommandOptionType.String, choices: option.choices.map((c) => ({ name: c, value: c })) };
  return { ...base, type: ApplicationCommandOptionType.String, ...(option.autocomplete ? { autocomplete: true } : {}) };
}

/**
 * Replaces the application's commands with `commands` (all of COMMANDS by default) in one `PUT` (global, or one server's with
 * `guildId`). Fails with DISCORD_REGISTER_FAILED and Discord's reason; never throws.
 */
export async function registerDiscordCommands(options: RegisterOptions, commands: readonly CommandDefinition[] = COMMANDS): Promise<Result<Registered>> {
  const rest = new REST({ api: options.apiUrl ?? DefaultRestOptions.api, version: '10', retries: 1, timeout: 15_000 }).setToken(options.token);
  const route = options.guildId ? Routes.applicationGuildCommands(options.applicationId, options.guildId) : Routes.applicationCommands(options.applicationId);
  try {
    const answer = (await rest.put(route, { body: toDiscordCommands(commands) })) as APIApplicationCommand[];
    return ok({ scope: options.guildId ? 'guild' : 'global', names: answer.map((c) => c.name) });
  } catch (error) {
    const reason =
      error instanceof DiscordAPIError ? `${error.status} ${String(error.code)} ${error.message}` : error instanceof Error ? error.message : String(error);
    const permanent = error instanceof DiscordAPIError && error.status < 500;
    return err('DISCORD_REGISTER_FAILED', `could not register the commands: ${reason}`, { permanent });
  }
}
