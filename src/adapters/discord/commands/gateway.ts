import { MessageFlags } from 'discord-api-types/v10';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { note, type CommandServices } from '../../../../commands/command.js';
import type { Logger } from '../../../core/logger.js';
import { err, ok, type Result } from '../../../core/result.js';
import { createReplyPager, EXPIRED_PAGES, isPageButton, type DiscordReplyData, type ReplyPager } from './reply.js';
import { answerDiscordCommand, type CommandResponder } from './answer.js';
import { answerGatewayLabelClick } from './label-click.js';
import { isLabelButton } from '../../common/label-buttons.js';
import { ANSWER_WITHIN_MS, flattenOptions, storyChoices, type Choice, type RawOption } from './route.js';

/** A message edit as discord.js takes it (a page turn, a deferred answer). */
export interface GatewayEdit {
  embeds: DiscordReplyData['embeds'];
  components: DiscordReplyData['components'];
  allowedMentions: { parse: [] };
}

/** A reply as discord.js takes it. */
export interface GatewayReply extends GatewayEdit {
  flags?: MessageFlags.Ephemeral;
}

/** The part of a discord.js interaction the routing uses; real interactions fit it. */
export interface GatewayInteractionLike {
  user: { id: string };
  channelId: string | null;
  /** The server; null in DMs. */
  guildId: string | null;
  /** The member's permissions in the channel; null in DMs. */
  memberPermissions: { readonly bitfield: bigint } | null;
  /** The server's preferred locale; null in DMs. */
  guildLocale: string | null;
  /** The user's client language. */
  locale?: string;
  isChatInputCommand(): this is ChatInputLike;
  isButton(): this is ButtonLike;
  isAutocomplete(): this is AutocompleteLike;
}

/** A slash command (discord.js `ChatInputCommandInteraction`). */
export interface ChatInputLike extends GatewayInteractionLike {
  commandName: string;
  options: { readonly data: readonly RawOption[] };
  reply(options: GatewayReply): Promise<unknown>;
  deferReply(options: { flags?: MessageFlags.Ephemeral }): Promise<unknown>;
  editReply(options: GatewayEdit): Promise<unknown>;
  followUp(options: GatewayReply): Promise<unknown>;
  deleteReply(): Promise<unknown>;
}

/** A button click (discord.js `ButtonInteraction`). */
export interface ButtonLike extends GatewayInteractionLike {
  customId: string;
  update(options: GatewayEdit): Promise<unknown>;
  reply(options: GatewayReply): Promise<unknown>;
}

/** An option being typed (discord.js `AutocompleteInteraction`). */
export interface AutocompleteLike extends GatewayInteractionLike {
  commandName: string;
  options: { getFocused(full: true): { name: string; value: string } };
  respond(choices: Choice[]): Promise<unknown>;
}

/** What the routing needs besides the interaction. */
export interface GatewayDeps {
  services: CommandServices;
  pager: ReplyPager;
  logger: Logger;
  /** How long a command may run before the answer is deferred (default 2 s). */
  deferAfterMs?: number;
}

/** A running gateway connection. */
export interface DiscordGateway {
  stop(): Promise<void>;
}

/**
 * Routes one gateway interaction: slash commands (answered directly, or deferred then edited when
 * slow), page buttons, story completion. Other interactions are ignored. Never throws: failures are logged.
 */
export async function handleGatewayInteraction(interaction: GatewayInteractionLike, deps: GatewayDeps): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) await command(interaction, deps);
    else if (interaction.isButton() && isPageButton(interaction.customId)) {
      const turned = deps.pager.turn(interaction.customId);
      if (turned) await interaction.update(toEdit(turned));
      else await interaction.reply(toReply(deps.pager.render(note('Expired', EXPIRED_PAGES))));
    } else if (interaction.isButton() && isLabelButton(interaction.customId)) {
      await answerGatewayLabelClick(interaction, { services: deps.services, pager: deps.pager, deferAfterMs: deps.deferAfterMs ?? ANSWER_WITHIN_MS });
    } else if (interaction.isAutocomplete()) {
      const focused = interaction.options.getFocused(true);
      await interaction.respond(await storyChoices(deps.services, interaction.channelId, interaction.commandName, focused.name, focused.value));
    }
  } catch (error) {
    deps.logger.error({ err: error }, 'discord interaction failed');
  }
}

async function command(interaction: ChatInputLike, deps: GatewayDeps): Promise<void> {
  const asker = {
    userId: interaction.user.id,
    channelId: interaction.channelId,
    guildId: interaction.guildId,
    permissions: interaction.memberPermissions?.bitfield ?? null,
    guildLocale: interaction.guildLocale,
    ...(interaction.locale ? { locale: interaction.locale } : {}),
  };
  const responder: CommandResponder = {
    reply: (data) => interaction.reply(toReply(data)),
    defer: (ephemeral) => interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    edit: (data) => interaction.editReply(toEdit(data)),
    followUp: (data) => interaction.followUp(toReply(data)),
    deleteDeferred: () => interaction.deleteReply(),
  };
  const answer = { services: deps.services, pager: deps.pager, deferAfterMs: deps.deferAfterMs ?? ANSWER_WITHIN_MS };
  await answerDiscordCommand(interaction.commandName, flattenOptions(interaction.options.data), asker, responder, answer);
}

function toEdit(data: DiscordReplyData): GatewayEdit {
  return { embeds: data.embeds, components: data.components, allowedMentions: { parse: [] } };
}

function toReply(data: DiscordReplyData): GatewayReply {
  return { ...toEdit(data), ...(data.flags === MessageFlags.Ephemeral ? { flags: MessageFlags.Ephemeral } : {}) };
}

/** What the gateway connection needs. */
export interface GatewayOptions {
  token: string;
  /** REST base (DISCORD_API_URL), e.g. `http://127.0.0.1:8080/api`; Discord's own by default. The gateway's address comes from its `GET /gateway/bot`. */
  apiUrl?: string;
  services: CommandServices;
  logger: Logger;
  /** How long a command may run before the answer is deferred (default 2 s). */
  deferAfterMs?: number;
}

/**
 * Connects to Discord's gateway with a discord.js `Client` (Guilds intent only) and serves the slash
 * commands through `handleGatewayInteraction`; discord.js resumes (or identifies again) after a dropped
 * socket. Fails with DISCORD_GATEWAY_LOGIN when the token is refused or Discord cannot be reached.
 */
export async function startDiscordGateway(options: GatewayOptions): Promise<Result<DiscordGateway>> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}) });
  const deps: GatewayDeps = {
    services: options.services,
    logger: options.logger,
    pager: createReplyPager(),
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
  };
  client.on(Events.InteractionCreate, (interaction) => void handleGatewayInteraction(interaction, deps));
  client.on(Events.Error, (error) => options.logger.error({ err: error }, 'discord gateway error'));
  try {
    await client.login(options.token);
  } catch (error) {
    await client.destroy();
    return err('DISCORD_GATEWAY_LOGIN', `cannot connect to the Discord gateway: ${error instanceof Error ? error.message : String(error)}`);
  }
  options.logger.info({ user: client.user?.tag }, 'discord gateway connected');
  return ok({ stop: () => client.destroy() });
}
