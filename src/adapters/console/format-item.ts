import type { StoredItem } from '../../core/item.js';
import type { Detection } from '../../pipeline/detect/detect-item.js';
import type { MatchResult } from '../../pipeline/match/score.js';

/** One stored item as the console shows it: language, date, clean-text size and identity. */
export function formatItem(item: StoredItem): string[] {
  const date = item.published ? item.published.toISOString().replace(/\.\d{3}Z$/, 'Z') : 'no date';
  return [
    `  "${item.title}"`,
    `    language ${item.lang} (${item.langSource}) · published ${date} · ${item.text.length} chars of clean text`,
    `    stored as item #${item.id} · key ${item.key}`,
  ];
}

/** A match decision as the console shows it: the verdict, the score and the reasons. */
export function formatMatch(storyId: string, match: MatchResult | null): string[] {
  if (match === null) return [`    story ${storyId}: no match`];
  return [`    story ${storyId}: ${match.matched ? 'MATCH' : 'no match'} (score ${match.score.toFixed(2)})`, `      ${match.reasons.join(' · ')}`];
}

/**
 * What an item did to a timeline: a NEW DEVELOPMENT alert with its background, or one more source;
 * the developments it now reports first (published before their earlier first report), and those
 * it dates by the day it writes.
 */
export function formatDetection(d: Detection): string[] {
  const line = (x: { date: string; label: string }): string => `${x.date} ${x.label}`;
  const revised = [
    ...d.revised.map((x) => `      now its first report (published earlier): ${line(x)}`),
    ...d.redated.map((x) => `      now dated by the day it writes: ${line(x)}`),
  ];
  if (d.created.length === 0) {
    const known = [...d.attached, ...d.revised, ...d.redated].map(line).join('; ') || 'nothing dated';
    return [`    no new development: one more source for ${known}`, ...revised];
  }
  const [news, ...background] = [...d.created].sort((a, b) => b.date.localeCompare(a.date));
  return [
    `    ${d.alertId !== null ? '🔔 NEW DEVELOPMENT' : 'new development (baseline, no alert)'}: ${news ? line(news) : ''}`,
    `      "${news?.summary ?? ''}"`,
    ...background.map((x) => `      also new: ${line(x)}`),
    ...d.attached.map((x) => `      context: ${line(x)}`),
    ...revised,
  ];
}
