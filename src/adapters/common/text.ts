import type { DevelopmentView, OutboundMessage } from '../../delivery/message.js';
import { localeFor, type Locale } from '../../delivery/locale/locale.js';

/** The locale a message is written in: its channel's language (decision 023), English when it names none (ops notices). */
export function localeOf(message: OutboundMessage): Locale {
  return localeFor(message.type === 'notice' ? undefined : message.language);
}

/** How many others reported a development beyond its first source: "first report" or "also reported by 2 sources". */
export function alsoReported(dev: DevelopmentView, locale: Locale = localeFor()): string {
  if (dev.sourceCount === 0) return locale.t('noSourceCounts');
  const others = dev.sourceCount - 1;
  return others < 1 ? locale.t('firstReport') : locale.count('alsoReported', others);
}

/** The languages its counting sources were in, its summary's language first: "ar, en, zh" (or their names); "—" when none counts. */
export function languagesOf(dev: DevelopmentView, locale: Locale = localeFor()): string {
  const first = dev.languages.includes(dev.summaryLang) ? [dev.summaryLang] : [];
  return locale.languages([...new Set([...first, ...dev.languages])]) || '—';
}

/** A digest's totals line: "5 developments · 9 sources · 4 languages (ar, en, vi, zh)". */
export function digestTotals(devs: DevelopmentView[], locale: Locale = localeFor()): string {
  const sources = devs.reduce((sum, dev) => sum + dev.sourceCount, 0);
  const languages = [...new Set(devs.flatMap((dev) => [dev.summaryLang, ...dev.languages]))].sort();
  const counts = [locale.count('developments', devs.length), locale.count('sourceCount', sources), locale.count('languageCount', languages.length)];
  return `${counts.join(' · ')} (${locale.languages(languages)})`;
}

/** The title of a message in its language: "New development · <story>", "Daily digest · <story> · <day>" or "storywatch ops · <notice>". */
export function messageTitle(message: OutboundMessage): string {
  if (message.type === 'notice') return `storywatch ops · ${message.title}`;
  const locale = localeOf(message);
  return message.type === 'alert'
    ? locale.t('alertTitle', { story: message.storyTitle })
    : locale.t('digestTitle', { story: message.storyTitle, day: locale.date(message.day) });
}

const MAX_LINK = 512;

/**
 * A link safe to put in markup: only absolute http(s) URLs of sane length, with the characters that
 * end a Markdown link or a Slack `<url|label>` percent-encoded; anything else is dropped (null).
 */
export function safeUrl(link: string | null): string | null {
  if (link === null) return null;
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const href = url.href.replace(/[()<>|\s"`]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return href.length <= MAX_LINK ? href : null;
}
