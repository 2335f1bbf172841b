import { localeFor, supportedLanguage, type Locale } from '../src/delivery/locale/locale.js';
import type { CommandContext } from './command.js';

/**
 * The locale a command answers in (decision 023): the language of this channel's subscription to
 * the story, else of the server or workspace (`platformLocale`), else English.
 */
export async function channelLocale(ctx: CommandContext, storyId: string): Promise<Locale> {
  const sub = (await ctx.services.store.listSubscriptions()).find(
    (s) => s.platform === ctx.platform && s.channelId === ctx.channelId && s.storyId === storyId && s.unsubscribedAt === null,
  );
  return localeFor(sub?.language ?? supportedLanguage(await ctx.platformLocale?.()));
}
