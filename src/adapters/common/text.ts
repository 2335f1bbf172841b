import { plural } from '../../core/text/display.js';
import type { DevelopmentView, OutboundMessage } from '../../delivery/message.js';

/** How many others reported a development beyond its first source: "first report" or "also reported by 2 sources". */
export function alsoReported(dev: DevelopmentView): string {
  if (dev.sourceCount === 0) return 'withdrawn: no source counts';
  const others = dev.sourceCount - 1;
  return others < 1 ? 'first report' : `also reported by ${plural(others, 'source')}`;
}

/** The languages its counting sources were in, its summary's language first: "ar, en, zh"; "—" when none counts. */
export function languagesOf(dev: DevelopmentView): string {
  const first = dev.languages.includes(dev.summaryLang) ? [dev.summaryLang] : [];
  return [...new Set([...first, ...dev.languages])].join(', ') || '—';
}

/** A digest's totals line: "5 developments · 9 sources · 4 languages (ar, en, vi, zh)". */
export function digestTotals(devs: DevelopmentView[]): string {
  const sources = devs.reduce((sum, dev) => sum + dev.sourceCount, 0);
  const languages = [...new Set(devs.flatMap((dev) => [dev.summaryLang, ...dev.languages]))].sort();
  return `${plural(devs.length, 'development')} · ${plural(sources, 'source')} · ${plural(languages.length, 'language')} (${languages.join(', ')})`;
}

/** The title of a message: "New development · <story>", "Daily digest · <story> · <day>" or "storywatch ops · <notice>". */
export function messageTitle(message: OutboundMessage): string {
  if (message.type === 'notice') return `storywatch ops · ${message.title}`;
  return message.type === 'alert' ? `New development · ${message.storyTitle}` : `Daily digest · ${message.storyTitle} · ${message.day}`;
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
