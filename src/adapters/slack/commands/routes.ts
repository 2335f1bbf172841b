import type { AllMiddlewareArgs, App, BlockAction, ButtonAction, SlackActionMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { accessLevel, note, runCommand, type CommandContext, type CommandServices, type Reply } from '../../../../commands/command.js';
import type { Logger } from '../../../core/logger.js';
import { helpLines, parseSlashCommand, UMBRELLA } from './parse-text.js';
import { EXPIRED_PAGES, PAGE_ACTION, type SlackPager } from './reply.js';
import { settleWithin } from '../../common/settle.js';
import { answerLabelAction, LABEL_ACTION } from './label-action.js';

/** What the Slack listeners need: the command services, who is an admin, the configured names, the pages. */
export interface SlackCommandDeps {
  services: CommandServices;
  /** Slack user ids (U…) allowed to run admin commands (SLACK_ADMIN_USERS). */
  adminUserIds: readonly string[];
  /** The prefix of the configured command names, e.g. `sw-` for `/sw-timeline` (SLACK_COMMAND_PREFIX). */
  commandPrefix: string;
  /** How long a command may run before the answer goes through `respond()` instead of `ack()`. */
  ackWithinMs: number;
  pager: SlackPager;
  log: Logger;
}

/** Slack waits 3 s for the acknowledgement; answers that take longer than this go through response_url. */
export const ACK_WITHIN_MS = 2000;

/** Shown above a shared answer that Slack refused to post in the channel, when it is sent to the asker alone. */
export const CANNOT_POST = "(I can't post in this channel, so only you see this answer. Add the app to the channel to share answers.)";

/**
 * Registers the listeners both modes share (HTTP and Socket Mode differ only in the receiver): every
 * slash command of the app, routed by its configured name, and the page buttons of long answers.
 */
export function registerSlackCommands(app: App, deps: SlackCommandDeps): void {
  app.command(/^\/./u, async ({ command, ack, respond, client }) => answerCommand({ command, ack, respond, client }, deps));
  app.action<BlockAction<ButtonAction>>(PAGE_ACTION, async ({ action, ack, respond }) => turnPage({ action, ack, respond }, deps));
  app.action<BlockAction<ButtonAction>>(LABEL_ACTION, async ({ action, body, ack, respond }) => answerLabelAction({ action, body, ack, respond }, deps));
}

/**
 * Answers one slash command. The command runs at once; when it finishes within `ackWithinMs` with an
 * ephemeral answer, `ack()` carries that answer. Otherwise `ack()` goes out empty (Slack's 3 s are
 * kept) and the answer follows through `respond()` (the command's response_url).
 */
export async function answerCommand(
  args: Pick<SlackCommandMiddlewareArgs, 'command' | 'ack' | 'respond'> & Partial<Pick<AllMiddlewareArgs, 'client'>>,
  deps: SlackCommandDeps,
): Promise<void> {
  const { command, ack, respond, client } = args;
  const parsed = parseSlashCommand(command.command, command.text, deps.commandPrefix);
  if (parsed.kind === 'help') return ack(deps.pager.render(note(`/${deps.commandPrefix}${UMBRELLA} commands`, ...helpLines(deps.commandPrefix))));
  if (parsed.kind === 'error') return ack(deps.pager.render(note(parsed.title, parsed.message)));
  // A DM (channel D…) belongs to no workspace channel: nothing may be changed from there.
  const tenantId = command.channel_id.startsWith('D') ? null : command.team_id;
  const ctx: CommandContext = {
    platform: 'slack',
    userId: command.user_id,
    channelId: command.channel_id,
    tenantId,
    level: accessLevel(command.user_id, tenantId, deps.adminUserIds.includes(command.user_id) ? 'server-admin' : 'member', deps.services.operators),
    services: deps.services,
    // Without a bot token there is nobody to ask (and nothing to wait for on shutdown).
    platformLocale: () => (client?.token ? userLocale(client, command.user_id, deps.log) : Promise.resolve(null)),
  };
  const running = runCommand(parsed.def, parsed.raw, ctx).then((reply) => withExactCommands(reply, command.command, command.text));
  const early = await settleWithin(running, deps.ackWithinMs);
  // A shared (in_channel) answer never rides on ack(): if Slack refuses to post it in this channel,
  // only respond() lets us notice and fall back to an ephemeral answer (see `deliver`).
  if (early?.value.ephemeral) return ack(deps.pager.render(early.value));
  await ack();
  await deliver(respond, early ? early.value : await running, deps, `${command.command} in ${command.channel_id}`);
}

/** How long a command waits for the asker's locale before going on without it (the client retries a failing call for minutes). */
const LOCALE_WITHIN_MS = 1500;

/**
 * The Slack user's locale (`users.info` with `include_locale`, scope users:read), or null when Slack
 * does not say within LOCALE_WITHIN_MS (a refusal, such as a missing scope, is logged; the
 * subscription then gets the default language).
 */
async function userLocale(client: AllMiddlewareArgs['client'], user: string, log: Logger): Promise<string | null> {
  const lookup = client.users.info({ user, include_locale: true }).then(
    (info) => info.user?.locale ?? null,
    (error: unknown) => {
      log.warn({ err: error, user }, 'could not read the Slack user locale');
      return null;
    },
  );
  return (await settleWithin(lookup, LOCALE_WITHIN_MS))?.value ?? null;
}

/**
 * An answer asking to choose (which story) with, for each choice, the exact command to type: the
 * command as configured and typed (`/sw-timeline from:2024-01-18`) with the option added.
 */
export function withExactCommands(reply: Reply, typedCommand: string, typedText: string): Reply {
  if (!reply.choose) return reply;
  const { option, values } = reply.choose;
  const typed = `${typedCommand} ${typedText.trim()}`.trim();
  return { ...reply, lines: [reply.lines[0] ?? '', ...values.map((v) => `${v.label}: ${typed} ${option}:${v.value}`)] };
}

/**
 * Sends an answer through response_url. Slack refuses an in_channel answer where the app cannot post
 * (a private channel or a conversation it was not added to, a channel where posting is restricted),
 * so a refused shared answer is sent again, ephemerally, with a note saying why.
 */
async function deliver(respond: SlackCommandMiddlewareArgs['respond'], reply: Reply, deps: SlackCommandDeps, where: string): Promise<void> {
  try {
    await respond(deps.pager.render(reply));
    return;
  } catch (error) {
    deps.log.warn(
      { err: error, channel: `slack:${where}` },
      reply.ephemeral ? 'slash command answer not delivered' : 'shared answer refused; answering ephemerally',
    );
    if (reply.ephemeral) return;
  }
  try {
    await respond(deps.pager.render({ ...reply, ephemeral: true, lines: [CANNOT_POST, ...reply.lines] }));
  } catch (error) {
    deps.log.warn({ err: error, channel: `slack:${where}` }, 'slash command answer not delivered');
  }
}

/** Answers a page button: the asked page replaces the message, or an ephemeral note when the pages expired. */
async function turnPage(args: Pick<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>, 'action' | 'ack' | 'respond'>, deps: SlackCommandDeps): Promise<void> {
  await args.ack();
  const next = deps.pager.turn(args.action.value ?? '');
  try {
    await args.respond(next ? { ...next, replace_original: true } : { response_type: 'ephemeral', replace_original: false, text: EXPIRED_PAGES });
  } catch (error) {
    deps.log.warn({ err: error }, 'page turn not delivered');
  }
}
