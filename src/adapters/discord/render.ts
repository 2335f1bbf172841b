import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord-api-types/v10';
import { escapeMarkdown } from 'discord.js';
import type { EventKind } from '../../core/event-kinds.js';
import type { DevelopmentView, OutboundMessage, SourceView } from '../../delivery/message.js';
import { labelButtons, shownDate } from '../common/label-buttons.js';
import { alsoReported, digestTotals, languagesOf, localeOf, messageTitle, safeUrl } from '../common/text.js';
import type { Locale } from '../../delivery/locale/locale.js';
import { oneLine, truncate } from '../../core/text/display.js';

/** The message limits Discord enforces (characters are counted as UTF-16 units here, the strictest reading). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fields: 25,
  fieldValue: 1024,
  embedsPerMessage: 10,
  charsPerMessage: 6000,
} as const;

/** A message body for `POST /channels/{id}/messages` (the sender adds `nonce` and `enforce_nonce`). */
export type DiscordMessageBody = Pick<RESTPostAPIChannelMessageJSONBody, 'content' | 'embeds' | 'flags'> & {
  /** Nothing is parsed from the text; `roles` lists the one role a subscription's ping names (decision 024). */
  allowed_mentions: { parse: []; roles?: string[] };
  /** An alert's label buttons; an empty list on a withdrawn alert removes them when it is edited. */
  components?: APIActionRowComponent<APIButtonComponent>[];
};

const KIND_COLOURS: Record<EventKind, number> = {
  military_strike: 0xd62828,
  militant_attack: 0xe76f51,
  casualties: 0x7f1d1d,
  diplomatic_protest: 0xf4a261,
  diplomatic_talks: 0x3a86ff,
  de_escalation: 0x2a9d8f,
  agreement: 0x06d6a0,
  visit: 0x8338ec,
  statement: 0x8d99ae,
  sanctions: 0x6d4c41,
};
/** The colour of digest embeds. */
export const DIGEST_COLOUR = 0x5865f2;
const ALERT_SUMMARY = 1500;
const DIGEST_SUMMARY = 600;
const PART_SUFFIX = 16;
const SEPARATOR = '\n\n';

/**
 * Text made inert for Discord: one line, markdown escaped (discord.js `escapeMarkdown`, plus headings,
 * `-#` subtext, lists, quotes and link brackets), `@everyone`/`@here` and `<@…>`/`<#…>`-style mentions
 * broken with a zero-width space. `allowed_mentions` blocks pings anyway; this keeps the text literal.
 */
export function inertDiscord(text: string): string {
  return escapeMarkdown(oneLine(text), { heading: true, bulletedList: true, numberedList: true })
    .replace(/^(>|-#)/u, '\\$1')
    .replace(/[[\]]/gu, '\\$&')
    .replace(/@(everyone|here)/giu, '@\u200b$1')
    .replace(/<(?=[@#:/]|a:|t:|id:)/gu, '<\u200b');
}

/** Inert text of at most `max` characters: cut before escaping, so no escape is ever split. */
export function fit(text: string, max: number): string {
  let budget = max;
  for (;;) {
    const inert = inertDiscord(truncate(oneLine(text), budget));
    if (inert.length <= max || budget <= 1) return inert;
    budget = Math.max(1, budget - (inert.length - max));
  }
}

/** Renders a message as one or more Discord message bodies, each within Discord's limits. */
export function renderDiscord(message: OutboundMessage): DiscordMessageBody[] {
  if (message.type === 'notice') return [renderNotice(message)];
  if (message.type === 'alert') return [renderAlert(message)];
  if (message.developments.length === 0) return [renderQuietDigest(message)];
  return renderDigest(message);
}

/** An ops notice: its title in bold, then its lines, inert, without link previews. */
function renderNotice(message: Extract<OutboundMessage, { type: 'notice' }>): DiscordMessageBody {
  const body = message.lines.map((line) => fit(line, 600)).join('\n');
  return {
    content: truncate(`**${fit(messageTitle(message), 200)}**\n${body}`, DISCORD_LIMITS.content),
    allowed_mentions: { parse: [] },
    flags: MessageFlags.SuppressEmbeds,
  };
}

function renderAlert(message: Extract<OutboundMessage, { type: 'alert' }>): DiscordMessageBody {
  const locale = localeOf(message);
  const context = message.context.length > 0 ? [contextField(message.context, locale)] : [];
  const reserved = context.reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  const embeds: APIEmbed[] = [];
  for (const [i, dev] of message.developments.entries()) {
    const embed = alertEmbed(dev, message, i === 0, locale);
    const full = embeds.length === DISCORD_LIMITS.embedsPerMessage;
    if (full || totalChars([...embeds, embed]) + reserved > DISCORD_LIMITS.charsPerMessage) break;
    embeds.push(embed);
  }
  const last = embeds.at(-1);
  if (last) last.fields = [...(last.fields ?? []), ...context];
  const more = message.developments.length - embeds.length;
  const news = locale.t('newDevelopment');
  const head = message.feedback?.withdrawn ? `**${locale.t('withdrawnNote')}**\n~~${news}~~` : `**${news}**`;
  const ping = message.mention === undefined ? '' : `<@&${message.mention}> `;
  const content = `${ping}${head} · ${fit(message.storyTitle, 200)}${more > 0 ? ` (${locale.t('more', { count: more })})` : ''}`;
  const allowed_mentions = message.mention === undefined ? { parse: [] as [] } : { parse: [] as [], roles: [message.mention] };
  return { content, embeds, allowed_mentions, ...(message.alertId === undefined ? {} : { components: labelRow(message) }) };
}

/** The alert's "not this story" and "wrong date" buttons in one action row; none once withdrawn. */
function labelRow(message: Extract<OutboundMessage, { type: 'alert' }>): APIActionRowComponent<APIButtonComponent>[] {
  const buttons = labelButtons(message).map((b): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: b.text,
    custom_id: b.id,
  }));
  return buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

function alertEmbed(dev: DevelopmentView, message: Extract<OutboundMessage, { type: 'alert' }>, first: boolean, locale: Locale): APIEmbed {
  const source = message.source;
  const url = safeUrl(dev.link);
  const description = fit(dev.summary, ALERT_SUMMARY);
  const fields: APIEmbedField[] = [
    { name: locale.t('date'), value: shownDate(message, dev.date), inline: true },
    { name: locale.t('kind'), value: fit(dev.kindLabel, 100), inline: true },
    { name: locale.t('language'), value: fit(languagesOf(dev, locale), 200), inline: true },
    { name: locale.t('sources'), value: alsoReported(dev, locale), inline: true },
  ];
  if (first) fields.push({ name: locale.t('source'), value: sourceValue(source) });
  return {
    title: fit(dev.label, DISCORD_LIMITS.embedTitle),
    ...(url ? { url } : {}),
    ...(description ? { description } : {}),
    color: KIND_COLOURS[dev.kind],
    fields,
    timestamp: first && source.published ? source.published : `${dev.date}T00:00:00.000Z`,
  };
}

function sourceValue(source: SourceView): string {
  const label = fit(`${source.feedName}: ${source.title} (${source.lang})`, 600);
  const url = safeUrl(source.link);
  return url ? `[${label}](${url})` : label;
}

/** Older developments, one compact line each, within a field's 1,024 characters. */
function contextField(context: DevelopmentView[], locale: Locale): APIEmbedField {
  const lines: string[] = [];
  for (const [i, dev] of context.entries()) {
    const line = `\`${locale.date(dev.date)}\` ${fit(dev.label, 200)} · ${locale.count('sourceCount', dev.sourceCount)}`;
    const rest = context.length - i - 1;
    const tail = rest > 0 ? `\n${locale.t('earlier', { count: rest })}` : '';
    if ([...lines, line].join('\n').length + tail.length > DISCORD_LIMITS.fieldValue) {
      lines.push(locale.t('earlier', { count: context.length - i }));
      break;
    }
    lines.push(line);
  }
  return { name: locale.t('earlierInStory'), value: lines.join('\n') };
}

function renderQuietDigest(message: Extract<OutboundMessage, { type: 'digest' }>): DiscordMessageBody {
  const locale = localeOf(message);
  const head = `**${fit(messageTitle(message), 300)}** — ${locale.t('quietInline')}`;
  const latest = message.latest;
  if (!latest) return { content: head, allowed_mentions: { parse: [] } };
  const url = safeUrl(latest.link);
  const content = `${head} ${locale.t('latest')} **${locale.date(latest.date)}** ${fit(latest.label, 300)}${url ? ` ${url}` : ''}`;
  return { content, allowed_mentions: { parse: [] }, ...(url ? { flags: MessageFlags.SuppressEmbeds } : {}) };
}

function digestLine(dev: DevelopmentView, locale: Locale): string {
  const url = safeUrl(dev.link);
  const head = `**${locale.date(dev.date)}** · ${fit(dev.kindLabel, 100)} — ${fit(dev.label, 256)}`;
  const tail = `${fit(languagesOf(dev, locale), 200)} · ${locale.count('sourceCount', dev.sourceCount)}${url ? ` · [${locale.t('sourceLink')}](${url})` : ''}`;
  return `${head}\n${fit(dev.summary, DIGEST_SUMMARY)}\n${tail}`;
}

/** Packs one line per development into embeds (≤ 4,096 each) and messages (≤ 10 embeds, ≤ 6,000 chars). */
function renderDigest(message: Extract<OutboundMessage, { type: 'digest' }>): DiscordMessageBody[] {
  const title = fit(messageTitle(message), DISCORD_LIMITS.embedTitle - PART_SUFFIX);
  const budget = DISCORD_LIMITS.charsPerMessage - title.length - PART_SUFFIX;
  const locale = localeOf(message);
  const messages: string[][][] = [];
  for (const line of message.developments.map((dev) => digestLine(dev, locale))) {
    const msg = messages.at(-1);
    const embed = msg?.at(-1);
    const used = msg ? msg.reduce((sum, lines) => sum + lines.join(SEPARATOR).length, 0) : 0;
    const grown = embed ? embed.join(SEPARATOR).length + SEPARATOR.length + line.length : Infinity;
    if (msg && embed && grown <= DISCORD_LIMITS.embedDescription && used + SEPARATOR.length + line.length <= budget) embed.push(line);
    else if (msg && msg.length < DISCORD_LIMITS.embedsPerMessage && used + line.length <= budget) msg.push([line]);
    else messages.push([[line]]);
  }
  return messages.map((embeds, part) => ({
    ...(part === 0 ? { content: `**${fit(message.storyTitle, 300)}**: ${digestTotals(message.developments, locale)}` } : {}),
    embeds: embeds.map((lines, i) => ({
      ...(i === 0 ? { title: messages.length > 1 ? `${title} (${part + 1}/${messages.length})` : title } : {}),
      description: lines.join(SEPARATOR),
      color: DIGEST_COLOUR,
    })),
    allowed_mentions: { parse: [] },
  }));
}

/** Characters Discord counts towards a message's 6,000: titles, descriptions, field names and values, footers, authors. */
export function totalChars(embeds: APIEmbed[]): number {
  return embeds.reduce(
    (sum, e) =>
      sum +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.author?.name.length ?? 0) +
      (e.fields ?? []).reduce((s, f) => s + f.name.length + f.value.length, 0),
    0,
  );
}
