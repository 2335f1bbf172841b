import { MessageFlags } from 'discord-api-types/v10';
import { accessLevel, note, type CommandServices, type Reply } from '../../../../commands/command.js';
import { labelAlert } from '../../../../commands/label-alert.js';
import { readLabelButton } from '../../common/label-buttons.js';
import { answerDiscordReply, type AnswerDeps, type CommandResponder } from './answer.js';
import type { DiscordReplyData } from './reply.js';
import type { Asker } from './route.js';

/**
 * Records a click on an alert's label button for a Discord member: the tenant is the guild of this
 * interaction (none in DMs, where nothing is recorded); any member may label (decision 027).
 */
export function runDiscordLabelClick(customId: string, asker: Asker, services: CommandServices): Promise<Reply> {
  const button = readLabelButton(customId);
  if (!button) return Promise.resolve(note('Not recorded', 'This button is from an older storywatch; label a newer alert.'));
  const level = accessLevel(asker.userId, asker.guildId, 'member', services.operators);
  const ctx = { platform: 'discord' as const, userId: asker.userId, channelId: asker.channelId, tenantId: asker.guildId, level, services };
  return labelAlert(button.alertId, button.choice, ctx);
}

/** Answers a label click (HTTP endpoint or gateway): an ephemeral confirmation, deferred when the store is slow. */
export function answerLabelClick(customId: string, asker: Asker, responder: CommandResponder, deps: AnswerDeps): Promise<void> {
  return answerDiscordReply(runDiscordLabelClick(customId, asker, deps.services), true, responder, deps);
}

/** What a discord.js button interaction offers for answering (a `ButtonInteraction` has all of it). */
export interface GatewayButtonAnswer {
  customId: string;
  user: { id: string };
  channelId: string | null;
  guildId: string | null;
  reply(options: GatewayAnswer): Promise<unknown>;
  deferReply?(options: { flags?: MessageFlags.Ephemeral }): Promise<unknown>;
  editReply?(options: GatewayAnswer): Promise<unknown>;
}

/** A reply or an edit as discord.js takes it. */
interface GatewayAnswer {
  embeds: DiscordReplyData['embeds'];
  components: DiscordReplyData['components'];
  allowedMentions: { parse: [] };
  flags?: MessageFlags.Ephemeral;
}

/** Answers a label click that came over the gateway, through discord.js' interaction methods. */
export function answerGatewayLabelClick(interaction: GatewayButtonAnswer, deps: AnswerDeps): Promise<void> {
  const asker = { userId: interaction.user.id, channelId: interaction.channelId, guildId: interaction.guildId, permissions: null };
  const body = (data: DiscordReplyData): GatewayAnswer => ({ embeds: data.embeds, components: data.components, allowedMentions: { parse: [] } });
  const responder: CommandResponder = {
    reply: (data) => interaction.reply({ ...body(data), flags: MessageFlags.Ephemeral }),
    defer: async () => interaction.deferReply?.({ flags: MessageFlags.Ephemeral }),
    edit: async (data) => interaction.editReply?.(body(data)),
    followUp: (data) => interaction.reply({ ...body(data), flags: MessageFlags.Ephemeral }),
    deleteDeferred: async () => undefined,
  };
  // Without deferReply (never the case with discord.js) the answer waits for the work and replies.
  return answerDiscordReply(runDiscordLabelClick(interaction.customId, asker, deps.services), true, responder, {
    ...deps,
    deferAfterMs: interaction.deferReply ? deps.deferAfterMs : Number.POSITIVE_INFINITY,
  });
}
