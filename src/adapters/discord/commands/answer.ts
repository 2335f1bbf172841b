import { MessageFlags } from 'discord-api-types/v10';
import type { CommandServices, Reply } from '../../../../commands/command.js';
import { settleWithin } from '../../common/settle.js';
import type { DiscordReplyData, ReplyPager } from './reply.js';
import { expectEphemeral, runDiscordCommand, type Asker } from './route.js';

/**
 * The ways to answer one command interaction; the HTTP endpoint does them with its callback
 * response and the webhook API, the gateway with discord.js' interaction methods.
 */
export interface CommandResponder {
  /** Answers at once with the reply. */
  reply(data: DiscordReplyData): Promise<unknown>;
  /** Says the answer will follow (only the asker sees it when `ephemeral`). */
  defer(ephemeral: boolean): Promise<unknown>;
  /** Replaces the deferred answer (a message's flags cannot change: they are not sent). */
  edit(data: DiscordReplyData): Promise<unknown>;
  /** Sends the answer as a new message. */
  followUp(data: DiscordReplyData): Promise<unknown>;
  /** Deletes the deferred answer. */
  deleteDeferred(): Promise<unknown>;
}

/** What answering a command needs besides the interaction. */
export interface AnswerDeps {
  services: CommandServices;
  pager: ReplyPager;
  /** How long a command may run before its answer is deferred. */
  deferAfterMs: number;
}

/**
 * Runs a command and answers it, for both transports: directly when it is done within
 * `deferAfterMs`; otherwise deferred (ephemeral unless `share` was asked for), then the deferred
 * answer is edited — or, when the answer's visibility differs from the deferral's, a follow-up is
 * sent and the deferred answer deleted.
 */
export async function answerDiscordCommand(
  name: string,
  raw: Record<string, unknown>,
  asker: Asker,
  responder: CommandResponder,
  deps: AnswerDeps,
): Promise<void> {
  await answerDiscordReply(runDiscordCommand(name, raw, asker, deps.services), expectEphemeral(raw), responder, deps);
}

/**
 * Answers with the reply `work` gives (a command's, a button's), as `answerDiscordCommand` says:
 * directly within `deferAfterMs`, else deferred (`ephemeral` or not), then edited or followed up.
 */
export async function answerDiscordReply(
  work: Promise<Reply>,
  ephemeral: boolean,
  responder: CommandResponder,
  deps: Omit<AnswerDeps, 'services'>,
): Promise<void> {
  const done = await settleWithin(work, deps.deferAfterMs);
  if (done) {
    await responder.reply(deps.pager.render(done.value));
    return;
  }
  await responder.defer(ephemeral);
  const data = deps.pager.render(await work);
  if ((data.flags === MessageFlags.Ephemeral) === ephemeral) {
    await responder.edit(data);
    return;
  }
  await responder.followUp(data);
  await responder.deleteDeferred();
}
