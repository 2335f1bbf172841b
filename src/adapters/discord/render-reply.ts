import type { APIEmbed } from 'discord-api-types/v10';
import type { ThreadReply } from '../../delivery/message.js';
import { localeFor } from '../../delivery/locale/locale.js';
import { alsoReported, languagesOf, safeUrl } from '../common/text.js';
import { DISCORD_LIMITS, fit, type DiscordMessageBody } from './render.js';

const REPLY_COLOUR = 0x8d99ae;
const CORRECTION_COLOUR = 0xf4a261;

/**
 * A thread reply (decision 024) as one Discord message: "Another source" (or "Correction") with the
 * source's feed, title and link, and each development it reports with its current source count.
 * Feed text is inert and nothing pings (`parse: []`, no roles). Words in the channel's language.
 */
export function renderDiscordReply(reply: ThreadReply): DiscordMessageBody {
  const source = reply.source;
  const url = safeUrl(source.link);
  const locale = localeFor(reply.language);
  const head = reply.correction ? `**${locale.t('correction')}** — ${locale.t('correctionNote')}` : `**${locale.t('anotherSource')}**`;
  const embeds: APIEmbed[] = [
    {
      title: fit(`${source.feedName}: ${source.title}`, DISCORD_LIMITS.embedTitle),
      ...(url ? { url } : {}),
      color: reply.correction ? CORRECTION_COLOUR : REPLY_COLOUR,
      fields: reply.developments.slice(0, DISCORD_LIMITS.fields).map((dev) => ({
        name: fit(`${locale.date(dev.date)} · ${dev.label}`, 256),
        value: fit(`${alsoReported(dev, locale)} · ${languagesOf(dev, locale)}`, DISCORD_LIMITS.fieldValue),
      })),
      ...(source.published ? { timestamp: source.published } : {}),
      footer: { text: fit(`${locale.t('language')}: ${locale.languages([source.lang])}`, 100) },
    },
  ];
  return { content: `${head} · ${fit(reply.storyTitle, 200)}`, embeds, allowed_mentions: { parse: [] } };
}
